// Document data from the database: one node per subject (clinic, patient, the people on the card,
// visit, payer), put together per document. Empty requisites become a line to fill in by hand,
// never a missing key; a name form nobody is sure of becomes a question, never the nominative.
#include "documents.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "clinic.h"
#include "day_list.h"
#include "i18n.h"
#include "name_forms.h"
#include "patient_persons.h"
#include "patients.h"
#include "payer_companies.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

// A line to write on by hand when the database has nothing.
std::string or_blank(const std::string& s, int underscores = 24) {
  return s.empty() ? std::string(size_t(underscores), '_') : s;
}

std::string date_long(Date d) {
  static constexpr std::array<const char*, 12> months = {
      "января", "февраля", "марта", "апреля", "мая", "июня",
      "июля", "августа", "сентября", "октября", "ноября", "декабря"};
  char day[4];
  std::snprintf(day, sizeof day, "%02u", d.day());
  return std::string("«") + day + "» " + months[d.month() - 1] + " " + std::to_string(d.year()) + " г.";
}

std::string weekday_name(Date d) {
  static constexpr std::array<const char*, 7> names = {
      "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"};
  return names[size_t(d.iso_weekday() - 1)];
}

std::string snils_text(const std::optional<std::string>& s) {
  if (!s || s->size() != 11) return "";
  return s->substr(0, 3) + "-" + s->substr(3, 3) + "-" + s->substr(6, 3) + " " + s->substr(9, 2);
}

std::string id_doc_type_name(const std::string& type) {
  if (type == "passport_ru") return "паспорт гражданина Российской Федерации";
  if (type == "birth_certificate") return "свидетельство о рождении";
  if (type == "foreign_passport") return "паспорт иностранного гражданина";
  if (type == "residence_permit") return "вид на жительство в Российской Федерации";
  return type;
}

// The code of the identity document as the FNS lists them (КНД 1151156): 21 passport of a
// Russian citizen, 03 birth certificate, 10 foreign passport, 12 residence permit, 91 other.
std::string id_doc_type_code(const std::string& type) {
  if (type == "passport_ru") return "21";
  if (type == "birth_certificate") return "03";
  if (type == "foreign_passport") return "10";
  if (type == "residence_permit") return "12";
  return "91";
}

DocNode id_doc_node(const IdDocument& d) {
  DocNode n;
  n["type_name"] = id_doc_type_name(d.type);
  n["type_code"] = id_doc_type_code(d.type);
  n["series"] = or_blank(d.series, 5);
  n["number"] = or_blank(d.number, 8);
  n["series_number"] = d.number.empty() ? std::string(14, '_') : (d.series.empty() ? "" : d.series + " ") + d.number;
  n["issued_by"] = or_blank(d.issued_by, 40);
  n["issued_on"] = d.issued_on ? d.issued_on->ru() : std::string(10, '_');
  // «… 45 10 123456 от 20.03.2010 (выдавший орган: ОВД района Тверской г. Москвы)»: the issuer
  // in the nominative reads right whatever the document's gender.
  n["text"] = d.number.empty() ? std::string(40, '_')
                               : id_doc_type_name(d.type) + " " + (d.series.empty() ? "" : d.series + " ") + d.number +
                                     (d.issued_on ? " от " + d.issued_on->ru() : "") +
                                     (d.issued_by.empty() ? "" : " (выдавший орган: " + d.issued_by + ")");
  return n;
}

// Words that agree with the person's sex in running text.
void sex_words(DocNode& n, char sex) {
  const bool m = sex != 'F';
  n["male"] = m;
  n["named"] = m ? "именуемый" : "именуемая";
  n["registered"] = m ? "зарегистрированный" : "зарегистрированная";
  n["living"] = m ? "проживающий" : "проживающая";
  n["living_gen"] = m ? "проживающего" : "проживающей";
  n["acting"] = m ? "действующий" : "действующая";
  n["acting_gen"] = m ? "действующего" : "действующей";
  n["his"] = m ? "его" : "её";
}

void ask(DocNode& questions, const std::string& path, const NameForm& f) {
  DocNode q;
  q["nominative"] = f.nominative;
  q["sex"] = f.sex ? std::string(1, f.sex) : std::string();
  q["case"] = to_db(f.gram_case);
  q["suggestion"] = f.form;
  questions[path] = std::move(q);
}

// Puts a form at n[key] when someone is sure of it, else asks for it under `path.key`.
void put_form(DocNode& n, std::string_view key, const NameForm& f, DocNode& questions, std::string_view path) {
  if (f.sure) n[key] = f.form;
  else ask(questions, std::string(path) + "." + std::string(key), f);
}

// A person on a document, whoever they are to the clinic.
struct PersonData {
  PersonName name;
  std::optional<Date> birth;
  std::string address, phone, inn;
  IdDocument doc;
};

Result<DocNode> person_node(Database& db, const PersonData& p, DocNode& questions, std::string_view path) {
  DocNode n;
  const bool named = !p.name.surname.empty();
  n["full_name"] = named ? full_name(p.name.surname, p.name.name, p.name.patronymic) : std::string(40, '_');
  n["short_name"] = named ? masked_name(p.name.surname, p.name.name, p.name.patronymic) : std::string(20, '_');
  n["surname"] = or_blank(p.name.surname, 16);
  n["name"] = or_blank(p.name.name, 12);
  n["patronymic"] = or_blank(p.name.patronymic, 12);
  n["birth_date"] = p.birth ? p.birth->ru() : std::string(10, '_');
  n["address"] = or_blank(p.address, 40);
  n["phone"] = p.phone.empty() ? std::string(16, '_') : format_phone(p.phone);
  n["inn"] = or_blank(p.inn, 12);
  n["id_doc"] = id_doc_node(p.doc);
  const char sex = guess_sex(p.name);
  sex_words(n, sex);
  if (!named) {
    for (const char* k : {"genitive", "dative", "instrumental", "short_genitive", "short_dative", "short_instrumental"})
      n[k] = std::string(30, '_');
    return n;
  }
  static constexpr std::pair<const char*, GramCase> cases[] = {
      {"genitive", GramCase::Genitive}, {"dative", GramCase::Dative}, {"instrumental", GramCase::Instrumental}};
  for (const auto& [key, c] : cases) {
    RG_TRY_ASSIGN(NameForm full, name_in_case(db, p.name, c));
    put_form(n, key, full, questions, path);
    RG_TRY_ASSIGN(NameForm brief, short_name_in_case(db, p.name, c));
    if (brief.sure) n[std::string("short_") + key] = brief.form;
    else ask(questions, std::string(path) + ".short_" + key, full);  // confirming the full form settles both
  }
  return n;
}

PersonData from_patient(const Patient& p) {
  PersonData d;
  d.name = {p.surname, p.name, p.patronymic, p.sex};
  d.birth = p.birth_date;
  d.address = p.address;
  if (!p.phones.empty()) d.phone = p.phones.front().number;
  d.inn = p.inn;
  d.doc = p.id_doc;
  return d;
}

PersonData from_related(const RelatedPerson& r) {
  PersonData d;
  d.name = {r.surname, r.name, r.patronymic, r.sex};
  d.birth = r.birth_date;
  d.address = r.address;
  d.phone = r.phone;
  d.inn = r.inn;
  d.doc = r.id_doc;
  return d;
}

