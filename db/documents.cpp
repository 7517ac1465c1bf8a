// Document data from the database: one node per subject (clinic, patient, visit, payer), put
// together per document. Empty requisites become a line to fill in by hand, never a missing key.
#include "documents.h"

#include <array>
#include <cstdio>

#include "clinic.h"
#include "day_list.h"
#include "i18n.h"
#include "patients.h"
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
  return type;
}

// Code of the identity document as the FNS lists them (21 = passport of a Russian citizen).
std::string id_doc_type_code(const std::string& type) {
  if (type == "passport_ru") return "21";
  if (type == "birth_certificate") return "03";
  if (type == "foreign_passport") return "10";
  return "91";
}

}  // namespace

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

namespace {

DocNode person_node(const PersonOnDocument& p) {
  DocNode n;
  n["full_name"] = or_blank(p.full_name, 40);
  n["short_name"] = p.full_name.empty() ? std::string(20, '_') : masked_full_name(p.full_name);
  n["address"] = or_blank(p.address, 40);
  n["phone"] = or_blank(p.phone, 16);
  n["birth_date"] = p.birth_date ? p.birth_date->ru() : std::string(10, '_');
  n["id_doc"] = or_blank(p.id_doc, 40);
  n["inn"] = or_blank(p.inn, 12);
  return n;
}

struct VisitRow {
  std::int64_t id = 0, patient_id = 0, doctor_id = 0;
  std::int64_t start_at = 0, end_at = 0;
  bool first = false;
  std::string room, doctor_surname, doctor_name, doctor_patronymic, position;
};

Result<VisitRow> load_visit(Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT a.id, a.patient_id, a.doctor_id, a.start_at, a.end_at, a.visit_kind, "
      "coalesce(r.number, ''), d.surname, d.name, d.patronymic, d.position "
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
  return v;
}

Result<DocNode> doctor_node(Database& db, std::int64_t doctor_id) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT surname, name, patronymic, position FROM doctors WHERE id = ?1"));
  st->bind_all(doctor_id);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return fail(ErrorCode::NotFound, _("The doctor no longer exists."), "doctor " + std::to_string(doctor_id));
  DocNode n;
  n["full_name"] = full_name(st->col_view(0), st->col_view(1), st->col_view(2));
  n["short_name"] = masked_name(st->col_view(0), st->col_view(1), st->col_view(2));
  n["position"] = st->col_text(3);
  n["code"] = std::to_string(doctor_id);
  return n;
}

DocNode visit_node(const VisitRow& v) {
  LocalTime s = to_local(v.start_at), e = to_local(v.end_at);
  DocNode n;
  n["id"] = std::to_string(v.id);
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
  n["doctor"]["code"] = std::to_string(v.doctor_id);
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

Result<DocNode> payer_node(Database& db, const Payer& p, const DocNode& patient) {
  DocNode n;
  n["is_patient"] = p.kind == Payer::Kind::Patient;
  n["is_person"] = p.kind == Payer::Kind::Person;
  n["is_company"] = p.kind == Payer::Kind::Company;
  n["is_other"] = p.kind != Payer::Kind::Patient;
  DocNode person;
  if (p.kind == Payer::Kind::Patient) {
    person = patient;
  } else if (p.patient_id) {
    RG_TRY_ASSIGN(person, patient_node(db, *p.patient_id));
  } else {
    person = person_node(p.person);
  }
  for (const auto& [k, v] : person.fields()) n[k] = v;
  DocNode c;
  c["name"] = or_blank(p.company.name, 40);
  c["ogrn"] = or_blank(p.company.ogrn, 13);
  c["inn"] = or_blank(p.company.inn, 10);
  c["kpp"] = or_blank(p.company.kpp, 9);
  c["address"] = or_blank(p.company.address, 40);
  c["signatory"] = or_blank(p.company.signatory, 30);
  c["authority"] = or_blank(p.company.authority, 20);
  n["company"] = std::move(c);
  if (p.kind == Payer::Kind::Company) n["display_name"] = or_blank(p.company.name, 40);
  else n["display_name"] = person.fields().at("full_name");
  return n;
}

DocNode representative_node(const std::optional<PersonOnDocument>& r) {
  DocNode n = person_node(r.value_or(PersonOnDocument{}));
  n["present"] = r.has_value();
  return n;
}

}  // namespace

