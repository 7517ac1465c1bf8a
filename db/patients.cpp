// Patient records and search. Names and phones are folded in C++ and indexed as folded text,
// because SQLite folds ASCII only; input is always bound, never spliced into SQL.
#include "patients.h"

#include <algorithm>
#include <cstdio>

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

constexpr size_t kMaxQueryChars = 200;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status invalid(const char* msg) { return fail(ErrorCode::Invalid, msg); }

Result<std::string> next_card_no(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'next_card_no'),"
      " (SELECT coalesce(max(CAST(card_no AS INTEGER)), 0) + 1 FROM patients))"));
  RG_TRY_ASSIGN(bool row, st->step());
  (void)row;
  std::int64_t n = st->col_int(0);
  for (;;) {  // skip numbers taken by hand-entered cards
    RG_TRY_ASSIGN(auto chk, db.cached("SELECT 1 FROM patients WHERE card_no = ?1"));
    chk->bind(1, std::to_string(n));
    RG_TRY_ASSIGN(bool taken, chk->step());
    if (!taken) break;
    ++n;
  }
  RG_TRY_ASSIGN(auto up, db.cached(
      "INSERT INTO settings(key, value) VALUES ('next_card_no', ?1) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  up->bind(1, std::to_string(n + 1));
  RG_TRY(up->exec());
  return std::to_string(n);
}

Status write_search_keys(Database& db, std::int64_t id, const PatientDraft& p) {
  RG_TRY_ASSIGN(auto del, db.cached("DELETE FROM patient_name_keys WHERE patient_id = ?1"));
  del->bind(1, id);
  RG_TRY(del->exec());
  RG_TRY_ASSIGN(auto ins, db.cached(
      "INSERT INTO patient_name_keys(key, name_norm, patronymic_norm, birth_date, "
      "patient_id, part) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING"));
  auto keys = surname_keys(p.surname);
  std::string n = fold(p.name), pn = fold(p.patronymic), bd = p.birth_date.iso();
  for (size_t part = 0; part < keys.size(); ++part) {
    ins->bind_all(keys[part], n, pn, bd, id, static_cast<std::int64_t>(part));
    RG_TRY(ins->exec());
    ins->reset();
  }
  return {};
}

Status write_phones(Database& db, std::int64_t id, const PatientDraft& p) {
  RG_TRY_ASSIGN(auto del, db.cached("DELETE FROM patient_phones WHERE patient_id = ?1"));
  del->bind(1, id);
  RG_TRY(del->exec());
  RG_TRY_ASSIGN(auto ins, db.cached(
      "INSERT INTO patient_phones(patient_id, phone, phone_rev, kind, position) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING"));
  std::int64_t pos = 0;
  for (const auto& ph : p.phones) {
    std::string e164 = normalize_phone(ph.number);
    if (e164.empty()) continue;  // validate() already refused these for new input
    ins->bind_all(id, e164, reversed(e164), ph.kind, pos++);
    RG_TRY(ins->exec());
    ins->reset();
  }
  return {};
}

PatientDraft tidied(const PatientDraft& in) {
  PatientDraft p = in;
  p.surname = tidy_name(p.surname);
  p.name = tidy_name(p.name);
  p.patronymic = tidy_name(p.patronymic);
  return p;
}

void bind_patient_columns(Statement& st, const PatientDraft& in) {
  PatientDraft p = tidied(in);
  auto opt = [](const std::optional<std::string>& s) {
    return s && !s->empty() ? s : std::optional<std::string>{};
  };
  st.bind_all(p.surname, p.name, p.patronymic, fold(p.surname), fold(p.name), fold(p.patronymic),
              p.birth_date.iso(), std::string(1, p.sex), p.email, p.address, p.id_doc.type,
              p.id_doc.series, p.id_doc.number, p.id_doc.issued_by,
              p.id_doc.issued_on ? std::optional<std::string>(p.id_doc.issued_on->iso())
                                 : std::optional<std::string>{},
              opt(p.oms_enp), opt(p.snils), p.referral_source_id, p.marketing_consent, p.notes, digits_of(p.inn));
}

Error explain_write_error(const Error& e) {
  if (e.code != ErrorCode::Conflict) return e;
  if (e.detail.find("oms_enp") != std::string::npos)
    return {ErrorCode::Conflict, _("Another patient already has this OMS policy number."),
            e.detail};
  if (e.detail.find("card_no") != std::string::npos)
    return {ErrorCode::Conflict, _("This medical card number is already taken."), e.detail};
  if (e.detail.find("FOREIGN KEY") != std::string::npos)
    return {ErrorCode::Invalid, _("The referral source no longer exists. Choose another one."),
            e.detail};
  return {ErrorCode::Invalid, _("Some fields are filled in incorrectly."), e.detail};
}

std::string trimmed(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

}  // namespace

bool snils_valid(std::string_view d) {
  if (d.size() != 11 || !all_digits(d)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[i] - '0') * (9 - i);
  int check = sum < 100 ? sum : (sum <= 101 ? 0 : sum % 101);
  if (check == 100) check = 0;
  return check == (d[9] - '0') * 10 + (d[10] - '0');
}

Status validate(const PatientDraft& p, Date today) {
  if (trimmed(p.surname).empty()) return invalid(_("Enter the surname."));
  if (trimmed(p.name).empty()) return invalid(_("Enter the first name."));
  if (utf8_length(p.surname) > 100 || utf8_length(p.name) > 100 || utf8_length(p.patronymic) > 100)
    return invalid(_("A name part is longer than 100 characters."));
  if (!p.birth_date.valid() || p.birth_date > today || p.birth_date.year() < 1900)
    return invalid(_("Check the date of birth."));
  if (p.sex != 'M' && p.sex != 'F') return invalid(_("Choose the sex."));
  for (const auto& ph : p.phones)
    if (normalize_phone(ph.number).empty())
      return invalid(_("Check the phone number: enter it with the area code, e.g. +7 916 123-45-67."));
  if (p.oms_enp && !p.oms_enp->empty() && (p.oms_enp->size() != 16 || !all_digits(*p.oms_enp)))
    return invalid(_("The OMS policy number (ENP) has 16 digits."));
  if (p.snils && !p.snils->empty() && !snils_valid(*p.snils))
    return invalid(_("Check the SNILS: 11 digits with a valid check number."));
  if (utf8_length(p.notes) > 4000) return invalid(_("The note is longer than 4000 characters."));
  if (utf8_length(p.address) > 500) return invalid(_("The address is longer than 500 characters."));
  if (p.email.size() > 254) return invalid(_("The e-mail address is too long."));
  if (!p.inn.empty() && !inn_valid(digits_of(p.inn), /*person=*/true))
    return invalid(_("Check the INN: a person's INN has 12 digits with valid check numbers."));
  return {};
}

Result<std::int64_t> insert_patient(Database& db, const PatientDraft& p, std::string card_no) {
  if (card_no.empty()) {
    RG_TRY_ASSIGN(card_no, next_card_no(db));
  }
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO patients(surname, name, patronymic, surname_norm, name_norm, patronymic_norm, "
      "birth_date, sex, email, address, id_doc_type, id_doc_series, id_doc_number, "
      "id_doc_issued_by, id_doc_issued_on, oms_enp, snils, referral_source_id, marketing_consent, "
      "notes, inn, card_no, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23) RETURNING id"));
  bind_patient_columns(*st, p);
  st->bind(22, card_no).bind(23, now_unix());
  auto inserted = st->exec_returning_id();
  if (!inserted) return std::unexpected(explain_write_error(inserted.error()));
  std::int64_t id = *inserted;
  RG_TRY(write_search_keys(db, id, p));
  RG_TRY(write_phones(db, id, p));
  return id;
}