// A person from the card, read from their own card when they have one (it is kept up to date).
Result<PersonData> related_data(Database& db, const RelatedPerson& r) {
  if (!r.person_patient_id) return from_related(r);
  auto card = get_patient(db, *r.person_patient_id);
  if (!card) return from_related(r);
  PersonData d = from_patient(*card);
  if (d.address.empty()) d.address = r.address;
  if (d.phone.empty()) d.phone = r.phone;
  if (d.doc.number.empty()) d.doc = r.id_doc;
  if (d.inn.empty()) d.inn = r.inn;
  return d;
}

struct VisitRow {
  std::int64_t id = 0, patient_id = 0, doctor_id = 0;
  std::int64_t start_at = 0, end_at = 0;
  bool first = false;
  std::string room, doctor_surname, doctor_name, doctor_patronymic, position, doctor_code;
};

Result<VisitRow> load_visit(Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT a.id, a.patient_id, a.doctor_id, a.start_at, a.end_at, a.visit_kind, "
      "coalesce(r.number, ''), d.surname, d.name, d.patronymic, d.position, d.code "
      "FROM appointments a JOIN doctors d ON d.id = a.doctor_id "
      "LEFT JOIN rooms r ON r.id = coalesce(a.room_id, d.default_room_id) WHERE a.id = ?1"));
  st->bind_all(appointment_id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("The appointment no longer exists."), "appointment " + std::to_string(appointment_id));
  VisitRow v;
  v.id = st->col_int(0);
  v.patient_id = st->col_int(1);
  v.doctor_id = st->col_int(2);
  v.start_at = st->col_int(3);
  v.end_at = st->col_int(4);
  v.first = st->col_view(5) == "first";
  v.room = st->col_text(6);
  v.doctor_surname = st->col_text(7);
  v.doctor_name = st->col_text(8);
  v.doctor_patronymic = st->col_text(9);
  v.position = st->col_text(10);
  v.doctor_code = st->col_text(11);
  st->reset();
  return v;
}

Result<std::string> doctor_specialties(Database& db, std::int64_t doctor_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT s.name FROM doctor_specialties x JOIN specialties s ON s.id = x.specialty_id "
      "WHERE x.doctor_id = ?1 ORDER BY s.name"));
  st->bind_all(doctor_id);
  std::string out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out += (out.empty() ? "" : ", ") + st->col_text(0);
  }
  return out;
}

// The medical worker: names, position, code, specialty, and «врачом-терапевтом Петровой Анной
// Сергеевной» for «Медицинским работником …».
Result<DocNode> doctor_node(Database& db, std::int64_t doctor_id, DocNode& questions, std::string_view path) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT surname, name, patronymic, position, code FROM doctors WHERE id = ?1"));
  st->bind_all(doctor_id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("The doctor no longer exists."), "doctor " + std::to_string(doctor_id));
  const PersonName name{st->col_text(0), st->col_text(1), st->col_text(2), 0};
  const std::string position = st->col_text(3), code = st->col_text(4);
  st->reset();
  DocNode n;
  n["full_name"] = full_name(name.surname, name.name, name.patronymic);
  n["short_name"] = masked_name(name.surname, name.name, name.patronymic);
  n["position"] = or_blank(position, 20);
  n["code"] = or_blank(code, 8);
  RG_TRY_ASSIGN(std::string specialty, doctor_specialties(db, doctor_id));
  n["specialty"] = or_blank(specialty, 20);
  RG_TRY_ASSIGN(NameForm ins, role_in_case(db, position, name, GramCase::Instrumental));
  put_form(n, "instrumental", ins, questions, path);
  return n;
}

DocNode blank_worker() {
  DocNode w;
  w["full_name"] = std::string(30, '_');
  w["short_name"] = std::string(20, '_');
  w["position"] = std::string(20, '_');
  w["code"] = std::string(8, '_');
  w["specialty"] = std::string(20, '_');
  w["instrumental"] = std::string(50, '_');
  return w;
}

DocNode visit_node(const VisitRow& v) {
  LocalTime s = to_local(v.start_at), e = to_local(v.end_at);
  DocNode n;
  n["id"] = std::to_string(v.id);
  n["present"] = v.id != 0;
  n["date"] = s.date.ru();
  n["date_long"] = date_long(s.date);
  n["weekday"] = weekday_name(s.date);
  n["time"] = hhmm(s.minutes);
  n["end_time"] = hhmm(e.minutes);
  n["room"] = or_blank(v.room, 6);
  n["first_visit"] = v.first;
  n["doctor"]["full_name"] = full_name(v.doctor_surname, v.doctor_name, v.doctor_patronymic);
  n["doctor"]["short_name"] = masked_name(v.doctor_surname, v.doctor_name, v.doctor_patronymic);
  n["doctor"]["position"] = v.position;
  n["doctor"]["code"] = or_blank(v.doctor_code, 8);
  return n;
}

// services[] with numbers and amounts, plus total and total_words.
void put_services(DocNode& root, const std::vector<ServiceLine>& lines) {
  DocNode list = DocNode::list();
  std::int64_t total = 0;
  int n = 0;
  for (const auto& l : lines) {
    DocNode s;
    std::int64_t amount = l.price_kopecks * l.quantity;
    total += amount;
    s["n"] = std::to_string(++n);
    s["code"] = l.code;
    s["name"] = l.name;
    s["quantity"] = std::to_string(l.quantity);
    s["price"] = rubles(l.price_kopecks);
    s["amount"] = rubles(amount);
    list.push(std::move(s));
  }
  root["services"] = std::move(list);
  root["has_services"] = !lines.empty();
  root["total"] = rubles(total);
  root["total_words"] = rubles_in_words(total);
}

// The codes of the visit's services a DMS guarantee letter pays for: billed to an insurer, or
// (not billed yet) covered by a letter valid on the visit's day.
Result<std::set<std::string>> dms_codes(Database& db, std::int64_t appointment_id) {
  std::set<std::string> out;
  RG_TRY_ASSIGN(auto billed, db.cached(
      "SELECT l.code, v.payer_kind FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id "
      "WHERE l.appointment_id = ?1 AND v.status <> 'cancelled'"));
  billed->bind_all(appointment_id);
  bool any = false;
  for (;;) {
    RG_TRY_ASSIGN(bool row, billed->step());
    if (!row) break;
    any = true;
    if (billed->col_view(1) == "insurer") out.insert(billed->col_text(0));
  }
  if (any) return out;
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  const std::string day = to_local(v.start_at).date.iso();
  RG_TRY_ASSIGN(auto letters, db.cached(
      "SELECT DISTINCT s.code FROM appointment_services x JOIN services s ON s.id = x.service_id "
      "JOIN guarantee_letter_services g ON g.service_id = x.service_id "
      "JOIN guarantee_letters l ON l.id = g.letter_id "
      "WHERE x.appointment_id = ?1 AND l.patient_id = ?2 AND l.valid_from <= ?3 AND l.valid_to >= ?3"));
  letters->bind_all(appointment_id, v.patient_id, day);
  for (;;) {
    RG_TRY_ASSIGN(bool row, letters->step());
    if (!row) break;
    out.insert(letters->col_text(0));
  }
  return out;
}

