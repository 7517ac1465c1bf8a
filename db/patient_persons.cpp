// One table, patient_persons; SQL both engines accept (RETURNING, bound values, no 0/1 tricks
// beyond the stored flags).
#include "patient_persons.h"

#include <algorithm>

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

constexpr const char* kColumns =
    "id, patient_id, person_patient_id, relation, surname, name, patronymic, sex, birth_date, address, phone, "
    "id_doc_type, id_doc_series, id_doc_number, id_doc_issued_by, id_doc_issued_on, inn, representative, "
    "authority, informed, active";

RelatedPerson read_person(const Statement& st) {
  RelatedPerson p;
  int i = 0;
  p.id = st.col_int(i++);
  p.patient_id = st.col_int(i++);
  p.person_patient_id = st.col_opt_int(i++);
  p.relation = st.col_text(i++);
  p.surname = st.col_text(i++);
  p.name = st.col_text(i++);
  p.patronymic = st.col_text(i++);
  p.sex = st.col_view(i++) == "M" ? 'M' : 'F';
  if (auto d = st.col_opt_text(i++)) p.birth_date = Date::parse_iso(*d);
  p.address = st.col_text(i++);
  p.phone = st.col_text(i++);
  p.id_doc.type = st.col_text(i++);
  p.id_doc.series = st.col_text(i++);
  p.id_doc.number = st.col_text(i++);
  p.id_doc.issued_by = st.col_text(i++);
  if (auto d = st.col_opt_text(i++)) p.id_doc.issued_on = Date::parse_iso(*d);
  p.inn = st.col_text(i++);
  p.representative = st.col_int(i++) != 0;
  p.authority = st.col_text(i++);
  p.informed = st.col_int(i++) != 0;
  p.active = st.col_int(i++) != 0;
  return p;
}

std::optional<std::string> iso(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(d->iso()) : std::nullopt;
}

Status invalid(const char* msg) { return fail(ErrorCode::Invalid, msg); }

}  // namespace

const std::vector<std::string>& common_relations() {
  static const std::vector<std::string> list = {"мать", "отец", "опекун", "попечитель", "приёмный родитель",
                                                "супруг", "супруга", "дочь", "сын", "сестра", "брат",
                                                "бабушка", "дедушка"};
  return list;
}

Status validate(const RelatedPerson& p, Date today) {
  if (fold_spaces(p.surname).empty()) return invalid(_("Enter the person's surname."));
  if (fold_spaces(p.name).empty()) return invalid(_("Enter the person's first name."));
  if (utf8_length(p.surname) > 100 || utf8_length(p.name) > 100 || utf8_length(p.patronymic) > 100)
    return invalid(_("A name part is longer than 100 characters."));
  if (p.sex != 'M' && p.sex != 'F') return invalid(_("Choose the sex."));
  if (p.birth_date && (!p.birth_date->valid() || *p.birth_date > today || p.birth_date->year() < 1900))
    return invalid(_("Check the date of birth."));
  if (!p.phone.empty() && normalize_phone(p.phone).empty())
    return invalid(_("Check the phone number: enter it with the area code, e.g. +7 916 123-45-67."));
  if (!p.inn.empty() && !inn_valid(digits_of(p.inn), true))
    return invalid(_("Check the INN: a person's INN has 12 digits with valid check numbers."));
  if (utf8_length(p.address) > 500) return invalid(_("The address is longer than 500 characters."));
  if (utf8_length(p.relation) > 60) return invalid(_("The relation is longer than 60 characters."));
  if (utf8_length(p.authority) > 300) return invalid(_("The document of authority is longer than 300 characters."));
  if (p.id_doc.series.size() > 16 || p.id_doc.number.size() > 32 || utf8_length(p.id_doc.issued_by) > 300)
    return invalid(_("Check the identity document: a field is too long."));
  // «мать» for a man is a typo that would print «Законный представитель (мать): Иванов Пётр».
  static const std::vector<std::string> female = {"мать", "дочь", "сестра", "бабушка", "супруга", "тётя", "опекунша"},
                                        male = {"отец", "сын", "брат", "дедушка", "супруг", "дядя"};
  const std::string rel = fold(p.relation);
  if ((p.sex == 'M' && std::find(female.begin(), female.end(), rel) != female.end()) ||
      (p.sex == 'F' && std::find(male.begin(), male.end(), rel) != male.end()))
    return invalid(_("The relation does not agree with the person's sex: check them."));
  if (p.representative && p.birth_date && age_on(*p.birth_date, today) < 18)
    return invalid(_("A legal representative is an adult: check the date of birth."));
  return {};
}

