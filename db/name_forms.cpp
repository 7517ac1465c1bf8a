// name_forms is keyed by the nominative as written, the sex and the case: one confirmation
// serves every card and document with the same name.
#include "name_forms.h"

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

Result<std::optional<std::string>> stored(Database& db, const std::string& nominative, char sex, GramCase c) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT form FROM name_forms WHERE nominative = ?1 AND sex = ?2 AND gram_case = ?3"));
  st->bind_all(nominative, sex ? std::string(1, sex) : std::string(), std::string(to_db(c)));
  RG_TRY_ASSIGN(bool row, st->step());
  std::optional<std::string> out;
  if (row) out = st->col_text(0);
  st->reset();
  return out;
}

Result<NameForm> resolve(Database& db, std::string nominative, char sex, GramCase c, const Declined& rules) {
  NameForm f;
  f.nominative = std::move(nominative);
  f.sex = sex;
  f.gram_case = c;
  if (c == GramCase::Nominative) {
    f.form = f.nominative;
    return f;
  }
  RG_TRY_ASSIGN(auto s, stored(db, f.nominative, sex, c));
  if (s) {
    f.form = *s;
    f.confirmed = true;
    f.sure = true;
  } else {
    f.form = rules.text;
    f.sure = rules.sure;
  }
  return f;
}

std::string nominative_of(const PersonName& n) { return full_name(n.surname, n.name, n.patronymic); }

}  // namespace

Result<NameForm> name_in_case(Database& db, const PersonName& n, GramCase c) {
  return resolve(db, nominative_of(n), guess_sex(n), c, decline_name(n, c));
}

Result<NameForm> short_name_in_case(Database& db, const PersonName& n, GramCase c) {
  // The confirmed full form gives the short one: its first word is the surname in that case.
  const char sex = guess_sex(n);
  RG_TRY_ASSIGN(auto full, stored(db, nominative_of(n), sex, c));
  Declined rules = decline_short_name(n, c);
  if (full) {
    const auto space = full->find(' ');
    rules.text = (space == std::string::npos ? *full : full->substr(0, space)) +
                 rules.text.substr(std::min(rules.text.size(), rules.text.find(' ')));
    rules.sure = true;
  }
  NameForm f;
  f.nominative = masked_name(n.surname, n.name, n.patronymic);
  f.sex = sex;
  f.gram_case = c;
  f.form = c == GramCase::Nominative ? f.nominative : rules.text;
  f.confirmed = full.has_value();
  f.sure = c == GramCase::Nominative || rules.sure;
  return f;
}

Result<NameForm> phrase_in_case(Database& db, std::string_view phrase, GramCase c) {
  return resolve(db, fold_spaces(phrase), 0, c, decline_phrase(fold_spaces(phrase), c));
}

Result<NameForm> role_in_case(Database& db, std::string_view position, const PersonName& n, GramCase c) {
  const std::string pos = fold_spaces(position);
  if (pos.empty()) return name_in_case(db, n, c);
  const Declined p = decline_phrase(pos, c), name = decline_name(n, c);
  return resolve(db, pos + " " + nominative_of(n), 0, c, Declined{p.text + " " + name.text, p.sure && name.sure});
}

Status store_name_form(Database& db, std::string_view nominative, char sex, GramCase c, std::string_view form,
                       const Actor& actor) {
  const std::string nom = fold_spaces(nominative), f = fold_spaces(form);
  if (nom.empty() || c == GramCase::Nominative) return fail(ErrorCode::Invalid, _("Nothing to store: the name is empty."));
  if (f.empty()) return fail(ErrorCode::Invalid, _("Enter how the name reads in this case."));
  if (utf8_length(f) > 300) return fail(ErrorCode::Invalid, _("The form is longer than 300 characters."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::DocumentsPrint));
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO name_forms(nominative, sex, gram_case, form, updated_by, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (nominative, sex, gram_case) DO UPDATE SET form = excluded.form, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at"));
  st->bind_all(nom, sex ? std::string(1, sex) : std::string(), std::string(to_db(c)), f, actor.user_id, now_unix());
  RG_TRY(st->exec());
  RG_TRY(append_audit(db, actor, "name_form.store", "name_form", std::nullopt,
                      {{"case", to_db(c)}, {"nominative", nom}, {"form", f}}));
  return tx.commit();
}

}  // namespace rg::db