// The representative chosen to sign, as a node: `present`, the person, relation, authority.
Result<DocNode> representative_node(Database& db, std::int64_t patient_id, const Signer& signer, DocNode& questions) {
  if (!signer.representative_id) {
    DocNode n;
    n["present"] = false;
    return n;
  }
  RG_TRY_ASSIGN(RelatedPerson r, get_related_person(db, *signer.representative_id));
  if (r.patient_id != patient_id || !r.active)
    return fail(ErrorCode::Invalid, _("This person is not on the patient's card."), "representative");
  if (!r.representative)
    return fail(ErrorCode::Invalid, _("This person is not marked as the patient's legal representative on the card."),
                "representative");
  RG_TRY_ASSIGN(PersonData d, related_data(db, r));
  RG_TRY_ASSIGN(DocNode n, person_node(db, d, questions, "representative"));
  n["present"] = true;
  n["relation"] = or_blank(r.relation, 12);
  n["authority"] = or_blank(r.authority, 50);
  // «действующей на основании свидетельства о рождении …»
  if (r.authority.empty()) {
    n["authority_genitive"] = std::string(50, '_');
  } else {
    RG_TRY_ASSIGN(NameForm g, phrase_in_case(db, r.authority, GramCase::Genitive));
    put_form(n, "authority_genitive", g, questions, "representative");
  }
  return n;
}

// Refuses a document a child would sign for themselves.
Status check_signer(const Patient& p, const Signer& s, Date day, int adult_age, const char* what) {
  if (s.representative_id) return {};
  const int age = age_on(p.birth_date, day);
  if (age >= adult_age) return {};
  char buf[512];
  std::snprintf(buf, sizeof buf,
                _("%s: the patient is %d, so a legal representative signs. Add the parent or guardian to the "
                  "patient's card and choose them as the signer."),
                what, age);
  return fail(ErrorCode::Invalid, buf, "signer");
}

Result<DocNode> company_node(Database& db, const PayerCompany& c, DocNode& questions, std::string_view path) {
  DocNode n;
  n["name"] = c.name;
  n["ogrn"] = or_blank(c.ogrn, 13);
  n["inn"] = or_blank(c.inn, 10);
  n["kpp"] = or_blank(c.kpp, 9);
  n["address"] = or_blank(c.address, 40);
  n["phone"] = or_blank(c.phone, 16);
  n["signatory_position"] = or_blank(c.signatory_position, 20);
  n["authority"] = or_blank(c.authority, 20);
  const PersonName sig = split_full_name(c.signatory_name, c.signatory_sex);
  n["signatory_name"] = or_blank(c.signatory_name, 30);
  n["signatory_short"] = c.signatory_name.empty() ? std::string(20, '_') : masked_full_name(c.signatory_name);
  if (c.signatory_name.empty()) {
    n["signatory_genitive"] = std::string(40, '_');
  } else {
    RG_TRY_ASSIGN(NameForm g, role_in_case(db, c.signatory_position, sig, GramCase::Genitive));
    put_form(n, "signatory_genitive", g, questions, path);
  }
  n["acting_gen"] = guess_sex(sig) == 'F' ? "действующей" : "действующего";
  return n;
}

// payer.* : is_patient / is_person / is_company / is_other, the person's or company's data, a
// display name, and who signs for the payer.
Result<DocNode> payer_node(Database& db, const DocPayer& p, const DocNode& patient, std::int64_t patient_id,
                           const Signer& signer, DocNode& questions) {
  DocNode n;
  DocNode person = patient;
  bool company = false, other = true;
  PayerCompany co;
  switch (p.kind) {
    case DocPayer::Kind::Patient:
      other = false;
      break;
    case DocPayer::Kind::Person: {
      if (!p.id) return fail(ErrorCode::Invalid, _("Choose who pays."));
      RG_TRY_ASSIGN(RelatedPerson r, get_related_person(db, *p.id));
      if (r.patient_id != patient_id) return fail(ErrorCode::Invalid, _("This person is not on the patient's card."));
      // The representative who signs and pays is the patient's side, not a third party.
      if (signer.representative_id && *signer.representative_id == r.id) other = false;
      RG_TRY_ASSIGN(PersonData d, related_data(db, r));
      RG_TRY_ASSIGN(person, person_node(db, d, questions, "payer"));
      break;
    }
    case DocPayer::Kind::Card: {
      if (!p.id) return fail(ErrorCode::Invalid, _("Choose who pays."));
      RG_TRY_ASSIGN(Patient c, get_patient(db, *p.id));
      RG_TRY_ASSIGN(person, person_node(db, from_patient(c), questions, "payer"));
      other = c.id != patient_id;
      break;
    }
    case DocPayer::Kind::Company: {
      if (!p.id) return fail(ErrorCode::Invalid, _("Choose the paying company."));
      RG_TRY_ASSIGN(co, get_payer_company(db, *p.id));
      company = true;
      break;
    }
    case DocPayer::Kind::Named:
      if (p.named_company) {
        co.name = p.name;
        co.inn = p.inn;
        company = true;
      } else {
        PersonData d;
        d.name = split_full_name(p.name);
        RG_TRY_ASSIGN(person, person_node(db, d, questions, "payer"));
      }
      break;
  }
  for (const auto& [k, v] : person.fields()) n[k] = v;
  n["is_patient"] = !other;
  n["is_other"] = other;
  n["is_company"] = company;
  n["is_person"] = other && !company;
  if (company) {
    RG_TRY_ASSIGN(n["company"], company_node(db, co, questions, "payer.company"));
  } else {
    DocNode c;
    for (const char* k : {"name", "ogrn", "inn", "kpp", "address", "phone", "signatory_position", "authority",
                          "signatory_name", "signatory_short", "signatory_genitive"})
      c[k] = std::string(20, '_');
    c["acting_gen"] = "действующего";
    n["company"] = std::move(c);
  }
  n["display_name"] = company ? co.name : person.fields().at("full_name").str();
  return n;
}

Result<DocPayer> payer_or_invoice(Database& db, const std::optional<DocPayer>& given,
                                  std::optional<std::int64_t> appointment_id) {
  if (given) return *given;
  if (appointment_id) {
    RG_TRY_ASSIGN(auto inv, invoice_payer(db, *appointment_id));
    if (inv) return *inv;
  }
  return DocPayer{};
}

// The signer node (the one who signs for the patient) and the `representative` node.
Status put_signer(Database& db, DocNode& root, std::int64_t patient_id, const Signer& signer, DocNode& questions) {
  RG_TRY_ASSIGN(root["representative"], representative_node(db, patient_id, signer, questions));
  const bool rep = root["representative"]["present"].flag();
  root["signer"] = rep ? root["representative"] : root["patient"];
  root["signer"]["is_representative"] = rep;
  return {};
}

DocNode finish(DocNode root, DocNode questions) {
  root["name_questions"] = std::move(questions);
  return root;
}

}  // namespace

const std::vector<std::string>& intervention_kinds_390n() {
  static const std::vector<std::string> kinds = {
      "Опрос, в том числе выявление жалоб, сбор анамнеза",
      "Осмотр, в том числе пальпация, перкуссия, аускультация, риноскопия, фарингоскопия, непрямая ларингоскопия, "
      "вагинальное исследование (для женщин), ректальное исследование",
      "Антропометрические исследования",
      "Термометрия",
      "Тонометрия",
      "Неинвазивные исследования органа зрения и зрительных функций",
      "Неинвазивные исследования органа слуха и слуховых функций",
      "Исследование функций нервной системы (чувствительной и двигательной сферы)",
      "Лабораторные методы обследования, в том числе клинические, биохимические, бактериологические, "
      "вирусологические, иммунологические",
      "Функциональные методы обследования, в том числе электрокардиография, суточное мониторирование артериального "
      "давления, суточное мониторирование электрокардиограммы, спирография, пневмотахометрия, пикфлуометрия, "
      "рэоэнцефалография, электроэнцефалография, кардиотокография (для беременных)",
      "Рентгенологические методы обследования, в том числе флюорография (для лиц старше 15 лет) и рентгенография, "
      "ультразвуковые исследования, допплерографические исследования",
      "Введение лекарственных препаратов по назначению врача, в том числе внутримышечно, внутривенно, подкожно, "
      "внутрикожно",
      "Медицинский массаж",
      "Лечебная физкультура"};
  return kinds;
}