Result<std::int64_t> create_patient(Database& db, const PatientDraft& p, const Actor& actor) {
  RG_TRY(validate(p, today()));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PatientsEdit));
  RG_TRY_ASSIGN(std::int64_t id, insert_patient(db, p));
  RG_TRY(append_audit(db, actor, "patient.create", "patient", id,
                      {{"name", masked_name(p.surname, p.name, p.patronymic)}}));
  RG_TRY(tx.commit());
  return id;
}

namespace {

// The names of the fields that differ: the audit says what changed, not to what.
std::string changed_fields(const PatientDraft& a, const PatientDraft& b) {
  std::string out;
  auto note = [&out](bool differs, const char* name) {
    if (differs) out += (out.empty() ? "" : ",") + std::string(name);
  };
  note(tidy_name(a.surname) != tidy_name(b.surname), "surname");
  note(tidy_name(a.name) != tidy_name(b.name), "name");
  note(tidy_name(a.patronymic) != tidy_name(b.patronymic), "patronymic");
  note(a.birth_date != b.birth_date, "birth_date");
  note(a.sex != b.sex, "sex");
  auto numbers = [](const PatientDraft& p) {
    std::vector<std::string> v;
    for (const auto& ph : p.phones) v.push_back(normalize_phone(ph.number));
    return v;
  };
  note(numbers(a) != numbers(b), "phones");
  note(a.email != b.email, "email");
  note(a.address != b.address, "address");
  note(a.id_doc.type != b.id_doc.type || a.id_doc.series != b.id_doc.series || a.id_doc.number != b.id_doc.number ||
           a.id_doc.issued_by != b.id_doc.issued_by || a.id_doc.issued_on != b.id_doc.issued_on,
       "id_doc");
  note(a.oms_enp.value_or("") != b.oms_enp.value_or(""), "oms_enp");
  note(a.snils.value_or("") != b.snils.value_or(""), "snils");
  note(a.referral_source_id != b.referral_source_id, "referral_source");
  note(a.marketing_consent != b.marketing_consent, "marketing_consent");
  note(a.notes != b.notes, "notes");
  note(digits_of(a.inn) != digits_of(b.inn), "inn");
  return out;
}

}  // namespace