Result<DocNode> clinic_node(Database& db) {
  RG_TRY_ASSIGN(Clinic c, load_clinic(db));
  DocNode n;
  n["name"] = c.name;
  n["short_name"] = c.short_name.empty() ? c.name : c.short_name;
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
  struct Key {
    const char* setting;
    const char* path;
    const char* fallback;
  };
  static constexpr Key keys[] = {
      {"clinic.licence.works", "licence.works", "согласно выписке из реестра лицензий"},
      {"clinic.head.authority", "head.authority", "Устава"},
      // «в лице Генерального директора Кузнецовой Ольги Викторовны»: the genitive is typed once.
      {"clinic.head.genitive", "head.genitive", ""},
      {"clinic.bank.name", "bank.name", ""},
      {"clinic.bank.bik", "bank.bik", ""},
      {"clinic.bank.account", "bank.account", ""},
      {"clinic.bank.corr_account", "bank.corr_account", ""},
      {"clinic.website", "website", ""},
      {"documents.contract.payment_terms", "terms.payment", ""},
      {"documents.contract.quality_terms", "terms.quality", ""},
  };
  for (const Key& k : keys) {
    RG_TRY_ASSIGN(auto v, get_setting(db, k.setting));
    std::string value = v && !v->empty() ? *v : std::string(k.fallback);
    n.set(k.path, or_blank(value, 20));
  }
  if (n.find("head.genitive")->str().find_first_not_of('_') == std::string::npos)
    n.set("head.genitive", c.head_position + " " + c.head_name);
  return n;
}

Result<DocNode> patient_node(Database& db, std::int64_t patient_id) {
  RG_TRY_ASSIGN(Patient p, get_patient(db, patient_id));
  DocNode n;
  n["id"] = std::to_string(p.id);
  n["full_name"] = full_name(p.surname, p.name, p.patronymic);
  n["short_name"] = masked_name(p.surname, p.name, p.patronymic);
  n["surname"] = p.surname;
  n["name"] = p.name;
  n["patronymic"] = or_blank(p.patronymic, 12);
  n["birth_date"] = p.birth_date.ru();
  n["sex"] = p.sex == 'M' ? "мужской" : "женский";
  n["sex_code"] = p.sex == 'M' ? "1" : "2";
  n["address"] = or_blank(p.address, 40);
  n["phone"] = p.phones.empty() ? std::string(16, '_') : format_phone(p.phones.front().number);
  n["email"] = or_blank(p.email, 16);
  n["card_no"] = p.card_no;
  n["enp"] = or_blank(p.oms_enp.value_or(""), 16);
  n["snils"] = or_blank(snils_text(p.snils), 14);
  n["citizenship"] = p.id_doc.type == "foreign_passport" ? std::string(12, '_') : std::string("Российская Федерация");
  const IdDocument& d = p.id_doc;
  n["id_doc"]["type_name"] = id_doc_type_name(d.type);
  n["id_doc"]["type_code"] = id_doc_type_code(d.type);
  n["id_doc"]["series"] = or_blank(d.series, 5);
  n["id_doc"]["number"] = or_blank(d.number, 8);
  n["id_doc"]["issued_by"] = or_blank(d.issued_by, 40);
  n["id_doc"]["issued_on"] = d.issued_on ? d.issued_on->ru() : std::string(10, '_');
  std::string text = d.number.empty() ? std::string(40, '_')
                                      : id_doc_type_name(d.type) + " " + (d.series.empty() ? "" : d.series + " ") + d.number +
                                            (d.issued_by.empty() ? "" : ", выдан " + d.issued_by) +
                                            (d.issued_on ? " " + d.issued_on->ru() : "");
  n["id_doc"]["text"] = text;
  return n;
}

Result<std::vector<ServiceLine>> appointment_services(Database& db, std::int64_t appointment_id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT s.code, s.name, x.quantity, coalesce((SELECT p.price_kopecks FROM service_prices p "
      "  WHERE p.service_id = s.id AND p.active_from <= ?2 ORDER BY p.active_from DESC LIMIT 1), -1) "
      "FROM appointment_services x JOIN services s ON s.id = x.service_id "
      "WHERE x.appointment_id = ?1 ORDER BY x.position, s.id"));
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  st->bind_all(appointment_id, to_local(v.start_at).date.iso());
  std::vector<ServiceLine> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    ServiceLine l;
    l.code = st->col_text(0);
    l.name = st->col_text(1);
    l.quantity = int(st->col_int(2));
    if (st->col_int(3) < 0)
      return fail(ErrorCode::Invalid, _("A service of the visit has no price on the visit's day; set its price first."),
                  "service " + l.code);
    l.price_kopecks = st->col_int(3);
    out.push_back(std::move(l));
  }
  return out;
}