// ---- Numbers ----

Result<std::string> document_number(Database& db, std::string_view series, std::string_view subject, int year) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(auto get, db.cached("SELECT year, number FROM document_numbers WHERE series = ?1 AND subject = ?2"));
  get->bind_all(std::string(series), std::string(subject));
  RG_TRY_ASSIGN(bool have, get->step());
  std::int64_t y = year, n = 0;
  if (have) {
    y = get->col_int(0);
    n = get->col_int(1);
  }
  get->reset();
  if (!have) {
    RG_TRY_ASSIGN(auto ins, db.cached(
        "INSERT INTO document_numbers(series, subject, year, number, created_at) "
        "VALUES (?1, ?2, ?3, (SELECT coalesce(max(number), 0) + 1 FROM document_numbers WHERE series = ?1 AND year = ?3), ?4) "
        "RETURNING number"));
    ins->bind_all(std::string(series), std::string(subject), std::int64_t(year), now_unix());
    RG_TRY_ASSIGN(bool row, ins->step());
    if (!row) return fail(ErrorCode::Internal, _("The document could not be numbered."), "document_numbers");
    n = ins->col_int(0);
    ins->reset();
  }
  RG_TRY(tx.commit());
  char buf[64];
  const auto num = static_cast<long long>(n);
  if (series == "contract") std::snprintf(buf, sizeof buf, "Д-%lld-%05lld", static_cast<long long>(y), num);
  else if (series == "act") std::snprintf(buf, sizeof buf, "А-%lld-%05lld", static_cast<long long>(y), num);
  else if (series == "coupon") std::snprintf(buf, sizeof buf, "Т-%lld-%05lld", static_cast<long long>(y), num);
  else std::snprintf(buf, sizeof buf, "%lld", num);
  return std::string(buf);
}

Result<std::optional<DocPayer>> invoice_payer(Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT v.payer_kind, v.payer_patient_id, v.payer_person_id, v.payer_company_id, v.payer_name, v.payer_inn "
      "FROM invoices v WHERE v.status <> 'cancelled' AND v.payer_kind <> 'insurer' AND EXISTS "
      "(SELECT 1 FROM invoice_lines l WHERE l.invoice_id = v.id AND l.appointment_id = ?1) "
      "ORDER BY v.id DESC LIMIT 1"));
  st->bind_all(appointment_id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return std::optional<DocPayer>{};
  DocPayer p;
  const std::string kind = st->col_text(0);
  const auto card = st->col_opt_int(1), person = st->col_opt_int(2), company = st->col_opt_int(3);
  p.name = st->col_text(4);
  p.inn = st->col_text(5);
  st->reset();
  if (kind == "patient") {
    p.kind = DocPayer::Kind::Patient;
  } else if (kind == "person") {
    p.kind = person ? DocPayer::Kind::Person : card ? DocPayer::Kind::Card : DocPayer::Kind::Named;
    p.id = person ? person : card;
  } else {
    p.kind = company ? DocPayer::Kind::Company : DocPayer::Kind::Named;
    p.id = company;
    p.named_company = !company;
  }
  return std::optional<DocPayer>(p);
}

Result<Signer> default_signer(Database& db, std::int64_t patient_id, Date day, int adult_age) {
  RG_TRY_ASSIGN(Patient p, get_patient(db, patient_id));
  Signer s;
  if (age_on(p.birth_date, day) >= adult_age) return s;
  RG_TRY_ASSIGN(auto people, related_persons(db, patient_id));
  for (const auto& r : people)
    if (r.representative) {
      s.representative_id = r.id;
      break;
    }
  return s;
}

// ---- Nodes ----

DocNode header_node(Database& db, const DocumentHeader& h) {
  DocNode n;
  n["number"] = or_blank(h.number, 10);
  n["date"] = h.date.ru();
  n["date_long"] = date_long(h.date);
  n["year"] = std::to_string(h.date.year());
  auto city = get_setting(db, "clinic.city");
  n["city"] = city && *city && !(*city)->empty() ? **city : std::string("г. ____________");
  return n;
}

Result<DocNode> clinic_node(Database& db) {
  DocNode questions;
  return clinic_node(db, questions);
}

