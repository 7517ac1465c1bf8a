// The demo clinic: requisites, 12 doctors of common specialties, an 804н price list, weekly
// schedules, patients and appointments around today in every status. Deterministic per seed.
#include "demo_seed.h"

#include <algorithm>
#include <array>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "appointments.h"
#include "calendar.h"
#include "clinic.h"
#include "i18n.h"
#include "invoices.h"
#include "patients.h"
#include "text.h"

namespace rg::db {
namespace {

struct ServiceSpec {
  const char* code;
  const char* name;
  int minutes;
  std::int64_t rubles;
  const char* short_name;  // for the grid and the lists, where the doctor is already named
};

struct SpecialtySpec {
  const char* specialty;
  const char* position;
  std::vector<ServiceSpec> services;  // [0] first visit, [1] repeat visit, then procedures
};

// Codes from the nomenclature of medical services (order 804н).
const std::vector<SpecialtySpec>& specialties() {
  static const std::vector<SpecialtySpec> v = {
      {"стоматолог-терапевт", "врач-стоматолог-терапевт",
       {{"B01.065.001", "Приём (осмотр, консультация) врача-стоматолога-терапевта первичный", 30, 1500, "Первичный приём"},
        {"B01.065.002", "Приём (осмотр, консультация) врача-стоматолога-терапевта повторный", 30, 1000, "Повторный приём"},
        {"A16.07.002", "Восстановление зуба пломбой", 60, 5500, "Пломба"},
        {"A16.07.008", "Пломбирование корневого канала зуба", 60, 4200, "Пломбирование канала"},
        {"A16.07.051", "Профессиональная гигиена полости рта и зубов", 60, 6500, "Профгигиена"},
        {"A06.07.003", "Прицельная внутриротовая контактная рентгенография", 15, 600, "Прицельный снимок зуба"}}},
      {"стоматолог-хирург", "врач-стоматолог-хирург",
       {{"B01.067.001", "Приём (осмотр, консультация) врача-стоматолога-хирурга первичный", 30, 1500, "Первичный приём"},
        {"B01.067.002", "Приём (осмотр, консультация) врача-стоматолога-хирурга повторный", 30, 1000, "Повторный приём"},
        {"A16.07.001", "Удаление зуба", 45, 3500, "Удаление зуба"},
        {"A16.07.024", "Операция удаления непрорезавшегося, дистопированного или сверхкомплектного зуба", 60, 9000, "Удаление ретинированного зуба"}}},
      {"ортодонт", "врач-ортодонт",
       {{"B01.063.001", "Приём (осмотр, консультация) врача-ортодонта первичный", 30, 2000, "Первичный приём"},
        {"B01.063.002", "Приём (осмотр, консультация) врача-ортодонта повторный", 30, 1500, "Повторный приём"},
        {"A23.07.002.037", "Коррекция ортодонтического аппарата", 30, 3000, "Коррекция брекетов"}}},
      {"акушер-гинеколог", "врач-акушер-гинеколог",
       {{"B01.001.001", "Приём (осмотр, консультация) врача-акушера-гинеколога первичный", 30, 2500, "Первичный приём"},
        {"B01.001.002", "Приём (осмотр, консультация) врача-акушера-гинеколога повторный", 30, 2000, "Повторный приём"},
        {"A11.20.005", "Получение влагалищного мазка", 15, 500, "Мазок"}}},
      {"терапевт", "врач-терапевт",
       {{"B01.047.001", "Приём (осмотр, консультация) врача-терапевта первичный", 30, 2200, "Первичный приём"},
        {"B01.047.002", "Приём (осмотр, консультация) врача-терапевта повторный", 30, 1800, "Повторный приём"},
        {"A05.10.006", "Регистрация электрокардиограммы", 15, 900, "ЭКГ"}}},
      {"врач УЗИ", "врач ультразвуковой диагностики",
       {{"A04.16.001", "Ультразвуковое исследование органов брюшной полости (комплексное)", 30, 2800, "УЗИ брюшной полости"},
        {"A04.22.001", "Ультразвуковое исследование щитовидной железы и паращитовидных желез", 30, 1900, "УЗИ щитовидной железы"},
        {"A04.20.001", "Ультразвуковое исследование матки и придатков трансабдоминальное", 30, 2400, "УЗИ малого таза"}}},
      {"кардиолог", "врач-кардиолог",
       {{"B01.015.001", "Приём (осмотр, консультация) врача-кардиолога первичный", 30, 2800, "Первичный приём"},
        {"B01.015.002", "Приём (осмотр, консультация) врача-кардиолога повторный", 30, 2200, "Повторный приём"},
        {"A05.10.006", "Регистрация электрокардиограммы", 15, 900, "ЭКГ"}}},
      {"невролог", "врач-невролог",
       {{"B01.023.001", "Приём (осмотр, консультация) врача-невролога первичный", 30, 2600, "Первичный приём"},
        {"B01.023.002", "Приём (осмотр, консультация) врача-невролога повторный", 30, 2100, "Повторный приём"}}},
      {"оториноларинголог", "врач-оториноларинголог",
       {{"B01.028.001", "Приём (осмотр, консультация) врача-оториноларинголога первичный", 30, 2400, "Первичный приём"},
        {"B01.028.002", "Приём (осмотр, консультация) врача-оториноларинголога повторный", 30, 1900, "Повторный приём"}}},
      {"офтальмолог", "врач-офтальмолог",
       {{"B01.029.001", "Приём (осмотр, консультация) врача-офтальмолога первичный", 30, 2300, "Первичный приём"},
        {"B01.029.002", "Приём (осмотр, консультация) врача-офтальмолога повторный", 30, 1800, "Повторный приём"}}},
  };
  return v;
}

struct Shift {
  std::vector<int> weekdays;  // ISO
  int start_min, end_min;
  int break_start = -1, break_end = -1;
};

struct DoctorSpec {
  int specialty;  // index into specialties()
  const char *surname, *name, *patronymic;
  const char* room;
  std::vector<Shift> shifts;
};

const std::vector<DoctorSpec>& demo_doctors() {
  static const std::vector<DoctorSpec> v = {
      {0, "Петрова", "Анна", "Сергеевна", "101", {{{1, 2, 3, 4, 5}, 8 * 60, 14 * 60}}},
      {0, "Соколов", "Дмитрий", "Игоревич", "101",
       {{{1, 2, 3, 4, 5}, 14 * 60, 20 * 60}, {{6, 7}, 9 * 60, 15 * 60}}},
      {1, "Волков", "Андрей", "Николаевич", "102", {{{1, 3, 5}, 9 * 60, 18 * 60, 13 * 60, 14 * 60}}},
      {2, "Морозова", "Елена", "Викторовна", "103",
       {{{2, 4}, 10 * 60, 19 * 60, 14 * 60, 15 * 60}, {{6}, 10 * 60, 16 * 60}}},
      {3, "Лебедева", "Ольга", "Павловна", "201", {{{1, 2, 3, 4, 5, 6}, 8 * 60, 14 * 60}}},
      {4, "Новиков", "Сергей", "Александрович", "202", {{{1, 2, 3, 4, 5}, 8 * 60, 14 * 60}}},
      {4, "Кузнецова", "Марина", "Олеговна", "202",
       {{{1, 2, 3, 4, 5}, 14 * 60, 20 * 60}, {{6, 7}, 10 * 60, 16 * 60}}},
      {5, "Фёдорова", "Татьяна", "Юрьевна", "203",
       {{{1, 2, 3, 4, 5}, 9 * 60, 18 * 60, 13 * 60, 14 * 60}, {{7}, 10 * 60, 15 * 60}}},
      {6, "Орлов", "Павел", "Викторович", "204", {{{2, 4}, 9 * 60, 15 * 60}}},
      {7, "Смирнова", "Ирина", "Александровна", "204", {{{1, 3, 5}, 14 * 60, 20 * 60}}},
      {8, "Васильев", "Михаил", "Юрьевич", "205", {{{1, 2, 3, 4, 5, 7}, 9 * 60, 15 * 60}}},
      {9, "Зайцева", "Наталья", "Андреевна", "206",
       {{{1, 2, 3, 4, 5}, 12 * 60, 20 * 60, 15 * 60 + 30, 16 * 60}, {{6}, 10 * 60, 16 * 60}}},
  };
  return v;
}

struct MaleName {
  const char *name, *patr_m, *patr_f;
};
constexpr std::array<MaleName, 30> kMale = {{
    {"Александр", "Александрович", "Александровна"}, {"Алексей", "Алексеевич", "Алексеевна"},
    {"Андрей", "Андреевич", "Андреевна"},             {"Антон", "Антонович", "Антоновна"},
    {"Артём", "Артёмович", "Артёмовна"},              {"Борис", "Борисович", "Борисовна"},
    {"Вадим", "Вадимович", "Вадимовна"},              {"Валерий", "Валерьевич", "Валерьевна"},
    {"Василий", "Васильевич", "Васильевна"},          {"Виктор", "Викторович", "Викторовна"},
    {"Владимир", "Владимирович", "Владимировна"},     {"Геннадий", "Геннадьевич", "Геннадьевна"},
    {"Дмитрий", "Дмитриевич", "Дмитриевна"},          {"Евгений", "Евгеньевич", "Евгеньевна"},
    {"Игорь", "Игоревич", "Игоревна"},                {"Иван", "Иванович", "Ивановна"},
    {"Илья", "Ильич", "Ильинична"},                   {"Кирилл", "Кириллович", "Кирилловна"},
    {"Константин", "Константинович", "Константиновна"}, {"Максим", "Максимович", "Максимовна"},
    {"Михаил", "Михайлович", "Михайловна"},           {"Никита", "Никитич", "Никитична"},
    {"Николай", "Николаевич", "Николаевна"},          {"Олег", "Олегович", "Олеговна"},
    {"Павел", "Павлович", "Павловна"},                {"Пётр", "Петрович", "Петровна"},
    {"Роман", "Романович", "Романовна"},              {"Сергей", "Сергеевич", "Сергеевна"},
    {"Фёдор", "Фёдорович", "Фёдоровна"},              {"Юрий", "Юрьевич", "Юрьевна"},
}};
constexpr std::array<const char*, 30> kFemale = {
    "Алёна",  "Анастасия", "Анна",    "Валентина", "Валерия",   "Вера",     "Виктория", "Галина",
    "Дарья",  "Екатерина", "Елена",   "Елизавета", "Жанна",     "Зоя",      "Инна",     "Ирина",
    "Ксения", "Лариса",    "Любовь",  "Людмила",   "Маргарита", "Марина",   "Мария",    "Надежда",
    "Наталья", "Нина",     "Ольга",   "Полина",    "Софья",     "Татьяна"};
// Male forms; the female form is derived.
constexpr std::array<const char*, 64> kSurnames = {
    "Иванов",   "Смирнов",  "Кузнецов", "Попов",     "Васильев", "Петров",    "Соколов",  "Михайлов",
    "Новиков",  "Фёдоров",  "Морозов",  "Волков",    "Алексеев", "Лебедев",   "Семёнов",  "Егоров",
    "Павлов",   "Козлов",   "Степанов", "Николаев",  "Орлов",    "Андреев",   "Макаров",  "Никитин",
    "Захаров",  "Зайцев",   "Соловьёв", "Борисов",   "Яковлев",  "Григорьев", "Романов",  "Воробьёв",
    "Сергеев",  "Кузьмин",  "Фролов",   "Александров", "Дмитриев", "Королёв", "Гусев",    "Киселёв",
    "Ильин",    "Максимов", "Поляков",  "Сорокин",   "Виноградов", "Ковалёв", "Белов",    "Медведев",
    "Антонов",  "Тарасов",  "Жуков",    "Баранов",   "Филиппов", "Комаров",   "Давыдов",  "Беляев",
    "Герасимов", "Богданов", "Осипов",  "Сидоров",   "Шевченко", "Ким",       "Бондаренко", "Островский"};

std::string female_surname(std::string m) {
  auto ends = [&](std::string_view suf) {
    return m.size() >= suf.size() && m.compare(m.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends("ов") || ends("ев") || ends("ёв") || ends("ин") || ends("ын")) return m + "а";
  if (ends("ский") || ends("цкий")) return m.substr(0, m.size() - std::string("ий").size()) + "ая";
  return m;
}

constexpr std::array<const char*, 9> kReferral = {
    "Рекомендация знакомых", "Сайт клиники", "Яндекс Карты",   "2ГИС",
    "ПроДокторов",           "Соцсети",      "Наружная реклама", "Страховая компания (ДМС)",
    "Проходил(а) мимо"};

constexpr std::array<const char*, 10> kStreets = {
    "ул. Ленина", "ул. Гагарина", "пр-т Мира", "ул. Садовая", "ул. Лесная",
    "ул. Школьная", "ул. Советская", "Молодёжная ул.", "Набережная ул.", "ул. Победы"};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(g_) < p; }
  template <typename C>
  const auto& pick(const C& c) { return c[size_t(between(0, int(std::size(c)) - 1))]; }
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += char('0' + between(0, 9));
    return s;
  }