Status update_patient(Database& db, std::int64_t id, const PatientDraft& p, const Actor& actor,
                      std::optional<std::int64_t> seen_updated_at) {
  RG_TRY(validate(p, today()));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PatientsEdit));
  RG_TRY_ASSIGN(Patient before, get_patient(db, id));
  if (seen_updated_at && before.updated_at != *seen_updated_at)
    return fail(ErrorCode::Conflict,
                _("Someone else saved this card while you were editing it. Your changes are not saved: close the "
                  "form, open the card again and make them once more."),
                "stale");
  const std::string fields = changed_fields(before, p);
  if (fields.empty()) return tx.commit();  // nothing to change, nothing to log
  RG_TRY(store_patient(db, id, p));
  RG_TRY(append_audit(db, actor, "patient.update", "patient", id, {{"fields", fields}}));
  return tx.commit();
}

Status store_patient(Database& db, std::int64_t id, const PatientDraft& p) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE patients SET surname=?1, name=?2, patronymic=?3, surname_norm=?4, name_norm=?5, "
      "patronymic_norm=?6, birth_date=?7, sex=?8, email=?9, address=?10, id_doc_type=?11, "
      "id_doc_series=?12, id_doc_number=?13, id_doc_issued_by=?14, id_doc_issued_on=?15, "
      "oms_enp=?16, snils=?17, referral_source_id=?18, marketing_consent=?19, notes=?20, inn=?21, "
      "updated_at=max(?22, updated_at + 1) WHERE id=?23"));
  bind_patient_columns(*st, p);
  st->bind(22, now_unix()).bind(23, id);
  if (auto r = st->exec(); !r) return std::unexpected(explain_write_error(r.error()));
  RG_TRY(write_search_keys(db, id, p));
  RG_TRY(write_phones(db, id, p));
  return {};
}

Status log_patient_view(Database& db, std::int64_t patient_id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(append_audit(db, actor, "patient.view", "patient", patient_id));
  return tx.commit();
}