Result<DocNode> clinic_node(Database& db, DocNode& questions) {
  RG_TRY_ASSIGN(Clinic c, load_clinic(db));
  DocNode n;
  n["name"] = c.name;
  n["short_name"] = c.short_name.empty() ? c.name : c.short_name;
  // «в Обществе с ограниченной ответственностью …» (the consent and the refusal), «даю согласие
  // Обществу …» (personal data).
  RG_TRY_ASSIGN(NameForm in_clinic, phrase_in_case(db, c.name, GramCase::Prepositional));
  put_form(n, "name_prepositional", in_clinic, questions, "clinic");
  RG_TRY_ASSIGN(NameForm to_clinic, phrase_in_case(db, c.name, GramCase::Dative));
  put_form(n, "name_dative", to_clinic, questions, "clinic");
  n["legal_address"] = or_blank(c.legal_address, 40);
  n["address"] = or_blank(c.actual_address.empty() ? c.legal_address : c.actual_address, 40);
  n["phone"] = or_blank(c.phone, 16);
  n["email"] = or_blank(c.email, 16);
  n["ogrn"] = or_blank(c.ogrn, 13);
  n["inn"] = or_blank(c.inn, 10);
  n["kpp"] = or_blank(c.kpp, 9);
  n["licence"]["number"] = or_blank(c.licence_number, 20);
  n["licence"]["date"] = c.licence_date ? Date::parse_iso(*c.licence_date).value_or(Date()).ru() : std::string(10, '_');
  n["licence"]["authority"] = or_blank(c.licence_authority, 40);
  n["head"]["position"] = or_blank(c.head_position, 20);
  n["head"]["name"] = or_blank(c.head_name, 30);
  n["head"]["short_name"] = c.head_name.empty() ? std::string(20, '_') : masked_full_name(c.head_name);
  n["head"]["acting_gen"] = guess_sex(split_full_name(c.head_name)) == 'F' ? "действующей" : "действующего";
  struct Key {
    const char* setting;
    const char* path;
    const char* fallback;
  };
  static constexpr Key keys[] = {
      {"clinic.licence.works", "licence.works", ""},  // the list itself: a blank to fill in if not set
      // «запись внесена Межрайонной ИФНС России № 46 по г. Москве 12.04.2017»: the EGRUL record.
      {"clinic.registration", "registration", ""},
      {"clinic.licence.authority_address", "licence.authority_address", ""},
      {"clinic.licence.authority_phone", "licence.authority_phone", ""},
      {"clinic.head.authority", "head.authority", "Устава"},
      {"clinic.bank.name", "bank.name", ""},
      {"clinic.bank.bik", "bank.bik", ""},
      {"clinic.bank.account", "bank.account", ""},
      {"clinic.bank.corr_account", "bank.corr_account", ""},
      {"clinic.website", "website", ""},
      // The contract's clauses the clinic may word itself; a sensible default otherwise.
      {"documents.contract.payment_terms", "terms.payment",
       "Оплата производится в день оказания услуг до их оказания наличными денежными средствами или в безналичном "
       "порядке (банковской картой)."},
      {"documents.contract.quality_terms", "terms.quality",
       "Услуги оказываются в соответствии с порядками оказания медицинской помощи, на основе клинических "
       "рекомендаций и с учётом стандартов медицинской помощи."},
      {"documents.contract.company_payment_terms", "terms.company_payment",
       "Заказчик оплачивает услуги в безналичном порядке на основании счёта Исполнителя в течение десяти банковских "
       "дней со дня подписания Сторонами акта об оказании услуг."},
      {"documents.contract.waiting_terms", "terms.waiting",
       "Срок ожидания услуг определяется расписанием Исполнителя: ближайшие свободные дата и время приёма "
       "сообщаются Пациенту при записи, и услуги предоставляются в согласованные Сторонами день и время."},
  };
  for (const Key& k : keys) {
    RG_TRY_ASSIGN(auto v, get_setting(db, k.setting));
    std::string value = v && !v->empty() ? *v : std::string(k.fallback);
    n.set(k.path, or_blank(value, 20));
  }
  // «в лице Генерального директора Кузнецовой Ольги Викторовны»: typed once in the requisites,
  // else declined (and asked when the rules are not sure).
  RG_TRY_ASSIGN(auto genitive, get_setting(db, "clinic.head.genitive"));
  if (genitive && !genitive->empty()) {
    n.set("head.genitive", *genitive);
  } else if (c.head_name.empty()) {
    n.set("head.genitive", std::string(40, '_'));
  } else {
    RG_TRY_ASSIGN(NameForm g, role_in_case(db, c.head_position, split_full_name(c.head_name), GramCase::Genitive));
    put_form(n["head"], "genitive", g, questions, "clinic.head");
  }
  // «лицензия, выданная Департаментом здравоохранения города Москвы»
  RG_TRY_ASSIGN(auto authority_ins, get_setting(db, "clinic.licence.authority_instrumental"));
  if (authority_ins && !authority_ins->empty()) {
    n.set("licence.authority_instrumental", *authority_ins);
  } else if (c.licence_authority.empty()) {
    n.set("licence.authority_instrumental", std::string(40, '_'));
  } else {
    RG_TRY_ASSIGN(NameForm f, phrase_in_case(db, c.licence_authority, GramCase::Instrumental));
    put_form(n["licence"], "authority_instrumental", f, questions, "clinic.licence");
  }
  // Who processes personal data for the clinic (an SMS provider, a laboratory): a line each.
  RG_TRY_ASSIGN(auto processors, get_setting(db, "documents.pd.processors"));
  DocNode list = DocNode::list();
  if (processors && !processors->empty()) {
    std::string text = *processors;
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string line = fold_spaces(text.substr(start, nl - start));
      if (!line.empty()) {
        DocNode item;
        item["text"] = line;
        list.push(std::move(item));
      }
      start = nl + 1;
    }
  }
  n["has_processors"] = !list.items().empty();
  n["processors"] = std::move(list);
  return n;
}

Result<DocNode> patient_node(Database& db, std::int64_t patient_id, DocNode& questions, std::string_view path, Date day) {
  RG_TRY_ASSIGN(Patient p, get_patient(db, patient_id));
  RG_TRY_ASSIGN(DocNode n, person_node(db, from_patient(p), questions, path));
  n["id"] = std::to_string(p.id);
  n["surname"] = p.surname;
  n["name"] = p.name;
  n["sex"] = p.sex == 'M' ? "мужской" : "женский";
  n["sex_code"] = p.sex == 'M' ? "1" : "2";
  n["email"] = or_blank(p.email, 16);
  n["card_no"] = p.card_no;
  n["enp"] = or_blank(p.oms_enp.value_or(""), 16);
  n["snils"] = or_blank(snils_text(p.snils), 14);
  n["citizenship"] = p.id_doc.type == "foreign_passport" ? std::string(12, '_') : std::string("Российская Федерация");
  const int age = age_on(p.birth_date, day);
  n["age"] = std::to_string(age);
  n["minor"] = age < 18;
  return n;
}

Result<std::vector<ServiceLine>> appointment_services(Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT s.code, s.name, x.quantity, coalesce((SELECT p.price_kopecks FROM service_prices p "
      "  WHERE p.service_id = s.id AND p.active_from <= ?2 ORDER BY p.active_from DESC LIMIT 1), -1), s.tax_code "
      "FROM appointment_services x JOIN services s ON s.id = x.service_id "
      "WHERE x.appointment_id = ?1 ORDER BY x.position, s.id"));
  st->bind_all(appointment_id, to_local(v.start_at).date.iso());
  std::vector<ServiceLine> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    ServiceLine l;
    l.code = st->col_text(0);
    l.name = st->col_text(1);
    l.quantity = int(st->col_int(2));
    if (st->col_int(3) < 0) {
      st->reset();
      return fail(ErrorCode::Invalid, _("A service of the visit has no price on the visit's day; set its price first."),
                  "service " + l.code);
    }
    l.price_kopecks = st->col_int(3);
    l.tax_code = int(st->col_int(4));
    out.push_back(std::move(l));
  }
  return out;
}

// ---- Documents ----

Result<DocNode> contract_data(Database& db, const ContractRequest& r) {
  const Date day = r.header.date;
  DocNode root, q;
  RG_TRY_ASSIGN(Patient patient, get_patient(db, r.patient_id));
  RG_TRY(check_signer(patient, r.signer, day, 14, _("Contract")));
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db, q));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, r.patient_id, q, "patient", day));
  root["document"] = header_node(db, r.header);
  RG_TRY(put_signer(db, root, r.patient_id, r.signer, q));
  std::vector<ServiceLine> services = r.services;
  if (r.appointment_id) {
    RG_TRY_ASSIGN(VisitRow v, load_visit(db, *r.appointment_id));
    if (v.patient_id != r.patient_id)
      return fail(ErrorCode::Invalid, _("The appointment belongs to another patient."), "contract");
    root["visit"] = visit_node(v);
    if (services.empty()) {
      RG_TRY_ASSIGN(auto all, appointment_services(db, *r.appointment_id));
      RG_TRY_ASSIGN(auto dms, dms_codes(db, *r.appointment_id));
      for (auto& l : all)
        if (!dms.count(l.code)) services.push_back(std::move(l));
      if (services.empty() && !all.empty())
        return fail(ErrorCode::Invalid,
                    _("The insurer pays for every service of this visit under a DMS guarantee letter: no contract for "
                      "paid services is made for it."),
                    "contract: dms");
    }
  } else {
    root["visit"] = visit_node(VisitRow{});
  }
  RG_TRY_ASSIGN(DocPayer payer, payer_or_invoice(db, r.payer, r.appointment_id));
  RG_TRY_ASSIGN(root["payer"], payer_node(db, payer, root["patient"], r.patient_id, r.signer, q));
  put_services(root, services);
  root["estimate"] = r.estimate;
  return finish(std::move(root), std::move(q));
}