 private:
  std::mt19937_64 g_;
};

// The ЕНП's 16th digit is a Luhn check digit (codes/oms_policy.cpp checks scans the same way):
// demo policies must pass the kiosk's check like real ones.
std::string enp_with_check(const std::string& first15) {
  int sum = 0;
  for (size_t i = 0; i < first15.size(); ++i) {
    int d = first15[first15.size() - 1 - i] - '0';
    if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;  // from the right, next to the check digit
    sum += d;
  }
  return first15 + char('0' + (10 - sum % 10) % 10);
}

std::string snils_with_check(std::string nine) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (nine[size_t(i)] - '0') * (9 - i);
  int check = sum < 100 ? sum : (sum <= 101 ? 0 : sum % 101);
  if (check == 100) check = 0;
  return nine + char('0' + check / 10) + char('0' + check % 10);
}

// INN of an organisation: 9 digits + a check digit with the FNS weights.
std::string inn10_with_check(const std::string& nine) {
  static const int w[9] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  int s = 0;
  for (int i = 0; i < 9; ++i) s += (nine[size_t(i)] - '0') * w[i];
  return nine + char('0' + (s % 11) % 10);
}

// OGRN: 12 digits + (number mod 11) mod 10.
std::string ogrn_with_check(const std::string& twelve) {
  long long n = std::stoll(twelve);
  return twelve + char('0' + int((n % 11) % 10));
}