Result<std::vector<PatientSummary>> possible_duplicates(Database& db, const PatientDraft& p, std::int64_t except_id) {
  std::vector<PatientSummary> out;
  if (!p.birth_date.valid()) return out;
  std::string phone;
  for (const auto& ph : p.phones)
    if (phone = normalize_phone(ph.number); !phone.empty()) break;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT p.id, p.card_no, p.surname, p.name, p.patronymic, p.birth_date, p.sex, "
      "coalesce((SELECT phone FROM patient_phones f WHERE f.patient_id = p.id ORDER BY position LIMIT 1), '') "
      "FROM patients p WHERE p.id <> ?1 AND p.birth_date = ?2 AND ((p.surname_norm = ?3 AND p.name_norm = ?4) "
      "OR (?5 <> '' AND p.id IN (SELECT patient_id FROM patient_phones WHERE phone = ?5))) "
      "ORDER BY p.surname, p.name LIMIT 5"));
  st->bind_all(except_id, p.birth_date.iso(), fold(tidy_name(p.surname)), fold(tidy_name(p.name)), phone);
  while (true) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    PatientSummary s;
    s.id = st->col_int(0);
    s.card_no = st->col_text(1);
    s.surname = st->col_text(2);
    s.name = st->col_text(3);
    s.patronymic = st->col_text(4);
    s.birth_date = st->col_text(5);
    s.sex = st->col_text(6).empty() ? 'F' : st->col_text(6)[0];
    s.phone = st->col_text(7);
    out.push_back(std::move(s));
  }
  return out;
}

PatientSummary summary_of(const Patient& p) {
  PatientSummary s;
  s.id = p.id;
  s.card_no = p.card_no;
  s.surname = p.surname;
  s.name = p.name;
  s.patronymic = p.patronymic;
  s.birth_date = p.birth_date.iso();
  s.sex = p.sex;
  if (!p.phones.empty()) s.phone = p.phones.front().number;
  return s;
}

Result<Patient> get_patient(Database& db, std::int64_t id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT p.surname, p.name, p.patronymic, p.birth_date, p.sex, p.email, p.address, "
      "p.id_doc_type, p.id_doc_series, p.id_doc_number, p.id_doc_issued_by, p.id_doc_issued_on, "
      "p.oms_enp, p.snils, p.referral_source_id, p.marketing_consent, p.notes, p.card_no, "
      "coalesce(r.name, ''), p.created_at, p.updated_at, p.inn "
      "FROM patients p LEFT JOIN referral_sources r ON r.id = p.referral_source_id "
      "WHERE p.id = ?1"));
  st->bind(1, id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("The patient was not found."));
  Patient p;
  p.id = id;
  int i = 0;
  p.surname = st->col_text(i++);
  p.name = st->col_text(i++);
  p.patronymic = st->col_text(i++);
  p.birth_date = Date::parse_iso(st->col_view(i++)).value_or(Date());
  p.sex = st->col_view(i++) == "M" ? 'M' : 'F';
  p.email = st->col_text(i++);
  p.address = st->col_text(i++);
  p.id_doc.type = st->col_text(i++);
  p.id_doc.series = st->col_text(i++);
  p.id_doc.number = st->col_text(i++);
  p.id_doc.issued_by = st->col_text(i++);
  if (auto s = st->col_opt_text(i++)) p.id_doc.issued_on = Date::parse_iso(*s);
  p.oms_enp = st->col_opt_text(i++);
  p.snils = st->col_opt_text(i++);
  p.referral_source_id = st->col_opt_int(i++);
  p.marketing_consent = st->col_int(i++) != 0;
  p.notes = st->col_text(i++);
  p.card_no = st->col_text(i++);
  p.referral_source = st->col_text(i++);
  p.created_at = st->col_int(i++);
  p.updated_at = st->col_int(i++);
  p.inn = st->col_text(i++);

  RG_TRY_ASSIGN(auto ph, db.cached(
      "SELECT phone, kind FROM patient_phones WHERE patient_id = ?1 ORDER BY position"));
  ph->bind(1, id);
  for (;;) {
    RG_TRY_ASSIGN(bool more, ph->step());
    if (!more) break;
    p.phones.push_back({ph->col_text(0), ph->col_text(1)});
  }
  return p;
}