Result<DocNode> consent_data(Database& db, const ConsentRequest& r) {
  const Date day = r.header.date;
  DocNode root, q;
  RG_TRY_ASSIGN(Patient patient, get_patient(db, r.patient_id));
  RG_TRY(check_signer(patient, r.signer, day, 15, r.refusal ? _("Refusal of intervention") : _("Informed consent")));
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db, q));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, r.patient_id, q, "patient", day));
  root["document"] = header_node(db, r.header);
  RG_TRY(put_signer(db, root, r.patient_id, r.signer, q));
  std::optional<std::int64_t> doctor = r.doctor_id;
  std::vector<std::string> interventions = r.interventions;
  if (r.appointment_id) {
    RG_TRY_ASSIGN(VisitRow v, load_visit(db, *r.appointment_id));
    if (v.patient_id != r.patient_id) return fail(ErrorCode::Invalid, _("The appointment belongs to another patient."));
    if (!doctor) doctor = v.doctor_id;
    // The forms name only the interventions given: the consent is to the kinds of 390н's list,
    // the refusal to what the patient refuses — never the visit's services by default.
  }
  if (doctor) {
    RG_TRY_ASSIGN(root["worker"], doctor_node(db, *doctor, q, "worker"));
  } else {
    root["worker"] = blank_worker();
  }
  DocNode list = DocNode::list();
  for (const auto& i : interventions) {
    if (fold_spaces(i).empty()) continue;
    DocNode item;
    item["name"] = fold_spaces(i);
    list.push(std::move(item));
  }
  root["has_interventions"] = !list.items().empty();
  root["interventions"] = std::move(list);
  DocNode informed = DocNode::list();
  RG_TRY_ASSIGN(auto people, related_persons(db, r.patient_id));
  for (const auto& p : people) {
    if (!p.informed) continue;
    DocNode item;
    item["full_name"] = full_name(p.surname, p.name, p.patronymic);
    item["phone"] = p.phone.empty() ? std::string(16, '_') : format_phone(p.phone);
    item["relation"] = p.relation;
    item["has_relation"] = !p.relation.empty();
    informed.push(std::move(item));
  }
  root["has_informed_persons"] = !informed.items().empty();
  root["informed_persons"] = std::move(informed);
  return finish(std::move(root), std::move(q));
}

Result<DocNode> personal_data_consent_data(Database& db, std::int64_t patient_id, const Signer& signer,
                                           const DocumentHeader& header) {
  DocNode root, q;
  RG_TRY_ASSIGN(Patient patient, get_patient(db, patient_id));
  RG_TRY(check_signer(patient, signer, header.date, 14, _("Personal data consent")));
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db, q));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, patient_id, q, "patient", header.date));
  root["document"] = header_node(db, header);
  RG_TRY(put_signer(db, root, patient_id, signer, q));
  return finish(std::move(root), std::move(q));
}

Result<DocNode> stat_coupon_data(Database& db, std::int64_t appointment_id, const DocumentHeader& header) {
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  DocNode root, q;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db, q));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, v.patient_id, q, "patient", header.date));
  root["document"] = header_node(db, header);
  root["visit"] = visit_node(v);
  RG_TRY_ASSIGN(root["doctor"], doctor_node(db, v.doctor_id, q, "doctor"));
  // Item 24, the main type of payment (1 OMS, 2 budget, 3 paid services, 4 of which DMS, 5
  // other): DMS when a guarantee letter pays for the visit, else the clinic's default (3).
  RG_TRY_ASSIGN(auto dms, dms_codes(db, appointment_id));
  RG_TRY_ASSIGN(auto pay, get_setting(db, "documents.coupon.payment_code"));
  DocNode& c = root["coupon"];
  c["payment_code"] = !dms.empty() ? std::string("4") : pay && !pay->empty() ? *pay : std::string("3");
  c["dms"] = !dms.empty();
  c["visit_code"] = v.first ? "1" : "2";  // item 22: first / repeat
  RG_TRY_ASSIGN(auto place, get_setting(db, "documents.coupon.place_code"));
  c["place_code"] = place && !place->empty() ? *place : std::string("1");  // item 18: 1 the clinic
  // Items 42–43: the visit's interventions with their 804н codes and quantities. The
  // consultation itself (B01.*) is the visit, not an intervention.
  RG_TRY_ASSIGN(auto lines, appointment_services(db, appointment_id));
  DocNode list = DocNode::list();
  for (const auto& l : lines) {
    if (l.code.rfind("B01.", 0) == 0) continue;
    DocNode item;
    item["code"] = l.code;
    item["name"] = l.name;
    item["quantity"] = std::to_string(l.quantity);
    list.push(std::move(item));
  }
  c["has_interventions"] = !list.items().empty();
  c["interventions"] = std::move(list);
  return finish(std::move(root), std::move(q));
}

std::string tax_certificate_subject(std::int64_t patient_id, const DocPayer& t, int year) {
  std::string who = "self";
  if (t.kind == DocPayer::Kind::Person && t.id) who = "person" + std::to_string(*t.id);
  if (t.kind == DocPayer::Kind::Card && t.id) who = "card" + std::to_string(*t.id);
  return "tax:" + std::to_string(patient_id) + ":" + who + ":" + std::to_string(year);
}

Result<TaxSums> taxpayer_sums(Database& db, std::int64_t patient_id, const DocPayer& taxpayer, int year) {
  // Whose payments count: the patient's own invoices, or those the relative paid (named on the
  // invoice as the person from the card, or by their own card).
  std::optional<std::int64_t> person_id, card_id;
  std::string mode = "self";
  if (taxpayer.kind == DocPayer::Kind::Person) {
    if (!taxpayer.id) return fail(ErrorCode::Invalid, _("Choose the taxpayer."));
    RG_TRY_ASSIGN(RelatedPerson r, get_related_person(db, *taxpayer.id));
    mode = "other";
    person_id = r.id;
    card_id = r.person_patient_id;
  } else if (taxpayer.kind == DocPayer::Kind::Card) {
    if (!taxpayer.id) return fail(ErrorCode::Invalid, _("Choose the taxpayer."));
    mode = *taxpayer.id == patient_id ? "self" : "other";
    card_id = taxpayer.id;
  } else if (taxpayer.kind != DocPayer::Kind::Patient) {
    return fail(ErrorCode::Invalid, _("A tax certificate is made out to a person who paid, not to a company."));
  }
  RG_TRY_ASSIGN(auto st, db.prepare(
      "SELECT p.kind, p.total_kopecks, p.invoice_id FROM payments p JOIN invoices v ON v.id = p.invoice_id "
      "WHERE v.patient_id = ?1 AND p.state = 'registered' AND p.kind IN ('invoice', 'refund') "
      "AND p.registered_at >= ?2 AND p.registered_at < ?3 AND ("
      " (?4 = 'self' AND v.payer_kind = 'patient') OR"
      " (?4 = 'other' AND v.payer_kind = 'person' AND (v.payer_person_id = ?5 OR"
      "   (v.payer_person_id IS NULL AND v.payer_patient_id = ?6) OR"
      "   v.payer_person_id IN (SELECT x.id FROM patient_persons x WHERE x.patient_id = ?1 AND x.person_patient_id = ?6))))"));
  st.bind_all(patient_id, to_unix(Date(year, 1, 1), 0), to_unix(Date(year + 1, 1, 1), 0), mode, person_id, card_id);
  struct Paid {
    std::int64_t amount, invoice;
  };
  std::vector<Paid> paid;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row) break;
    const std::int64_t total = st.col_int(1);
    paid.push_back({st.col_view(0) == "refund" ? -total : total, st.col_int(2)});
  }
  // Each invoice's share of expensive treatment (code 2), by its lines' amounts.
  RG_TRY_ASSIGN(auto share, db.prepare(
      "SELECT coalesce(sum(CASE WHEN s.tax_code = 2 THEN l.amount_kopecks ELSE 0 END), 0), "
      "coalesce(sum(l.amount_kopecks), 0) FROM invoice_lines l JOIN services s ON s.id = l.service_id "
      "WHERE l.invoice_id = ?1"));
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> shares;
  TaxSums sums;
  for (const auto& p : paid) {
    if (!shares.count(p.invoice)) {
      share.bind_all(p.invoice);
      RG_TRY(share.step());
      shares[p.invoice] = {share.col_int(0), share.col_int(1)};
      share.reset();
    }
    const auto [code2, total] = shares[p.invoice];
    // Rounded half away from zero, so a refund takes back exactly what its payment gave.
    std::int64_t two = 0;
    if (total > 0 && code2 > 0)
      two = std::llround(static_cast<long double>(p.amount) * static_cast<long double>(code2) / static_cast<long double>(total));
    sums.code2 += two;
    sums.code1 += p.amount - two;
    ++sums.payments;
  }
  return sums;
}