// A person's identity document as a desk would type it: a passport from 14, else the birth
// certificate.
IdDocument demo_id_doc(Rng& rng, Date birth, Date now) {
  IdDocument d;
  if (age_on(birth, now) >= 14) {
    d.type = "passport_ru";
    d.series = "45 " + rng.digits(2);
    d.number = rng.digits(6);
    d.issued_by = "ГУ МВД России по г. Москве";
    d.issued_on = Date(birth.year() + (age_on(birth, now) >= 20 ? 20 : 14), birth.month(), 1);
  } else {
    d.type = "birth_certificate";
    d.series = "IV-МЮ";
    d.number = rng.digits(6);
    d.issued_by = "Отдел ЗАГС Москвы";
    d.issued_on = birth.plus_days(12);
  }
  return d;
}

// A minor's parent on the card: the legal representative who signs the documents.
Status add_demo_parent(Database& db, Rng& rng, std::int64_t child, const std::string& family, const PatientDraft& c,
                       std::int64_t now) {
  const bool mother = rng.chance(0.75);
  const auto& grandfather = rng.pick(kMale);
  const Date birth = c.birth_date.plus_days(-rng.between(22 * 365, 38 * 365));
  const IdDocument doc = demo_id_doc(rng, birth, today());
  const IdDocument& cert = c.id_doc;
  const std::string authority = std::string(cert.type == "birth_certificate" ? "свидетельство о рождении " : "паспорт ребёнка ") +
                                cert.series + " № " + cert.number + " от " + cert.issued_on.value_or(c.birth_date).ru();
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO patient_persons(patient_id, relation, surname, name, patronymic, sex, birth_date, address, phone, "
      "id_doc_type, id_doc_series, id_doc_number, id_doc_issued_by, id_doc_issued_on, representative, authority, "
      "informed, active, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, 1, 1, ?16, ?16)"));
  st->bind_all(child, std::string(mother ? "мать" : "отец"), mother ? female_surname(family) : family,
               std::string(mother ? rng.pick(kFemale) : rng.pick(kMale).name),
               std::string(mother ? grandfather.patr_f : grandfather.patr_m), std::string(mother ? "F" : "M"),
               birth.iso(), c.address, normalize_phone(c.phones.front().number), doc.type, doc.series, doc.number,
               doc.issued_by, doc.issued_on->iso(), authority, now);
  return st->exec();
}

