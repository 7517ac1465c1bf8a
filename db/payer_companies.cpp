// One table, payer_companies. The search folds names in C++ (SQLite folds ASCII only), over the
// few hundred companies a clinic knows.
#include "payer_companies.h"

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

constexpr const char* kColumns =
    "id, name, inn, kpp, ogrn, address, phone, signatory_position, signatory_name, signatory_sex, authority, active";

PayerCompany read_company(const Statement& st) {
  PayerCompany c;
  int i = 0;
  c.id = st.col_int(i++);
  c.name = st.col_text(i++);
  c.inn = st.col_text(i++);
  c.kpp = st.col_text(i++);
  c.ogrn = st.col_text(i++);
  c.address = st.col_text(i++);
  c.phone = st.col_text(i++);
  c.signatory_position = st.col_text(i++);
  c.signatory_name = st.col_text(i++);
  auto sex = st.col_opt_text(i++);
  c.signatory_sex = sex && !sex->empty() ? (*sex)[0] : 0;
  c.authority = st.col_text(i++);
  c.active = st.col_int(i++) != 0;
  return c;
}

Status invalid(const char* msg) { return fail(ErrorCode::Invalid, msg); }

}  // namespace

Status validate(const PayerCompany& c) {
  if (fold_spaces(c.name).empty()) return invalid(_("Enter the company's name."));
  if (utf8_length(c.name) > 300) return invalid(_("The company's name is longer than 300 characters."));
  const std::string inn = digits_of(c.inn);
  if (!c.inn.empty() && !inn_valid(inn) && !inn_valid(inn, true))
    return invalid(_("Check the company's INN: 10 digits (12 for a sole proprietor) with valid check numbers."));
  const std::string ogrn = digits_of(c.ogrn);
  if (!c.ogrn.empty() && !ogrn_valid(ogrn))
    return invalid(_("Check the OGRN: 13 digits (15 for a sole proprietor) with a valid check number."));
  if (!c.kpp.empty() && c.kpp.size() != 9) return invalid(_("The KPP has 9 characters."));
  if (utf8_length(c.address) > 500) return invalid(_("The address is longer than 500 characters."));
  if (utf8_length(c.signatory_position) > 200 || utf8_length(c.signatory_name) > 300 || utf8_length(c.authority) > 300)
    return invalid(_("Check the signatory: a field is too long."));
  if (c.signatory_sex != 0 && c.signatory_sex != 'M' && c.signatory_sex != 'F') return invalid(_("Choose the sex."));
  return {};
}

Result<std::int64_t> save_payer_company(Database& db, const PayerCompany& in, const Actor& actor) {
  RG_TRY(validate(in));
  PayerCompany c = in;
  c.name = fold_spaces(c.name);
  c.inn = digits_of(c.inn);
  c.ogrn = digits_of(c.ogrn);
  c.address = fold_spaces(c.address);
  c.signatory_position = fold_spaces(c.signatory_position);
  c.signatory_name = fold_spaces(c.signatory_name);
  c.authority = fold_spaces(c.authority);
  const std::optional<std::string> sex = c.signatory_sex ? std::optional<std::string>(std::string(1, c.signatory_sex))
                                                         : std::nullopt;
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PatientsEdit));
  const std::int64_t now = now_unix();
  std::int64_t id = c.id;
  Result<bool> row;
  if (id == 0) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "INSERT INTO payer_companies(name, inn, kpp, ogrn, address, phone, signatory_position, signatory_name, "
        "signatory_sex, authority, active, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11) RETURNING id"));
    st->bind_all(c.name, c.inn, c.kpp, c.ogrn, c.address, c.phone, c.signatory_position, c.signatory_name, sex,
                 c.authority, now);
    row = st->step();
    if (row && *row) id = st->col_int(0);
    st->reset();
  } else {
    RG_TRY_ASSIGN(auto st, db.cached(
        "UPDATE payer_companies SET name = ?2, inn = ?3, kpp = ?4, ogrn = ?5, address = ?6, phone = ?7, "
        "signatory_position = ?8, signatory_name = ?9, signatory_sex = ?10, authority = ?11, active = ?12, "
        "updated_at = ?13 WHERE id = ?1 RETURNING id"));
    st->bind_all(id, c.name, c.inn, c.kpp, c.ogrn, c.address, c.phone, c.signatory_position, c.signatory_name, sex,
                 c.authority, c.active, now);
    row = st->step();
    st->reset();
  }
  if (!row) {
    if (row.error().code == ErrorCode::Conflict)
      return fail(ErrorCode::Conflict, _("A company with this INN and KPP is already in the list."), row.error().detail);
    return std::unexpected(row.error());
  }
  if (!*row) return fail(ErrorCode::NotFound, _("The company is no longer in the list."));
  RG_TRY(append_audit(db, actor, in.id == 0 ? "payer_company.add" : "payer_company.change", "payer_company", id,
                      {{"name", c.name}, {"inn", c.inn}}));
  RG_TRY(tx.commit());
  return id;
}

Result<PayerCompany> get_payer_company(Database& db, std::int64_t id) {
  RG_TRY_ASSIGN(auto st, db.prepare(std::string("SELECT ") + kColumns + " FROM payer_companies WHERE id = ?1"));
  st.bind_all(id);
  RG_TRY_ASSIGN(bool row, st.step());
  if (!row) return fail(ErrorCode::NotFound, _("The company is no longer in the list."));
  return read_company(st);
}

Result<std::vector<PayerCompany>> find_payer_companies(Database& db, std::string_view query, int limit) {
  RG_TRY_ASSIGN(auto st, db.prepare(std::string("SELECT ") + kColumns +
                                    " FROM payer_companies WHERE active = 1 ORDER BY name, id"));
  const std::string q = fold(query);
  std::vector<PayerCompany> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row || int(out.size()) >= limit) break;
    PayerCompany c = read_company(st);
    const std::string name = fold(c.name);
    bool match = q.empty() || c.inn.rfind(q, 0) == 0 || name.find(q) != std::string::npos;
    if (match) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace rg::db