Result<std::int64_t> save_related_person(Database& db, const RelatedPerson& in, const Actor& actor) {
  RG_TRY(validate(in, today()));
  RelatedPerson p = in;
  p.surname = tidy_name(p.surname);
  p.name = tidy_name(p.name);
  p.patronymic = tidy_name(p.patronymic);
  p.relation = fold_spaces(p.relation);
  p.authority = fold_spaces(p.authority);
  p.address = fold_spaces(p.address);
  p.phone = p.phone.empty() ? "" : normalize_phone(p.phone);
  p.inn = digits_of(p.inn);
  if (p.person_patient_id && *p.person_patient_id == p.patient_id)
    return fail(ErrorCode::Invalid, _("A patient cannot be their own representative."));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PatientsEdit));
  const std::int64_t now = now_unix();
  std::int64_t id = p.id;
  if (id == 0) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "INSERT INTO patient_persons(patient_id, person_patient_id, relation, surname, name, patronymic, sex, "
        "birth_date, address, phone, id_doc_type, id_doc_series, id_doc_number, id_doc_issued_by, "
        "id_doc_issued_on, inn, representative, authority, informed, active, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 1, ?20, ?20) "
        "RETURNING id"));
    st->bind_all(p.patient_id, p.person_patient_id, p.relation, p.surname, p.name, p.patronymic, std::string(1, p.sex),
                 iso(p.birth_date), p.address, p.phone, p.id_doc.type, p.id_doc.series, p.id_doc.number,
                 p.id_doc.issued_by, iso(p.id_doc.issued_on), p.inn, p.representative, p.authority, p.informed, now);
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) return fail(ErrorCode::Internal, _("The person could not be saved."), "patient_persons insert");
    id = st->col_int(0);
    st->reset();
  } else {
    RG_TRY_ASSIGN(auto st, db.cached(
        "UPDATE patient_persons SET person_patient_id = ?2, relation = ?3, surname = ?4, name = ?5, patronymic = ?6, "
        "sex = ?7, birth_date = ?8, address = ?9, phone = ?10, id_doc_type = ?11, id_doc_series = ?12, "
        "id_doc_number = ?13, id_doc_issued_by = ?14, id_doc_issued_on = ?15, inn = ?16, representative = ?17, "
        "authority = ?18, informed = ?19, updated_at = ?20 WHERE id = ?1 AND patient_id = ?21 RETURNING id"));
    st->bind_all(id, p.person_patient_id, p.relation, p.surname, p.name, p.patronymic, std::string(1, p.sex),
                 iso(p.birth_date), p.address, p.phone, p.id_doc.type, p.id_doc.series, p.id_doc.number,
                 p.id_doc.issued_by, iso(p.id_doc.issued_on), p.inn, p.representative, p.authority, p.informed, now,
                 p.patient_id);
    RG_TRY_ASSIGN(bool row, st->step());
    st->reset();
    if (!row) return fail(ErrorCode::NotFound, _("This person is no longer on the patient's card."));
  }
  RG_TRY(append_audit(db, actor, in.id == 0 ? "patient_person.add" : "patient_person.change", "patient_person", id,
                      {{"patient_id", std::to_string(p.patient_id)},
                       {"name", masked_name(p.surname, p.name, p.patronymic)},
                       {"relation", p.relation},
                       {"representative", p.representative ? "1" : "0"},
                       {"informed", p.informed ? "1" : "0"}}));
  RG_TRY(tx.commit());
  return id;
}

Status remove_related_person(Database& db, std::int64_t id, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PatientsEdit));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE patient_persons SET active = 0, updated_at = ?2 WHERE id = ?1 AND active = 1 RETURNING patient_id"));
  st->bind_all(id, now_unix());
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("This person is no longer on the patient's card."));
  const std::int64_t patient = st->col_int(0);
  st->reset();
  RG_TRY(append_audit(db, actor, "patient_person.remove", "patient_person", id,
                      {{"patient_id", std::to_string(patient)}}));
  return tx.commit();
}

Result<RelatedPerson> get_related_person(Database& db, std::int64_t id) {
  RG_TRY_ASSIGN(auto st, db.prepare(std::string("SELECT ") + kColumns + " FROM patient_persons WHERE id = ?1"));
  st.bind_all(id);
  RG_TRY_ASSIGN(bool row, st.step());
  if (!row) return fail(ErrorCode::NotFound, _("This person is no longer on the patient's card."));
  return read_person(st);
}

Result<std::vector<RelatedPerson>> related_persons(Database& db, std::int64_t patient_id) {
  RG_TRY_ASSIGN(auto st, db.prepare(std::string("SELECT ") + kColumns +
                                    " FROM patient_persons WHERE patient_id = ?1 AND active = 1 "
                                    "ORDER BY representative DESC, informed DESC, id"));
  st.bind_all(patient_id);
  std::vector<RelatedPerson> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row) break;
    out.push_back(read_person(st));
  }
  return out;
}

Result<RelatedPerson> person_from_card(Database& db, std::int64_t card_patient_id) {
  RG_TRY_ASSIGN(Patient c, get_patient(db, card_patient_id));
  RelatedPerson p;
  p.person_patient_id = c.id;
  p.surname = c.surname;
  p.name = c.name;
  p.patronymic = c.patronymic;
  p.sex = c.sex;
  p.birth_date = c.birth_date;
  p.address = c.address;
  if (!c.phones.empty()) p.phone = c.phones.front().number;
  p.id_doc = c.id_doc;
  p.inn = c.inn;
  return p;
}

}  // namespace rg::db