Result<DocNode> contract_data(Database& db, const ContractRequest& r) {
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, r.patient_id));
  root["document"] = header_node(db, r.header);
  RG_TRY_ASSIGN(root["payer"], payer_node(db, r.payer, root["patient"]));
  root["representative"] = representative_node(r.representative);
  std::vector<ServiceLine> services = r.services;
  if (r.appointment_id) {
    RG_TRY_ASSIGN(VisitRow v, load_visit(db, *r.appointment_id));
    if (v.patient_id != r.patient_id)
      return fail(ErrorCode::Invalid, _("The appointment belongs to another patient."), "contract");
    root["visit"] = visit_node(v);
    if (services.empty()) {
      RG_TRY_ASSIGN(services, appointment_services(db, *r.appointment_id));
    }
  } else {
    root["visit"] = visit_node(VisitRow{});
  }
  put_services(root, services);
  root["estimate"] = r.estimate;
  return root;
}

Result<DocNode> consent_data(Database& db, const ConsentRequest& r) {
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, r.patient_id));
  root["document"] = header_node(db, r.header);
  root["representative"] = representative_node(r.representative);
  std::optional<std::int64_t> doctor = r.doctor_id;
  std::vector<std::string> interventions = r.interventions;
  if (r.appointment_id) {
    RG_TRY_ASSIGN(VisitRow v, load_visit(db, *r.appointment_id));
    if (!doctor) doctor = v.doctor_id;
    if (interventions.empty()) {
      RG_TRY_ASSIGN(auto lines, appointment_services(db, *r.appointment_id));
      for (const auto& l : lines) interventions.push_back(l.name);
    }
  }
  if (doctor) {
    RG_TRY_ASSIGN(root["worker"], doctor_node(db, *doctor));
  } else {
    DocNode w;
    w["full_name"] = std::string(30, '_');
    w["short_name"] = std::string(20, '_');
    w["position"] = std::string(20, '_');
    w["code"] = "";
    root["worker"] = std::move(w);
  }
  DocNode list = DocNode::list();
  for (const auto& i : interventions) {
    DocNode item;
    item["name"] = i;
    list.push(std::move(item));
  }
  root["interventions"] = std::move(list);
  root["has_interventions"] = !interventions.empty();
  DocNode informed = DocNode::list();
  for (const auto& p : r.informed_persons) informed.push(person_node(p));
  root["has_informed_persons"] = !r.informed_persons.empty();
  root["informed_persons"] = std::move(informed);
  return root;
}

Result<DocNode> personal_data_consent_data(Database& db, std::int64_t patient_id,
                                           const std::optional<PersonOnDocument>& representative,
                                           const DocumentHeader& header) {
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, patient_id));
  root["document"] = header_node(db, header);
  root["representative"] = representative_node(representative);
  return root;
}

Result<DocNode> stat_coupon_data(Database& db, std::int64_t appointment_id, const DocumentHeader& header) {
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, v.patient_id));
  root["document"] = header_node(db, header);
  root["visit"] = visit_node(v);
  // Field 24, type of payment: paid services unless the clinic says otherwise (1 OMS, 2 budget,
  // 3 paid, 4 of which DMS, 5 other).
  RG_TRY_ASSIGN(auto pay, get_setting(db, "documents.coupon.payment_code"));
  root["coupon"]["payment_code"] = pay && !pay->empty() ? *pay : std::string("3");
  root["coupon"]["visit_code"] = v.first ? "1" : "2";
  return root;
}