Result<DocNode> tax_certificate_data(Database& db, const TaxCertificateRequest& r) {
  if (r.year < 2024 || r.year > 2100)
    return fail(ErrorCode::Invalid, _("This certificate form is for expenses from 2024 on."), "year " + std::to_string(r.year));
  RG_TRY_ASSIGN(TaxSums sums, taxpayer_sums(db, r.patient_id, r.taxpayer, r.year));
  if (sums.code1 < 0 || sums.code2 < 0)
    return fail(ErrorCode::Invalid, _("The sums of the certificate cannot be negative."), "tax certificate");
  if (sums.code1 + sums.code2 == 0)
    return fail(ErrorCode::Invalid, _("This taxpayer made no payments for the patient in this year: nothing to certify."),
                "tax certificate");
  DocNode root, q;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db, q));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, r.patient_id, q, "patient", r.header.date));
  root["document"] = header_node(db, r.header);
  bool same = true;
  switch (r.taxpayer.kind) {
    case DocPayer::Kind::Patient: root["taxpayer"] = root["patient"]; break;
    case DocPayer::Kind::Card: {
      same = *r.taxpayer.id == r.patient_id;
      RG_TRY_ASSIGN(root["taxpayer"], patient_node(db, *r.taxpayer.id, q, "taxpayer", r.header.date));
      break;
    }
    case DocPayer::Kind::Person: {
      same = false;
      RG_TRY_ASSIGN(RelatedPerson p, get_related_person(db, *r.taxpayer.id));
      if (p.patient_id != r.patient_id) return fail(ErrorCode::Invalid, _("This person is not on the patient's card."));
      RG_TRY_ASSIGN(PersonData d, related_data(db, p));
      RG_TRY_ASSIGN(root["taxpayer"], person_node(db, d, q, "taxpayer"));
      break;
    }
    default: return fail(ErrorCode::Invalid, _("A tax certificate is made out to a person who paid, not to a company."));
  }
  DocNode& c = root["certificate"];
  c["year"] = std::to_string(r.year);
  RG_TRY_ASSIGN(int corrections, originals_printed(db, "tax_certificate", r.header.number));
  char corr[8];
  std::snprintf(corr, sizeof corr, "%03d", r.header.number.empty() ? 0 : corrections);
  c["correction"] = std::string(corr);
  c["is_correction"] = !r.header.number.empty() && corrections > 0;
  c["same_person"] = same;
  c["same_person_code"] = same ? "1" : "0";
  c["code1"] = rubles(sums.code1);
  c["code2"] = rubles(sums.code2);
  c["code1_words"] = rubles_in_words(sums.code1);
  c["code2_words"] = rubles_in_words(sums.code2);
  c["has_code1"] = sums.code1 > 0;
  c["has_code2"] = sums.code2 > 0;
  c["pages"] = same ? "1" : "2";
  std::string signer = r.signatory;
  if (signer.empty()) signer = root["clinic"]["head"]["name"].str();
  c["signatory"] = signer;
  return finish(std::move(root), std::move(q));
}

Result<DocNode> slip_data(Database& db, std::int64_t appointment_id, const std::string& checkin_token,
                          const DocumentHeader& header) {
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  DocNode root, q;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db, q));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, v.patient_id, q, "patient", header.date));
  root["document"] = header_node(db, header);
  root["visit"] = visit_node(v);
  RG_TRY_ASSIGN(auto lines, appointment_services(db, appointment_id));
  put_services(root, lines);
  // Preparation: per service code (documents.preparation.B04.014.001), else the clinic's default.
  DocNode prep = DocNode::list();
  for (const auto& l : lines) {
    RG_TRY_ASSIGN(auto text, get_setting(db, "documents.preparation." + l.code));
    if (text && !text->empty()) {
      DocNode item;
      item["text"] = *text;
      prep.push(std::move(item));
    }
  }
  if (prep.items().empty()) {
    RG_TRY_ASSIGN(auto text, get_setting(db, "documents.preparation.default"));
    DocNode item;
    item["text"] = text && !text->empty() ? *text
                                          : std::string("Возьмите с собой паспорт, полис ОМС или ДМС и результаты прежних обследований. "
                                                        "Приходите за 10–15 минут до приёма.");
    prep.push(std::move(item));
  }
  root["preparation"] = std::move(prep);
  RG_TRY_ASSIGN(auto desk, db.prepare("SELECT desk_location FROM clinic WHERE id = 1"));
  RG_TRY_ASSIGN(bool has, desk.step());
  root["clinic"]["desk_location"] = has ? desk.col_text(0) : std::string();
  root["checkin"]["token"] = checkin_token;
  root["checkin"]["has_token"] = !checkin_token.empty();
  return finish(std::move(root), std::move(q));
}

Result<DocNode> card_pull_list_data(Database& db, Date day, const DocumentHeader& header) {
  RG_TRY_ASSIGN(auto rows, day_list(db, day));
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  root["document"] = header_node(db, header);
  root["day"]["date"] = day.ru();
  root["day"]["date_long"] = date_long(day);
  root["day"]["weekday"] = weekday_name(day);
  root["day"]["count"] = std::to_string(rows.size());
  DocNode doctors = DocNode::list();
  std::int64_t current = -1;
  for (const auto& r : rows) {
    if (r.doctor_id != current) {
      DocNode d;
      d["doctor"] = r.doctor;
      d["specialty"] = r.specialty;
      d["patients"] = DocNode::list();
      doctors.push(std::move(d));
      current = r.doctor_id;
    }
    DocNode p;
    p["time"] = r.start;
    p["patient"] = r.patient;
    p["card_no"] = r.card_no;
    p["birth_date"] = r.birth_date;
    p["phone"] = r.phone;
    p["room"] = r.room;
    p["first_visit"] = r.first_visit;
    p["mark"] = r.first_visit ? "П" : "";
    doctors.items().back()["patients"].push(std::move(p));
  }
  root["doctors"] = std::move(doctors);
  root["has_rows"] = !rows.empty();
  return root;
}