Status seed_clinic(Database& db) {
  Clinic c;
  c.name = "Общество с ограниченной ответственностью «Клиника семейной медицины „Берёза“»";
  c.short_name = "Клиника «Берёза»";
  c.legal_address = "125040, г. Москва, ул. Правды, д. 8, стр. 2";
  c.actual_address = c.legal_address;
  c.phone = "+7 495 123-45-67";
  c.email = "info@bereza-clinic.ru";
  c.ogrn = ogrn_with_check("117774612345");
  c.inn = inn10_with_check("771451234");
  c.kpp = "771401001";
  c.licence_number = "Л041-01137-77/00368921";
  c.licence_date = "2021-07-15";
  c.licence_authority = "Департамент здравоохранения города Москвы";
  c.head_position = "Генеральный директор";
  c.head_name = "Кузнецова Ольга Викторовна";
  c.time_zone = "Europe/Moscow";
  c.desk_location = "1 этаж, стойка регистратуры справа от входа";
  RG_TRY(save_clinic(db, c, Actor::system("seed")));
  // What the documents print besides the requisites (templates/README.md lists the keys).
  // The kiosk's English screens say where the desk is in English (kiosk/kiosk_settings.h).
  RG_TRY(set_setting(db, "kiosk.desk_location_en", "Ground floor, to the right of the entrance"));
  RG_TRY(set_setting(db, "clinic.city", "Москва"));
  RG_TRY(set_setting(db, "clinic.head.genitive", "Генерального директора Кузнецовой Ольги Викторовны"));
  RG_TRY(set_setting(db, "clinic.licence.works",
                     "при оказании первичной доврачебной и первичной специализированной медико-санитарной помощи "
                     "в амбулаторных условиях"));
  RG_TRY(set_setting(db, "clinic.bank.name", "ПАО Сбербанк"));
  RG_TRY(set_setting(db, "clinic.bank.bik", "044525225"));
  RG_TRY(set_setting(db, "clinic.bank.account", "40702810938000123456"));
  RG_TRY(set_setting(db, "clinic.bank.corr_account", "30101810400000000225"));
  RG_TRY(set_setting(db, "clinic.website", "bereza-clinic.ru"));
  RG_TRY(set_setting(db, "clinic.licence.authority_instrumental", "Департаментом здравоохранения города Москвы"));
  RG_TRY(set_setting(db, "clinic.registration", "12.04.2017 Межрайонной инспекцией ФНС России № 46 по г. Москве"));
  RG_TRY(set_setting(db, "clinic.licence.authority_address", "127006, г. Москва, Оружейный пер., д. 43"));
  RG_TRY(set_setting(db, "clinic.licence.authority_phone", "+7 495 251-14-55"));
  // Two employers that pay for their staff.
  RG_TRY(db.exec(std::string("INSERT INTO payer_companies(name, inn, kpp, ogrn, address, phone, signatory_position, "
                             "signatory_name, authority, active, created_at, updated_at) VALUES "
                             "('АО «Ромашка»', '") + inn10_with_check("773605000") + "', '773601001', '" +
                 ogrn_with_check("102770013219") +
                 "', '117997, г. Москва, ул. Вавилова, д. 19', '+7 495 700-10-20', 'Генеральный директор', "
                 "'Петров Иван Сергеевич', 'Устава', 1, 0, 0), "
                 "('ООО «Северный ветер»', '" + inn10_with_check("772801234") + "', '772801001', '" +
                 ogrn_with_check("115774612345") +
                 "', '117342, г. Москва, ул. Бутлерова, д. 17', '+7 495 600-20-30', 'Директор', "
                 "'Орлова Марина Павловна', 'Устава', 1, 0, 0)"));
  return {};
}

}  // namespace

// What a desk finds on a Monday morning: patients on the waiting list, a doctor off sick the
// day after tomorrow with patients still booked, and calls to make.
Status seed_desk_work(Database& db, Rng& rng, std::int64_t first_patient, std::int64_t last_patient,
                      std::int64_t admin_id, int doctor_count) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  const Date d0 = today();
  static const char* const kComments[] = {"Просит пораньше, если кто-то откажется", "Только после 17:00, работает",
                                          "", "Боль, нужно как можно скорее", "Удобно по вторникам и четвергам", ""};
  RG_TRY_ASSIGN(auto add, db.cached(
      "INSERT INTO waiting_list(patient_id, specialty_id, doctor_id, from_day, to_day, time_from_min, "
      "time_to_min, priority, comment, created_by, created_at) "
      "SELECT ?1, CASE WHEN ?2 THEN NULL ELSE (SELECT min(specialty_id) FROM doctor_specialties WHERE doctor_id = ?3) END, "
      "CASE WHEN ?2 THEN ?3 END, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"));
  for (int i = 0; i < 9; ++i) {
    std::int64_t doctor = 1 + i % std::min(doctor_count, 6);
    bool by_doctor = i % 3 == 0;
    int from = i % 4 == 1 ? 17 * 60 : 0;
    add->bind_all(rng.between(int(first_patient), int(last_patient)), by_doctor, doctor, d0.iso(),
                  d0.plus_days(7 + 3 * i).iso(), from, 1440, i == 3 ? 2 : i % 5 == 0 ? 1 : 0,
                  kComments[size_t(i) % 6], admin_id, now_unix() - (9 - i) * 86400);
    RG_TRY(add->exec());
    add->reset();
  }
  {
    // The busiest doctor of the day after tomorrow (after the first) is ill that day: the grid
    // shows the absence, and the desk still has to hand over, move or cancel the patients.
    RG_TRY_ASSIGN(auto ab, db.cached(
        "INSERT INTO doctor_absences(doctor_id, from_day, to_day, reason, created_by, created_at) "
        "SELECT doctor_id, ?1, ?1, 'Больничный', ?2, ?3 FROM appointments "
        "WHERE start_at >= ?4 AND start_at < ?5 AND doctor_id > 1 AND status IN ('booked', 'confirmed') "
        "GROUP BY doctor_id ORDER BY EXISTS (SELECT 1 FROM doctor_specialties a JOIN doctor_specialties b "
        "ON b.specialty_id = a.specialty_id AND b.doctor_id <> a.doctor_id "
        "WHERE a.doctor_id = appointments.doctor_id) DESC, count(*) DESC, doctor_id LIMIT 1"));
    ab->bind_all(d0.plus_days(2).iso(), admin_id, now_unix(), to_unix(d0.plus_days(2), 0), to_unix(d0.plus_days(3), 0));
    RG_TRY(ab->exec());
  }
  {
    // Today's arrivals checked in 5–20 minutes early, two in three at the kiosk, each patient with
    // the day's queue number in the order they came: the flow board shows waiting times.
    const std::int64_t t0 = to_unix(d0, 0), t1 = to_unix(d0.plus_days(1), 0);
    RG_TRY_ASSIGN(auto arrived, db.cached(
        "UPDATE appointments SET checked_in_at = start_at - 300 - (id % 16) * 60, "
        "checked_in_by = CASE WHEN id % 3 = 0 THEN 'user:' || ?3 ELSE 'kiosk:lobby' END "
        "WHERE start_at >= ?1 AND start_at < ?2 AND status IN ('arrived', 'in_room', 'done')"));
    arrived->bind_all(t0, t1, admin_id);
    RG_TRY(arrived->exec());
    RG_TRY_ASSIGN(auto queue, db.cached(
        "INSERT INTO queue_tickets(day, number, patient_id, issued_at, issued_by) "
        "SELECT ?3, row_number() OVER (ORDER BY min(checked_in_at), patient_id), patient_id, "
        "min(checked_in_at), 'kiosk:lobby' FROM appointments "
        "WHERE start_at >= ?1 AND start_at < ?2 AND checked_in_at IS NOT NULL GROUP BY patient_id"));
    queue->bind_all(t0, t1, d0.iso());
    RG_TRY(queue->exec());
  }
  RG_TRY_ASSIGN(auto task, db.cached(
      "INSERT INTO tasks(kind, patient_id, appointment_id, title, created_by, created_at) "
      "SELECT 'call_reschedule', patient_id, id, ?1, ?2, ?3 FROM appointments "
      "WHERE status = 'cancelled' AND start_at > ?3 ORDER BY start_at LIMIT 3"));
  task->bind_all("Предложить пациенту другое время вместо отменённого", admin_id, now_unix());
  RG_TRY(task->exec());
  return tx.commit();
}