PatientQuery parse_patient_query(std::string_view text) {
  PatientQuery q;
  std::string input = utf8_truncate(text, kMaxQueryChars);
  std::string digit_run;
  size_t i = 0;
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < input.size()) {
    while (i < input.size() && is_ws(input[i])) ++i;
    size_t start = i;
    while (i < input.size() && !is_ws(input[i])) ++i;
    std::string_view token(input.data() + start, i - start);
    if (token.empty()) continue;
    if (auto d = Date::parse_ru(token)) {
      q.birth_date = d;
      continue;
    }
    bool has_letter = std::any_of(token.begin(), token.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    });
    if (!has_letter) {
      digit_run += digits_of(token);
      continue;
    }
    // Letters: split initials written together ("И.П.") and drop punctuation around words.
    std::string part;
    auto flush = [&] {
      std::string f = fold(part);
      // Keep only letters, hyphens and apostrophes of a name.
      std::string clean;
      for (char c : f)
        if (!(c >= '0' && c <= '9') && c != '%' && c != '_' && c != '"' && c != '*' && c != '(' &&
            c != ')' && c != ';' && c != ':' && c != '?' && c != '!' && c != '\\' && c != '/')
          clean += c;
      while (!clean.empty() && (clean.back() == '-' || clean.back() == '\'')) clean.pop_back();
      while (!clean.empty() && (clean.front() == '-' || clean.front() == '\'')) clean.erase(0, 1);
      if (!clean.empty() && q.name_parts.size() < 3) q.name_parts.push_back(clean);
      part.clear();
    };
    for (char c : token) {
      if (c == '.' || c == ',') flush();
      else part += c;
    }
    flush();
  }
  if (!q.name_parts.empty() && digit_run.size() == 4) {
    int y = std::stoi(digit_run);
    if (y >= 1900 && y <= today().year()) {
      q.birth_year = y;
      digit_run.clear();
    }
  }
  q.digits = digit_run.substr(0, 20);
  return q;
}