Result<DocNode> tax_certificate_data(Database& db, const TaxCertificateRequest& r) {
  if (r.year < 2024 || r.year > 2100)
    return fail(ErrorCode::Invalid, _("This certificate form is for expenses from 2024 on."), "year " + std::to_string(r.year));
  if (r.code1_kopecks < 0 || r.code2_kopecks < 0)
    return fail(ErrorCode::Invalid, _("The sums of the certificate cannot be negative."), "tax certificate");
  if (r.code1_kopecks + r.code2_kopecks == 0)
    return fail(ErrorCode::Invalid, _("There were no payments for this year: nothing to certify."), "tax certificate");
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, r.patient_id));
  root["document"] = header_node(db, r.header);
  bool same = !r.taxpayer_patient_id && !r.taxpayer;
  if (r.taxpayer_patient_id) {
    same = *r.taxpayer_patient_id == r.patient_id;
    RG_TRY_ASSIGN(root["taxpayer"], patient_node(db, *r.taxpayer_patient_id));
  } else if (r.taxpayer) {
    root["taxpayer"] = person_node(*r.taxpayer);
  } else {
    root["taxpayer"] = root["patient"];
  }
  DocNode& t = root["taxpayer"];
  if (!t.find("inn")) t["inn"] = std::string(12, '_');
  if (!t.find("id_doc.type_code")) {
    DocNode text = t.fields().at("id_doc");  // a person off the street: the document as typed
    t["id_doc"] = DocNode{};
    t["id_doc"]["type_code"] = "21";
    t["id_doc"]["text"] = std::move(text);
  }
  DocNode& c = root["certificate"];
  c["year"] = std::to_string(r.year);
  c["correction"] = std::to_string(r.correction);
  c["same_person"] = same;
  c["same_person_code"] = same ? "1" : "0";
  c["code1"] = rubles(r.code1_kopecks);
  c["code2"] = rubles(r.code2_kopecks);
  c["code1_words"] = rubles_in_words(r.code1_kopecks);
  c["code2_words"] = rubles_in_words(r.code2_kopecks);
  c["has_code1"] = r.code1_kopecks > 0;
  c["has_code2"] = r.code2_kopecks > 0;
  std::string signer = r.signatory;
  if (signer.empty()) signer = root["clinic"]["head"]["short_name"].str();
  c["signatory"] = signer;
  return root;
}

Result<DocNode> slip_data(Database& db, std::int64_t appointment_id, const std::string& checkin_token,
                          const DocumentHeader& header) {
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, v.patient_id));
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
  return root;
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
      d["position"] = r.position;
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

Result<DocNode> services_act_data(Database& db, std::int64_t appointment_id, const Payer& payer,
                                  const DocumentHeader& header) {
  RG_TRY_ASSIGN(VisitRow v, load_visit(db, appointment_id));
  DocNode root;
  RG_TRY_ASSIGN(root["clinic"], clinic_node(db));
  RG_TRY_ASSIGN(root["patient"], patient_node(db, v.patient_id));
  root["document"] = header_node(db, header);
  root["visit"] = visit_node(v);
  RG_TRY_ASSIGN(root["payer"], payer_node(db, payer, root["patient"]));
  RG_TRY_ASSIGN(auto lines, appointment_services(db, appointment_id));
  put_services(root, lines);
  return root;
}

// ---- record ----

Result<std::int64_t> record_printed_document(Database& db, const PrintedDocumentDraft& d, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  std::int64_t now = now_unix();
  RG_TRY_ASSIGN(auto tpl, db.cached(
      "INSERT OR IGNORE INTO document_templates(sha256, template_id, version, body, first_used) "
      "VALUES (?1, ?2, ?3, ?4, ?5)"));
  tpl->bind_all(d.template_sha256, d.template_id, d.template_version, d.template_body, now);
  RG_TRY(tpl->exec());
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO printed_documents(kind, patient_id, appointment_id, template_id, template_version, "
      "template_sha256, renderer, data_json, pdf_sha256, pdf_bytes, pages, copies, reprint_of, printed_by, "
      "user_id, printed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"));
  st->bind_all(d.kind, d.patient_id, d.appointment_id, d.template_id, d.template_version, d.template_sha256,
               d.renderer, d.data_json, d.pdf_sha256, d.pdf_bytes, d.pages, d.copies, d.reprint_of, actor.id,
               actor.user_id, now);
  RG_TRY(st->exec());
  std::int64_t id = db.last_insert_rowid();
  RG_TRY(append_audit(db, actor, d.reprint_of ? "document.reprint" : "document.print", "printed_document", id,
                      {{"kind", d.kind},
                       {"template", d.template_id + " v" + std::to_string(d.template_version)},
                       {"patient_id", d.patient_id ? std::to_string(*d.patient_id) : ""},
                       {"pdf_sha256", d.pdf_sha256},
                       {"copies", std::to_string(d.copies)}}));
  RG_TRY(tx.commit());
  return id;
}

namespace {

constexpr const char* kDocumentColumns =
    "d.id, d.kind, d.patient_id, d.appointment_id, d.reprint_of, d.template_id, d.template_version, "
    "d.template_sha256, d.renderer, d.pdf_sha256, d.pdf_bytes, d.pages, d.copies, d.printed_by, d.printed_at";

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
  p.data_json = st.col_text(15);
  p.template_body = st.col_text(16);
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

}  // namespace rg::db