// The cash desk's demo: an insurer with a guarantee letter covering one of today's finished
// visits (the cash desk bills it to the insurer), and an invoice already made for another, so
// the desk opens on work to do. No payment is seeded: receipts come from the registrar only.
static Status seed_cash_desk(Database& db, std::int64_t admin_id) {
  const Date d0 = today();
  std::vector<std::pair<std::int64_t, std::int64_t>> done;  // appointment, patient
  {
    RG_TRY_ASSIGN(auto st, db.prepare(
        "SELECT id, patient_id FROM appointments WHERE start_at >= ?1 AND start_at < ?2 AND status = 'done' "
        "AND EXISTS (SELECT 1 FROM appointment_services WHERE appointment_id = appointments.id) "
        "ORDER BY start_at, id LIMIT 2"));
    st.bind_all(to_unix(d0, 0), to_unix(d0.plus_days(1), 0));
    for (;;) {
      RG_TRY_ASSIGN(bool row, st.step());
      if (!row) break;
      done.emplace_back(st.col_int(0), st.col_int(1));
    }
  }
  RG_TRY_ASSIGN(auto insurer, add_insurer(db, "АО «СОГАЗ»", "7736035485"));
  (void)add_insurer(db, "ООО «СК «Ингосстрах-М»»", "7714035230");
  const Actor seed = Actor::user(admin_id);
  if (done.size() >= 1) {
    GuaranteeLetter l;
    l.patient_id = done[0].second;
    l.insurer_id = insurer;
    l.number = "ГП-" + std::to_string(d0.year()) + "/0417";
    l.valid_from = d0.plus_days(-10);
    l.valid_to = d0.plus_days(80);
    l.limit = 3000000;
    RG_TRY_ASSIGN(auto st, db.prepare("SELECT service_id FROM appointment_services WHERE appointment_id = ?1"));
    st.bind(1, done[0].first);
    for (;;) {
      RG_TRY_ASSIGN(bool row, st.step());
      if (!row) break;
      l.service_ids.push_back(st.col_int(0));
    }
    RG_TRY(add_guarantee_letter(db, l, seed));
  }
  if (done.size() >= 2) {
    const std::int64_t visit[] = {done[1].first};
    RG_TRY(create_invoices(db, visit, {}, seed));
  }
  // A debt: the first Иванова's last visit before today was billed and never paid, so her card
  // (the patients screen's demo search) shows the debt line and the kiosk sends her to the desk.
  RG_TRY_ASSIGN(auto owed, db.prepare(
      "SELECT a.id FROM appointments a JOIN patients p ON p.id = a.patient_id "
      "WHERE p.surname = 'Иванова' AND a.status = 'done' AND a.start_at < ?1 "
      "AND EXISTS (SELECT 1 FROM appointment_services WHERE appointment_id = a.id) "
      "ORDER BY p.name, p.patronymic, a.start_at DESC LIMIT 1"));
  owed.bind(1, to_unix(d0, 0));
  RG_TRY_ASSIGN(bool has_owed, owed.step());
  if (has_owed) {
    const std::int64_t visit[] = {owed.col_int(0)};
    RG_TRY_ASSIGN(auto made, create_invoices(db, visit, {}, seed));
    if (made.patient_invoice) {
      // Billed on the day of the visit.
      RG_TRY_ASSIGN(auto back, db.prepare(
          "UPDATE invoices SET created_at = (SELECT start_at FROM appointments WHERE id = ?2) + 3600 WHERE id = ?1"));
      back.bind_all(*made.patient_invoice, visit[0]);
      RG_TRY(back.exec());
    }
  }
  return {};
}