namespace {

// The statement for a query, built from fixed fragments only; the values are bound by name.
struct SearchSql {
  std::string sql;
  std::vector<std::pair<std::string, std::string>> params;  // name → text value
};

SearchSql build_search(const PatientQuery& q, bool count) {
  SearchSql s;
  auto add = [&](const char* name, std::string value) { s.params.emplace_back(name, std::move(value)); };
  std::string where;
  auto cond = [&](const std::string& c) { where += where.empty() ? " WHERE " : " AND "; where += c; };

  std::string phone_rev;
  bool phone_tail = q.digits.size() >= 4;
  if (phone_tail) {
    std::string d = q.digits;
    if (d.size() >= 10) d = normalize_phone(d).empty() ? d : normalize_phone(d);
    phone_rev = reversed(d);
  }

  if (!q.name_parts.empty()) {
    add(":klo", q.name_parts[0]);
    add(":khi", prefix_end(q.name_parts[0]));
    cond("k.part IN (0, 1, 2, 3) AND k.key >= :klo AND k.key < :khi");
    if (q.name_parts.size() > 1) {
      add(":nlo", q.name_parts[1]);
      add(":nhi", prefix_end(q.name_parts[1]));
      cond("k.name_norm >= :nlo AND k.name_norm < :nhi");
    }
    if (q.name_parts.size() > 2) {
      add(":plo", q.name_parts[2]);
      add(":phi", prefix_end(q.name_parts[2]));
      cond("k.patronymic_norm >= :plo AND k.patronymic_norm < :phi");
    }
    if (q.birth_date) {
      add(":bd", q.birth_date->iso());
      cond("k.birth_date = :bd");
    } else if (q.birth_year) {
      add(":ylo", Date(*q.birth_year, 1, 1).iso());
      add(":yhi", Date(*q.birth_year + 1, 1, 1).iso());
      cond("k.birth_date >= :ylo AND k.birth_date < :yhi");
    }
    if (!q.digits.empty()) {
      add(":card", q.digits);
      if (phone_tail) {
        add(":rlo", phone_rev);
        add(":rhi", prefix_end(phone_rev));
        cond("(EXISTS (SELECT 1 FROM patient_phones ph WHERE ph.patient_id = k.patient_id "
             "AND ph.phone_rev >= :rlo AND ph.phone_rev < :rhi) OR "
             "k.patient_id = (SELECT id FROM patients WHERE card_no = :card))");
      } else {
        cond("k.patient_id = (SELECT id FROM patients WHERE card_no = :card)");
      }
    }
    // A patient whose earlier surname part matches too is listed once, under that part.
    cond("(k.part = 0 OR NOT EXISTS (SELECT 1 FROM patient_name_keys k2 "
         "WHERE k2.patient_id = k.patient_id AND k2.part < k.part "
         "AND k2.key >= :klo AND k2.key < :khi))");
    if (count) {
      s.sql = "SELECT count(*) FROM patient_name_keys k" + where;
    } else {
      s.sql =
          "SELECT p.id, p.card_no, p.surname, p.name, p.patronymic, p.birth_date, p.sex, "
          "(SELECT phone FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1) "
          "FROM (SELECT k.patient_id AS pid, k.part AS o0, k.key AS o1, k.name_norm AS o2, "
          "k.patronymic_norm AS o3, k.birth_date AS o4 FROM patient_name_keys k" + where +
          " ORDER BY k.part, k.key, k.name_norm, k.patronymic_norm, k.birth_date, k.patient_id "
          "LIMIT :limit OFFSET :offset) m JOIN patients p ON p.id = m.pid "
          "ORDER BY m.o0, m.o1, m.o2, m.o3, m.o4, p.id";
    }
    return s;
  }

  // No name: phone, card number and/or birth date.
  if (!q.digits.empty()) {
    add(":card", q.digits);
    if (phone_tail) {
      add(":rlo", phone_rev);
      add(":rhi", prefix_end(phone_rev));
      cond("p.id IN (SELECT patient_id FROM patient_phones WHERE phone_rev >= :rlo AND "
           "phone_rev < :rhi UNION SELECT id FROM patients WHERE card_no = :card)");
    } else {
      cond("p.card_no = :card");
    }
  }
  if (q.birth_date) {
    add(":bd", q.birth_date->iso());
    cond("p.birth_date = :bd");
  }
  if (count) {
    s.sql = "SELECT count(*) FROM patients p" + where;
  } else {
    s.sql =
        "SELECT p.id, p.card_no, p.surname, p.name, p.patronymic, p.birth_date, p.sex, "
        "(SELECT phone FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1) "
        "FROM patients p" + where +
        " ORDER BY p.surname_norm, p.name_norm, p.patronymic_norm, p.birth_date, p.id "
        "LIMIT :limit OFFSET :offset";
  }
  return s;
}

Result<CachedStatement> prepare_search(Database& db, const PatientQuery& q, bool count) {
  SearchSql s = build_search(q, count);
  RG_TRY_ASSIGN(auto st, db.cached(s.sql));
  for (const auto& [name, value] : s.params) {
    int idx = sqlite3_bind_parameter_index(st->handle(), name.c_str());
    if (idx > 0) st->bind(idx, value);
  }
  return st;
}

}  // namespace

Result<std::vector<PatientSummary>> search_patients(Database& db, const PatientQuery& q,
                                                    int offset, int limit) {
  std::vector<PatientSummary> out;
  if (q.empty() || limit <= 0) return out;
  RG_TRY_ASSIGN(auto st, prepare_search(db, q, false));
  st->bind(sqlite3_bind_parameter_index(st->handle(), ":limit"), limit);
  st->bind(sqlite3_bind_parameter_index(st->handle(), ":offset"), std::max(0, offset));
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    PatientSummary p;
    p.id = st->col_int(0);
    p.card_no = st->col_text(1);
    p.surname = st->col_text(2);
    p.name = st->col_text(3);
    p.patronymic = st->col_text(4);
    p.birth_date = st->col_text(5);
    p.sex = st->col_view(6) == "M" ? 'M' : 'F';
    p.phone = st->col_text(7);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::int64_t> count_patients(Database& db, const PatientQuery& q) {
  if (q.empty()) return 0;
  RG_TRY_ASSIGN(auto st, prepare_search(db, q, true));
  RG_TRY_ASSIGN(bool row, st->step());
  (void)row;
  return st->col_int(0);
}

}  // namespace rg::db