Result<DocNode> services_act_data(Database& db, const ActRequest& r) {
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, r.appointment_id));
  DocNode root, q;
  RG_TRY_ASSIGN(Patient patient, get_patient(db, v.patient_id));
  RG_TRY(check_signer(patient, r.signer, r.header.date, 14, _("Act of services rendered")));
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db, q));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, v.patient_id, q, "patient", r.header.date));
  root["document"] = header_node(db, r.header);
  root["visit"] = visit_node(v);
  RG_TRY(put_signer(db, root, v.patient_id, r.signer, q));
  RG_TRY_ASSIGN(DocPayer payer, payer_or_invoice(db, r.payer, r.appointment_id));
  RG_TRY_ASSIGN(root["payer"], payer_node(db, payer, root["patient"], v.patient_id, r.signer, q));
  RG_TRY_ASSIGN(auto all, appointment_services(db, r.appointment_id));
  RG_TRY_ASSIGN(auto dms, dms_codes(db, r.appointment_id));
  std::vector<ServiceLine> lines;
  for (auto& l : all)
    if (!dms.count(l.code)) lines.push_back(std::move(l));
  if (lines.empty() && !all.empty())
    return fail(ErrorCode::Invalid,
                _("The insurer pays for every service of this visit: the act goes to the insurer with its register, "
                  "not to the patient."),
                "act: dms");
  put_services(root, lines);
  // The contract this act closes: the latest original printed for the visit.
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT number, coalesce(doc_date, '') FROM printed_documents WHERE kind = 'contract' AND appointment_id = ?1 "
      "AND reprint_of IS NULL AND number <> '' ORDER BY printed_at DESC, id DESC LIMIT 1"));
  st->bind_all(r.appointment_id);
  RG_TRY_ASSIGN(bool row, st->step());
  DocNode& contract = root["contract"];
  contract["present"] = row;
  contract["number"] = row ? st->col_text(0) : std::string(10, '_');
  const auto date = row ? Date::parse_iso(st->col_view(1)) : std::nullopt;
  contract["date"] = date ? date->ru() : std::string(10, '_');
  st->reset();
  return finish(std::move(root), std::move(q));
}

std::optional<NameQuestion> name_question_of(const Error& e) {
  // The engine's detail: "name_form" then the fields, separated by \x1f.
  constexpr std::string_view kTag = "name_form\x1f";
  if (e.detail.rfind(kTag, 0) != 0) return std::nullopt;
  std::vector<std::string> parts;
  size_t start = kTag.size();
  for (;;) {
    size_t sep = e.detail.find('\x1f', start);
    parts.push_back(e.detail.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
    if (sep == std::string::npos) break;
    start = sep + 1;
  }
  if (parts.size() != 5) return std::nullopt;
  NameQuestion q;
  q.path = parts[0];
  q.nominative = parts[1];
  q.sex = parts[2].empty() ? 0 : parts[2][0];
  q.gram_case = parts[3];
  q.suggestion = parts[4];
  return q;
}

// ---- record ----

Result<std::int64_t> record_printed_document(Database& db, const PrintedDocumentDraft& d, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::DocumentsPrint));
  std::int64_t now = now_unix();
  RG_TRY_ASSIGN(auto tpl, db.cached(
      "INSERT INTO document_templates(sha256, template_id, version, body, first_used) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO NOTHING"));
  tpl->bind_all(d.template_sha256, d.template_id, d.template_version, d.template_body, now);
  RG_TRY(tpl->exec());
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO printed_documents(kind, patient_id, appointment_id, template_id, template_version, "
      "template_sha256, renderer, data_json, pdf_sha256, pdf_bytes, pages, copies, reprint_of, printed_by, "
      "user_id, printed_at, number, doc_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
      "?16, ?17, ?18) RETURNING id"));
  st->bind_all(d.kind, d.patient_id, d.appointment_id, d.template_id, d.template_version, d.template_sha256,
               d.renderer, d.data_json, d.pdf_sha256, d.pdf_bytes, d.pages, d.copies, d.reprint_of, actor.id,
               actor.user_id, now, d.number,
               d.doc_date ? std::optional<std::string>(d.doc_date->iso()) : std::optional<std::string>());
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::Internal, _("The printed document could not be recorded."), "printed_documents");
  const std::int64_t id = st->col_int(0);
  st->reset();
  RG_TRY(append_audit(db, actor, d.reprint_of ? "document.reprint" : "document.print", "printed_document", id,
                      {{"kind", d.kind},
                       {"template", d.template_id + " v" + std::to_string(d.template_version)},
                       {"patient_id", d.patient_id ? std::to_string(*d.patient_id) : ""},
                       {"number", d.number},
                       {"pdf_sha256", d.pdf_sha256},
                       {"copies", std::to_string(d.copies)}}));
  RG_TRY(tx.commit());
  return id;
}

namespace {

constexpr const char* kDocumentColumns =
    "d.id, d.kind, d.patient_id, d.appointment_id, d.reprint_of, d.template_id, d.template_version, "
    "d.template_sha256, d.renderer, d.pdf_sha256, d.pdf_bytes, d.pages, d.copies, d.printed_by, d.printed_at, "
    "d.number, d.doc_date";

PrintedDocument read_document(const Statement& st) {
  PrintedDocument p;
  p.id = st.col_int(0);
  p.kind = st.col_text(1);
  p.patient_id = st.col_opt_int(2);
  p.appointment_id = st.col_opt_int(3);
  p.reprint_of = st.col_opt_int(4);
  p.template_id = st.col_text(5);
  p.template_version = int(st.col_int(6));
  p.template_sha256 = st.col_text(7);
  p.renderer = st.col_text(8);
  p.pdf_sha256 = st.col_text(9);
  p.pdf_bytes = st.col_int(10);
  p.pages = int(st.col_int(11));
  p.copies = int(st.col_int(12));
  p.printed_by = st.col_text(13);
  p.printed_at = st.col_int(14);
  p.number = st.col_text(15);
  if (auto d = st.col_opt_text(16)) p.doc_date = Date::parse_iso(*d);
  return p;
}

}  // namespace

Result<PrintedDocument> get_printed_document(Database& db, std::int64_t id) {
  RG_TRY_ASSIGN(auto st, db.prepare(std::string("SELECT ") + kDocumentColumns +
                                    ", d.data_json, t.body FROM printed_documents d "
                                    "JOIN document_templates t ON t.sha256 = d.template_sha256 WHERE d.id = ?1"));
  st.bind_all(id);
  RG_TRY_ASSIGN(bool row, st.step());
  if (!row) return fail(ErrorCode::NotFound, _("This printed document is not in the journal."), "printed_document " + std::to_string(id));
  PrintedDocument p = read_document(st);
  p.data_json = st.col_text(17);
  p.template_body = st.col_text(18);
  return p;
}

Result<std::vector<PrintedDocument>> printed_documents_of_patient(Database& db, std::int64_t patient_id, int limit) {
  RG_TRY_ASSIGN(auto st, db.prepare(std::string("SELECT ") + kDocumentColumns +
                                    " FROM printed_documents d WHERE d.patient_id = ?1 "
                                    "ORDER BY d.printed_at DESC, d.id DESC LIMIT ?2"));
  st.bind_all(patient_id, limit);
  std::vector<PrintedDocument> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row) break;
    out.push_back(read_document(st));
  }
  return out;
}

Result<int> originals_printed(Database& db, std::string_view kind, std::string_view number) {
  if (number.empty()) return 0;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT count(*) FROM printed_documents WHERE kind = ?1 AND number = ?2 AND reprint_of IS NULL"));
  st->bind_all(std::string(kind), std::string(number));
  RG_TRY(st->step());
  const int n = int(st->col_int(0));
  st->reset();
  return n;
}

}  // namespace rg::db