Result<SeedReport> seed_demo(Database& db, const SeedOptions& opts) {
  RG_TRY_ASSIGN(auto existing, db.query_int("SELECT count(*) FROM clinic"));
  if (existing > 0)
    return fail(ErrorCode::Invalid, _("This database already holds a clinic; the demo was not loaded."));
  if (opts.patients < 1 || opts.doctors < 1 || opts.days < 1)
    return fail(ErrorCode::Invalid, "seed: patients, doctors and days must be positive");

  Rng rng(opts.seed);
  SeedReport report;
  RG_TRY(seed_clinic(db));
  use_time_zone("Europe/Moscow");
  // The demo's clock, for the seeding too: what is "over" and what is "now" follow it. The
  // caller's clock is given back when the seed is done.
  struct ClockBack {
    std::int64_t offset = clock_offset();
    ~ClockBack() { set_clock_offset(offset); }
  } clock_back;
  {
    set_clock_offset(0);
    const std::int64_t real = now_unix();
    const Date d = today();
    const std::int64_t shift = std::clamp(real, to_unix(d, 10 * 60 + 40), to_unix(d, 13 * 60 + 40)) - real;
    RG_TRY(set_setting(db, "demo.clock_offset", std::to_string(shift)));
    RG_TRY(set_setting(db, "demo.day", d.iso()));
    // The demo prints to the simulated devices and a folder: no printer step waits for the manager.
    RG_TRY(set_setting(db, "setup.skipped.devices", "1"));
    RG_TRY(set_setting(db, "demo.clock_day", d.iso()));
    set_clock_offset(shift);
  }
  const Actor seed = Actor::system("seed");
  (void)db.exec("PRAGMA synchronous=OFF");  // a generated dataset: speed over power-cut safety

  // Reference data.
  std::vector<std::vector<std::int64_t>> service_ids(specialties().size());
  std::vector<std::int64_t> specialty_ids;
  std::int64_t admin_id = 0;
  {
    RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
    // The demo's front office (passwords and PINs are set by the CLI, which hashes: README).
    RG_TRY(db.exec(
        "INSERT INTO users(login, full_name, position, created_at, updated_at) VALUES "
        "('admin', 'Смирнова Екатерина Андреевна', 'Администратор', strftime('%s'), strftime('%s')),"
        "('admin2', 'Кузнецова Ольга Петровна', 'Администратор-кассир', strftime('%s'), strftime('%s')),"
        "('senior', 'Белова Светлана Игоревна', 'Старший администратор', strftime('%s'), strftime('%s')),"
        "('operator', 'Гусева Полина Сергеевна', 'Оператор call-центра', strftime('%s'), strftime('%s')),"
        "('manager', 'Орлова Ирина Викторовна', 'Управляющий клиникой', strftime('%s'), strftime('%s')),"
        "('it', 'Лебедев Максим Олегович', 'Системный администратор', strftime('%s'), strftime('%s'));"
        "INSERT INTO user_roles(user_id, role) SELECT id, 'admin' FROM users WHERE login IN ('admin', 'admin2');"
        "INSERT INTO user_roles(user_id, role) SELECT id, 'cashier' FROM users WHERE login = 'admin2';"
        "INSERT INTO user_roles(user_id, role) SELECT id, 'senior_admin' FROM users WHERE login = 'senior';"
        "INSERT INTO user_roles(user_id, role) SELECT id, 'operator' FROM users WHERE login = 'operator';"
        "INSERT INTO user_roles(user_id, role) SELECT id, 'manager' FROM users WHERE login = 'manager';"
        "INSERT INTO user_roles(user_id, role) SELECT id, 'sysadmin' FROM users WHERE login = 'it';"));
    RG_TRY_ASSIGN(admin_id, db.query_int("SELECT id FROM users WHERE login = 'admin'"));
    for (const char* r : kReferral) {
      RG_TRY_ASSIGN(auto st, db.prepare("INSERT INTO referral_sources(name) VALUES (?1)"));
      st.bind(1, r);
      RG_TRY(st.exec());
    }
    std::string price_from = today().plus_days(-400).iso();
    std::string raise_from = today().plus_days(-60).iso();
    for (size_t s = 0; s < specialties().size(); ++s) {
      RG_TRY_ASSIGN(auto st, db.prepare("INSERT INTO specialties(name) VALUES (?1) RETURNING id"));
      st.bind(1, specialties()[s].specialty);
      RG_TRY_ASSIGN(const std::int64_t specialty_id, st.exec_returning_id());
      specialty_ids.push_back(specialty_id);
      for (const auto& sv : specialties()[s].services) {
        RG_TRY_ASSIGN(auto si, db.prepare(
            "INSERT INTO services(code, name, specialty_id, duration_min, short_name) VALUES (?1, ?2, ?3, ?4, ?5) "
            "RETURNING id"));
        si.bind_all(sv.code, sv.name, specialty_ids.back(), sv.minutes, sv.short_name);
        RG_TRY_ASSIGN(std::int64_t sid, si.exec_returning_id());
        service_ids[s].push_back(sid);
        ++report.services;
        // Two price rows: last year's, and this year's 8 % rise, so price history is visible.
        RG_TRY_ASSIGN(auto pr, db.prepare(
            "INSERT INTO service_prices(service_id, active_from, price_kopecks) VALUES (?1, ?2, ?3)"));
        pr.bind_all(sid, price_from, sv.rubles * 100);
        RG_TRY(pr.exec());
        pr.reset();
        pr.bind_all(sid, raise_from, (sv.rubles * 108 / 100) / 10 * 10 * 100);
        RG_TRY(pr.exec());
      }
    }
    RG_TRY(tx.commit());
  }

  // Doctors, rooms and weekly schedules. Beyond the 12 demo doctors, the same specialties and
  // shifts repeat with generated names, in rooms of further buildings ("101-2").
  struct SeededDoctor {
    std::int64_t id;
    int specialty;
    std::int64_t room_id;
    std::vector<Shift> shifts;
  };
  std::vector<SeededDoctor> doctors;
  {
    RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
    const auto& templ = demo_doctors();
    std::string valid_from = today().plus_days(-opts.days).iso();
    for (int i = 0; i < opts.doctors; ++i) {
      const DoctorSpec& t = templ[size_t(i) % templ.size()];
      int building = i / int(templ.size());
      std::string room = t.room;
      if (building > 0) room += "-" + std::to_string(building + 1);
      std::string surname = t.surname, name = t.name, patronymic = t.patronymic;
      if (building > 0) {
        bool female = rng.chance(0.6);
        const auto& m = rng.pick(kMale);
        surname = rng.pick(kSurnames);
        if (female) surname = female_surname(surname);
        name = female ? rng.pick(kFemale) : m.name;
        patronymic = female ? rng.pick(kMale).patr_f : rng.pick(kMale).patr_m;
      }
      RG_TRY_ASSIGN(auto rs, db.prepare(
          "INSERT INTO rooms(number, name, floor) VALUES (?1, ?2, ?3) "
          "ON CONFLICT(number) DO UPDATE SET number = excluded.number RETURNING id"));
      rs.bind_all(room, std::string("Кабинет ") + room, int(room[0] - '0'));
      RG_TRY(rs.step());
      std::int64_t room_id = rs.col_int(0);
      rs = Statement();
      RG_TRY_ASSIGN(auto ds, db.prepare(
          "INSERT INTO doctors(surname, name, patronymic, position, default_room_id, sort_order) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"));
      ds.bind_all(surname, name, patronymic, specialties()[size_t(t.specialty)].position, room_id, i);
      RG_TRY_ASSIGN(std::int64_t did, ds.exec_returning_id());
      // The regional code of the medical worker that the statistical coupon prints.
      RG_TRY_ASSIGN(auto code, db.prepare("UPDATE doctors SET code = ?1 WHERE id = ?2"));
      code.bind_all("77-" + std::to_string(104500 + i), did);
      RG_TRY(code.exec());
      RG_TRY_ASSIGN(auto sp, db.prepare(
          "INSERT INTO doctor_specialties(doctor_id, specialty_id) VALUES (?1, ?2)"));
      sp.bind_all(did, specialty_ids[size_t(t.specialty)]);
      RG_TRY(sp.exec());
      for (const Shift& sh : t.shifts) {
        for (int wd : sh.weekdays) {
          RG_TRY_ASSIGN(auto sr, db.prepare(
              "INSERT INTO schedule_rules(doctor_id, weekday, start_min, end_min, kind, room_id, "
              "valid_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
          sr.bind_all(did, wd, sh.start_min, sh.end_min, "work", room_id, valid_from);
          RG_TRY(sr.exec());
          if (sh.break_start >= 0) {
            sr.reset();
            sr.bind_all(did, wd, sh.break_start, sh.break_end, "break", nullptr, valid_from);
            RG_TRY(sr.exec());
          }
        }
      }
      doctors.push_back({did, t.specialty, room_id, t.shifts});
      ++report.doctors;
    }
    RG_TRY(tx.commit());
  }

  // Patients, committed in batches. Documents and parents come from a generator of their own, so
  // the rest of the demo stays what it was.
  std::int64_t first_patient_id = 0;
  {
    const Date now = today();
    Rng people_rng(opts.seed ^ 0x9E3779B97F4A7C15ull);
    const std::int64_t created = now_unix();
    std::optional<Transaction> tx;
    for (int i = 0; i < opts.patients; ++i) {
      if (i % 20000 == 0) {
        if (tx) RG_TRY(tx->commit());
        RG_TRY_ASSIGN(auto t, Transaction::begin(db));
        tx.emplace(std::move(t));
      }
      PatientDraft p;
      bool female = rng.chance(0.58);
      const auto& father = rng.pick(kMale);
      std::string s = rng.pick(kSurnames);
      if (rng.chance(0.01)) s += std::string("-") + rng.pick(kSurnames);  // double surname
      const std::string family = s.substr(0, s.find('-'));  // the male form: the parent's
      if (female) {
        // each part of a double surname takes the female form
        std::string out, part;
        for (size_t k = 0; k <= s.size(); ++k) {
          if (k == s.size() || s[k] == '-') {
            out += female_surname(part);
            if (k < s.size()) out += '-';
            part.clear();
          } else {
            part += s[k];
          }
        }
        s = out;
      }
      p.surname = s;
      p.name = female ? rng.pick(kFemale) : rng.pick(kMale).name;
      p.patronymic = female ? father.patr_f : father.patr_m;
      p.sex = female ? 'F' : 'M';
      int age_days = rng.between(365, 85 * 365);
      p.birth_date = now.plus_days(-age_days);
      p.phones.push_back({"+79" + rng.digits(9), "mobile"});
      if (rng.chance(0.15)) p.phones.push_back({"+7495" + rng.digits(7), "home"});
      if (rng.chance(0.6)) p.oms_enp = enp_with_check(rng.digits(15));
      if (rng.chance(0.5)) p.snils = snils_with_check(std::to_string(rng.between(100000000, 999999999)));
      p.address = std::string("г. Москва, ") + rng.pick(kStreets) + ", д. " +
                  std::to_string(rng.between(1, 120)) + ", кв. " + std::to_string(rng.between(1, 300));
      p.referral_source_id = rng.between(1, int(kReferral.size()));
      p.marketing_consent = rng.chance(0.4);
      if (rng.chance(0.3)) p.email = "patient" + std::to_string(i + 1) + "@example.ru";
      p.id_doc = demo_id_doc(people_rng, p.birth_date, now);
      auto id = insert_patient(db, p, std::to_string(10000 + i));
      if (!id) {
        if (id.error().code == ErrorCode::Conflict) continue;  // a random ENP collided: skip
        return std::unexpected(id.error());
      }
      if (age_on(p.birth_date, now) < 18) RG_TRY(add_demo_parent(db, people_rng, *id, family, p, created));
      if (i == 0) first_patient_id = *id;
      ++report.patients;
    }
    if (tx) RG_TRY(tx->commit());
    RG_TRY(set_setting(db, "next_card_no", std::to_string(10000 + opts.patients)));
  }
  (void)seed;
  RG_TRY_ASSIGN(std::int64_t last_patient_id, db.query_int("SELECT max(id) FROM patients"));

  // Appointments, day by day, doctor by doctor, so "first visit" follows from history.
  {
    const Date today_d = today();
    const std::int64_t now = now_unix();  // the demo's clock, inside clinic hours
    const int back = opts.days / 2, ahead = opts.days - 1 - back;
    std::optional<Transaction> tx;
    int since_commit = 0;
    for (int off = -back; off <= ahead; ++off) {
      Date day = today_d.plus_days(off);
      int wd = day.iso_weekday();
      for (const auto& d : doctors) {
        const auto& svc = specialties()[size_t(d.specialty)].services;
        for (const Shift& sh : d.shifts) {
          if (std::find(sh.weekdays.begin(), sh.weekdays.end(), wd) == sh.weekdays.end()) continue;
          // Fuller near today, emptier far ahead, as real books look.
          double fill = off < 0 ? 0.8 : off == 0 ? 0.75 : std::max(0.15, 0.9 - 0.03 * off);
          int t = sh.start_min;
          while (t + 15 <= sh.end_min) {
            if (sh.break_start >= 0 && t >= sh.break_start && t < sh.break_end) {
              t = sh.break_end;
              continue;
            }
            if (!rng.chance(fill)) {
              t += 30;
              continue;
            }
            if (!tx) {
              RG_TRY_ASSIGN(auto nt, Transaction::begin(db));
              tx.emplace(std::move(nt));
            }
            AppointmentDraft a;
            a.patient_id = rng.between(int(first_patient_id), int(last_patient_id));
            a.doctor_id = d.id;
            a.room_id = d.room_id;
            a.start_at = to_unix(day, t);
            RG_TRY_ASSIGN(bool first, is_first_visit(db, a.patient_id, a.start_at));
            size_t si = first ? 0 : (svc.size() > 1 && rng.chance(0.5) ? 1 : size_t(rng.between(1, int(svc.size()) - 1)));
            int minutes = svc[si].minutes;
            if (t + minutes > sh.end_min ||
                (sh.break_start >= 0 && t < sh.break_start && t + minutes > sh.break_start)) {
              t += 15;
              continue;
            }
            a.end_at = to_unix(day, t + minutes);
            a.service_ids = {service_ids[size_t(d.specialty)][si]};
            a.created_by = admin_id;
            a.past_reason = "demo history";  // the demo's past was booked when it was the future
            int ch = rng.between(0, 99);
            a.channel = ch < 55 ? Channel::Phone : ch < 75 ? Channel::Website : ch < 85 ? Channel::WalkIn : Channel::Desk;
            int r = rng.between(0, 99);
            if (off == 0 && a.start_at <= now && a.start_at >= now - 90 * 60 && r >= 80) {
              a.status = AppointmentStatus::Booked;  // late: not come yet (after 30 min «Не пришёл?»)
            } else if (a.end_at <= now) {
              a.status = r < 85 ? AppointmentStatus::Done : r < 92 ? AppointmentStatus::NoShow : AppointmentStatus::Cancelled;
            } else if (a.start_at <= now) {
              a.status = r < 75 ? AppointmentStatus::InRoom : AppointmentStatus::Arrived;
            } else if (off == 0) {
              a.status = a.start_at - now < 40 * 60 ? (r < 40 ? AppointmentStatus::Arrived : AppointmentStatus::Confirmed)
                         : r < 60 ? AppointmentStatus::Confirmed : r < 95 ? AppointmentStatus::Booked : AppointmentStatus::Cancelled;
            } else if (off == 1) {
              a.status = r < 50 ? AppointmentStatus::Confirmed : r < 95 ? AppointmentStatus::Booked : AppointmentStatus::Cancelled;
            } else {
              a.status = r < 90 ? AppointmentStatus::Booked : AppointmentStatus::Cancelled;
            }
            auto id = insert_appointment(db, a);
            if (!id && id.error().code != ErrorCode::Conflict) return std::unexpected(id.error());
            if (id) {
              ++report.appointments;
              if (++since_commit >= 50000) {
                RG_TRY(tx->commit());
                tx.reset();
                since_commit = 0;
              }
            }
            t += minutes;
          }
        }
      }
    }
    if (tx) RG_TRY(tx->commit());
  }
  RG_TRY(db.exec("UPDATE appointments SET cancel_reason = 'Пациент отменил по телефону' "
                 "WHERE status = 'cancelled'"));
  RG_TRY(seed_desk_work(db, rng, first_patient_id, last_patient_id, admin_id, int(doctors.size())));
  RG_TRY(seed_cash_desk(db, admin_id));
  // The first doctor signs in to his own day.
  RG_TRY(db.exec(
      "INSERT INTO users(login, full_name, position, doctor_id, created_at, updated_at) "
      "SELECT 'doctor', surname || ' ' || name || ' ' || patronymic, position, id, strftime('%s'), strftime('%s') "
      "FROM doctors ORDER BY id LIMIT 1;"
      "INSERT INTO user_roles(user_id, role) SELECT id, 'doctor' FROM users WHERE login = 'doctor';"));
  (void)db.exec("PRAGMA synchronous=NORMAL");
  (void)db.exec("PRAGMA optimize");
  (void)db.exec("ANALYZE");
  return report;
}

namespace {

// A demo opened on a later day than the shift was last set: the demo's day again, at the real
// time of day kept inside 10:40–13:40, and the new shift stored for every process opening it today.
Status refresh_demo_clock(Database& db) {
  RG_TRY_ASSIGN(auto demo_day, get_setting(db, "demo.day"));
  if (!demo_day) return {};  // a demo made before the demo's day was kept: its shift stays
  const auto day = Date::parse_iso(*demo_day);
  if (!day) return fail(ErrorCode::Invalid, "demo.day is not a date", *demo_day);
  const std::int64_t real = now_unix() - clock_offset();
  const LocalTime real_local = to_local(real);
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(auto clock_day, get_setting(db, "demo.clock_day"));
  if (clock_day && *clock_day == real_local.date.iso()) return tx.commit();  // another process did it today
  const int minutes = std::clamp(real_local.minutes, 10 * 60 + 40, 13 * 60 + 40);
  const std::int64_t shift = to_unix(*day, minutes) + (real % 60) - real;
  RG_TRY(set_setting(db, "demo.clock_offset", std::to_string(shift)));
  RG_TRY(set_setting(db, "demo.clock_day", real_local.date.iso()));
  return tx.commit();
}

}  // namespace

Result<std::int64_t> use_demo_clock(Database& db, bool refresh) {
  if (refresh) RG_TRY(refresh_demo_clock(db));
  RG_TRY_ASSIGN(auto value, get_setting(db, "demo.clock_offset"));
  std::int64_t shift = 0;
  if (value) {
    try {
      shift = std::stoll(*value);
    } catch (const std::exception&) {
      return fail(ErrorCode::Invalid, "demo.clock_offset is not a number", *value);
    }
  }
  set_clock_offset(shift);
  return shift;
}

}  // namespace rg::db
