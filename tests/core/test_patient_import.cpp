// A clinic moves in with its patient base: columns recognised, rows parsed with their reasons,
// duplicates within the file and against the database, all-or-nothing, the desk's search finds
// them, merges fill only what is empty, refusals write nothing, and the CLI end to end.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "cp1251.h"
#include "audit_query.h"
#include "clinic_fixture.h"
#include "patient_import.h"
#include "text.h"

using namespace rg;
using namespace rg::db;

namespace {

std::int64_t count_of(Database& db, const char* sql) {
  auto n = db.query_int(sql);
  REQUIRE(n);
  return *n;
}

std::vector<std::size_t> lines_of(const std::vector<ImportSkip>& v) {
  std::vector<std::size_t> out;
  for (const auto& s : v) out.push_back(s.line);
  return out;
}
std::vector<std::size_t> lines_of(const std::vector<ImportDone>& v) {
  std::vector<std::size_t> out;
  for (const auto& s : v) out.push_back(s.line);
  return out;
}

std::vector<std::int64_t> found(Database& db, std::string_view text) {
  auto r = search_patients(db, parse_patient_query(text), 0, 50);
  REQUIRE(r);
  std::vector<std::int64_t> ids;
  for (const auto& p : *r) ids.push_back(p.id);
  return ids;
}


CsvTable table_of(const std::string& text) {
  auto t = parse_csv(text);
  REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
  return *t;
}

constexpr const char* kHeader = "№ карты;Фамилия;Имя;Отчество;Дата рождения;Пол;Телефон;Email;СНИЛС;Адрес;Примечание\n";

const char* kSurnames[] = {"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
                           "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров"};
const char* kNames[] = {"Иван", "Пётр", "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Олег"};

// The generated base: 10 000 rows, 3 % bad for ten different reasons, 2 % duplicates (1 % of
// cards already in the database, 1 % of earlier rows of the file), the rest new patients.
struct Generated {
  std::string text;
  std::set<std::size_t> bad, db_dups, file_dups, fine;
  std::map<std::size_t, std::string> bad_reason;         // line → the start of the reason
  std::map<std::size_t, std::size_t> file_dup_of;        // line → the earlier line
  std::map<std::size_t, std::int64_t> db_dup_of;         // line → the card in the database
};

std::string phone_text(long long n) {
  // +7 916 ABC-DE-FG written the ways people write it.
  std::string d = std::to_string(n);  // 11 digits, 7…
  switch (n % 4) {
    case 0: return "+7 (" + d.substr(1, 3) + ") " + d.substr(4, 3) + "-" + d.substr(7, 2) + "-" + d.substr(9, 2);
    case 1: return "8" + d.substr(1);
    case 2: return "8 " + d.substr(1, 3) + " " + d.substr(4, 3) + " " + d.substr(7);
    default: return "+" + d;
  }
}

Generated generate(test::ClinicFixture& f, std::vector<std::int64_t>& db_cards) {
  Generated g;
  g.text = kHeader;
  const Date base(1940, 1, 1);
  // 100 cards already in the clinic's database.
  for (int k = 0; k < 100; ++k) {
    db_cards.push_back(f.add_patient(std::string(kSurnames[k % 16]) + "ский", kNames[k % 8], "Петрович",
                                     Date(1930, 1, 1).plus_days(k), "+7 925 000-00-" + std::to_string(100 + k).substr(1), 'M'));
  }
  struct Row {
    std::string card, surname, name, patronymic, birth, sex, phone, email, snils, address, note;
  };
  std::vector<Row> rows;
  for (int i = 0; i < 10000; ++i) {
    const std::size_t line = static_cast<std::size_t>(i) + 2;
    Row r;
    r.card = std::to_string(100000 + i);
    r.surname = kSurnames[i % 16];
    r.name = kNames[(i / 16) % 8];
    r.patronymic = i % 3 ? "Сергеевич" : "";
    r.birth = base.plus_days(i).ru();
    r.sex = i % 5 ? "М" : "";
    r.phone = phone_text(79160000000LL + i);
    r.email = i % 7 == 0 ? "p" + std::to_string(i) + "@example.ru" : "";
    r.address = i % 11 == 0 ? "г. Москва, ул. Лесная, д. " + std::to_string(i % 90 + 1) : "";
    r.note = i % 13 == 0 ? "из старой базы; \"важно\"" : "";
    const int slot = i % 100;
    if (slot == 10 || slot == 11 || slot == 12) {
      g.bad.insert(line);
      switch ((i / 100 + slot) % 10) {
        case 0: r.surname = ""; g.bad_reason[line] = "The surname is missing"; break;
        case 1: r.name = "Ив4н"; g.bad_reason[line] = "«Ив4н» has digits"; break;
        case 2: r.birth = "31.02.1980"; g.bad_reason[line] = "The date 31.02.1980 does not exist"; break;
        case 3: r.birth = "01.01.2090"; g.bad_reason[line] = "The date of birth 01.01.2090 is in the future"; break;
        case 4: r.birth = "01.01.1890"; g.bad_reason[line] = "The date of birth 01.01.1890 is more than 120 years"; break;
        case 5: r.phone = "12-34"; g.bad_reason[line] = "«12-34» is not a phone number"; break;
        case 6: r.sex = "X"; g.bad_reason[line] = "«X» is not a sex"; break;
        case 7: r.email = "ivanov@"; g.bad_reason[line] = "«ivanov@» is not an e-mail"; break;
        case 8: r.snils = "123-456-789 00"; g.bad_reason[line] = "SNILS 123-456-789 00 is wrong"; break;
        default: r.surname = "Иванов!"; g.bad_reason[line] = "«Иванов!» has characters"; break;
      }
    } else if (slot == 20) {
      // A card already in the database: the same person (even), or the same surname and phone.
      const int k = i / 100;
      g.db_dups.insert(line);
      g.db_dup_of[line] = db_cards[static_cast<std::size_t>(k)];
      r.surname = std::string(kSurnames[k % 16]) + "ский";
      if (k % 2 == 0) {
        r.name = kNames[k % 8];
        r.birth = Date(1930, 1, 1).plus_days(k).ru();
      } else {
        r.phone = "8 925 000 00 " + std::to_string(100 + k).substr(1);
      }
    } else if (slot == 30) {
      // An earlier row of the file again: the same person with another phone, or the same
      // surname and phone with another name and birthday.
      const std::size_t j = static_cast<std::size_t>(i - 5);
      g.file_dups.insert(line);
      g.file_dup_of[line] = j + 2;
      const Row& e = rows[j];
      r.surname = e.surname;
      if ((i / 100) % 2 == 0) {
        r.name = e.name;
        r.birth = e.birth;
        r.phone = "+7 926 " + std::to_string(1000000 + i);
      } else {
        r.phone = e.phone;
        r.name = "Борис";
      }
    } else {
      g.fine.insert(line);
    }
    rows.push_back(r);
    csv_line(g.text, {r.card, r.surname, r.name, r.patronymic, r.birth, r.sex, r.phone, r.email, r.snils, r.address,
                      r.note});
  }
  return g;
}

}  // namespace

TEST_CASE("the columns are found by their names, in Russian and in English") {
  auto ru = detect_mapping(table_of("Номер карты;Ф.И.О.;Д.р.;Пол;Телефон;Телефон 2;E-mail;СНИЛС;Адрес регистрации;Комментарий\nx\n"));
  CHECK(ru.header);
  CHECK(ru[ImportField::CardNo] == 0);
  CHECK(ru[ImportField::FullName] == 1);
  CHECK(ru[ImportField::BirthDate] == 2);
  CHECK(ru[ImportField::Sex] == 3);
  CHECK(ru[ImportField::Phones] == 4);
  CHECK(ru[ImportField::Phones2] == 5);
  CHECK(ru[ImportField::Email] == 6);
  CHECK(ru[ImportField::Snils] == 7);
  CHECK(ru[ImportField::Address] == 8);
  CHECK(ru[ImportField::Notes] == 9);
  CHECK(mapping_problem(ru).empty());
  auto en = detect_mapping(table_of("Last name,First name,Middle name,Date of birth,Gender,Mobile,Card No\n"));
  CHECK(en[ImportField::Surname] == 0);
  CHECK(en[ImportField::Name] == 1);
  CHECK(en[ImportField::Patronymic] == 2);
  CHECK(en[ImportField::BirthDate] == 3);
  CHECK(en[ImportField::Sex] == 4);
  CHECK(en[ImportField::Phones] == 5);
  CHECK(en[ImportField::CardNo] == 6);
  // A file without a header: nothing recognised, the first row is a patient.
  auto none = detect_mapping(table_of("Иванов;Иван;12.03.1985\n"));
  CHECK_FALSE(none.header);
  CHECK_FALSE(mapping_problem(none).empty());
  CHECK(import_field_from_key("birth_date") == ImportField::BirthDate);
  CHECK(import_field_key(ImportField::CardNo) == "card");
}

TEST_CASE("dates of birth as people and Excel write them, and the reasons when they do not read") {
  const Date today(2026, 5, 10);
  std::string why;
  CHECK(parse_birth_date("12.03.1985", today, why) == Date(1985, 3, 12));
  CHECK(parse_birth_date("1.2.1990", today, why) == Date(1990, 2, 1));
  CHECK(parse_birth_date("1985-03-12", today, why) == Date(1985, 3, 12));
  CHECK(parse_birth_date("12.03.85", today, why) == Date(1985, 3, 12));
  CHECK(parse_birth_date("12.03.19", today, why) == Date(2019, 3, 12));
  CHECK(parse_birth_date("12.03.1985 0:00:00", today, why) == Date(1985, 3, 12));
  CHECK(parse_birth_date("31118", today, why) == Date(1985, 3, 12));  // Excel's day number
  CHECK_FALSE(parse_birth_date("31.02.1980", today, why));
  CHECK(why == "The date 31.02.1980 does not exist.");
  CHECK_FALSE(parse_birth_date("12.13.1980", today, why));
  CHECK(why == "The date 12.13.1980 does not exist.");
  CHECK_FALSE(parse_birth_date("11.05.2026", today, why));
  CHECK(why.find("in the future") != std::string::npos);
  CHECK_FALSE(parse_birth_date("09.05.1906", today, why));
  CHECK(why.find("more than 120 years") != std::string::npos);
  CHECK(parse_birth_date("10.05.1906", today, why) == Date(1906, 5, 10));
  CHECK_FALSE(parse_birth_date("вчера", today, why));
  CHECK(why.find("is not a date") != std::string::npos);
  CHECK_FALSE(parse_birth_date("", today, why));
  CHECK(why == "The date of birth is missing.");
}

TEST_CASE("rows as parsed: names tidied, phones in any Russian form, the sex from the patronymic") {
  auto t = table_of(
      "Фамилия;Имя;Отчество;Дата рождения;Пол;Телефон\n"
      "ИВАНОВА-ПЕТРОВА;анна;сергеевна;01.02.1990;;\"8 (916) 123-45-67, +7 495 123 45 67; (812) 555-44-33 доб. 12\"\n"
      "Сидоров;И.;;01.02.1990;М;\n"
      "Ким;Виктор;;01.02.1990;;\n"
      "Ли;Саша;;01.02.1990;;\n");
  auto rows = parse_import_rows(t, detect_mapping(t), Date(2026, 1, 1));
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].ok());
  CHECK(rows[0].line == 2);
  CHECK(rows[0].draft.surname == "Иванова-Петрова");
  CHECK(rows[0].draft.name == "Анна");
  CHECK(rows[0].draft.patronymic == "Сергеевна");
  CHECK(rows[0].draft.sex == 'F');
  REQUIRE(rows[0].draft.phones.size() == 3);
  CHECK(rows[0].draft.phones[0].number == "79161234567");
  CHECK(rows[0].draft.phones[1].number == "74951234567");
  CHECK(rows[0].draft.phones[2].number == "78125554433");
  REQUIRE(rows[1].errors.size() == 1);
  CHECK(rows[1].errors[0].field == ImportField::Name);
  CHECK(rows[1].errors[0].column == 1);
  CHECK(rows[1].errors[0].reason == "«И.» is only an initial: the full name is needed.");
  CHECK(rows[2].ok());
  CHECK(rows[2].draft.sex == 'M');  // «Виктор»: a man's name
  REQUIRE(rows[3].errors.size() == 1);  // «Саша» may be either
  CHECK(rows[3].errors[0].field == ImportField::Sex);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "10 000 rows with 3 % bad and 2 % duplicates: the report is exact") {
  std::vector<std::int64_t> db_cards;
  const Generated g = generate(*this, db_cards);
  REQUIRE(g.bad.size() == 300);
  REQUIRE(g.db_dups.size() + g.file_dups.size() == 200);
  const CsvTable table = table_of(g.text);
  const Actor admin = Actor::user(1, "desk:reg-1");
  const auto patients_before = count_of(db, "SELECT count(*) FROM patients");
  const auto audit_before = count_of(db, "SELECT count(*) FROM audit_log");
  REQUIRE(patients_before == 100);

  // Without «skip bad rows»: the report, and nothing written.
  ImportOptions o;
  o.file_name = "base.csv";
  auto blocked = import_patients(db, table, o, admin);
  REQUIRE_MESSAGE(blocked, (blocked ? "" : blocked.error().message));
  CHECK(blocked->blocked);
  CHECK_FALSE(blocked->written);
  CHECK(blocked->rows == 10000);
  CHECK(blocked->imported.empty());
  CHECK(blocked->errors.size() == 300);
  CHECK(count_of(db, "SELECT count(*) FROM patients") == patients_before);
  CHECK(count_of(db, "SELECT count(*) FROM patient_name_keys") == patients_before);
  CHECK(count_of(db, "SELECT count(*) FROM audit_log") == audit_before);

  // Every bad row once, at its line, with its reason.
  std::set<std::size_t> error_lines;
  for (const auto& e : blocked->errors) {
    INFO("line " << e.line << ": " << e.reason);
    CHECK(error_lines.insert(e.line).second);
    REQUIRE(g.bad_reason.count(e.line));
    CHECK(e.reason.starts_with(g.bad_reason.at(e.line)));
    CHECK(e.column >= 0);
  }
  CHECK(error_lines == g.bad);

  // Every duplicate found with its other side.
  REQUIRE(blocked->duplicates.size() == 200);
  for (const auto& d : blocked->duplicates) {
    INFO("line " << d.line << ": " << d.why);
    if (g.db_dups.count(d.line)) {
      CHECK(d.patient_id == g.db_dup_of.at(d.line));
      CHECK(d.other.id == d.patient_id);
      CHECK(d.kind == (((d.line - 2) / 100) % 2 == 0 ? DuplicateKind::SamePerson : DuplicateKind::SamePhone));
    } else {
      REQUIRE(g.file_dups.count(d.line));
      CHECK(d.patient_id == 0);
      CHECK(d.other_line == g.file_dup_of.at(d.line));
      CHECK(d.kind == (((d.line - 2) / 100) % 2 == 0 ? DuplicateKind::SamePerson : DuplicateKind::SamePhone));
    }
  }

  // A dry run with the flag: the whole report, nothing written.
  o.skip_bad_rows = true;
  o.dry_run = true;
  auto dry = import_patients(db, table, o, admin);
  REQUIRE(dry);
  CHECK_FALSE(dry->blocked);
  CHECK_FALSE(dry->written);
  CHECK(dry->imported.size() == 9500);
  CHECK(dry->skipped.size() == 500);
  CHECK(count_of(db, "SELECT count(*) FROM patients") == patients_before);

  // For real.
  o.dry_run = false;
  auto done = import_patients(db, table, o, admin);
  REQUIRE_MESSAGE(done, (done ? "" : done.error().message + " / " + done.error().detail));
  CHECK(done->written);
  CHECK(done->imported.size() == 9500);
  CHECK(done->merged.empty());
  REQUIRE(done->skipped.size() == 500);
  const auto skipped_lines = lines_of(done->skipped);
  std::set<std::size_t> skipped(skipped_lines.begin(), skipped_lines.end());
  std::set<std::size_t> expected_skipped = g.bad;
  expected_skipped.insert(g.db_dups.begin(), g.db_dups.end());
  expected_skipped.insert(g.file_dups.begin(), g.file_dups.end());
  CHECK(skipped == expected_skipped);
  const auto imported_lines = lines_of(done->imported);
  CHECK(std::set<std::size_t>(imported_lines.begin(), imported_lines.end()) == g.fine);
  CHECK(lines_of(done->imported) == lines_of(dry->imported));
  CHECK(lines_of(done->skipped) == lines_of(dry->skipped));
  for (const auto& s : done->skipped) {
    INFO("line " << s.line << ": " << s.why);
    if (g.bad.count(s.line)) CHECK(s.why.starts_with(g.bad_reason.at(s.line)));
    else if (g.file_dups.count(s.line))
      CHECK(s.why.find("line " + std::to_string(g.file_dup_of.at(s.line))) != std::string::npos);
    else CHECK(s.why.find("card No.") != std::string::npos);
  }
  // Card numbers kept as given.
  for (const auto& d : done->imported) CHECK(d.card_no == std::to_string(100000 + d.line - 2));
  CHECK(count_of(db, "SELECT count(*) FROM patients") == patients_before + 9500);

  // One audit row with the counts and no personal data.
  CHECK(count_of(db, "SELECT count(*) FROM audit_log") == audit_before + 1);
  auto st = db.prepare("SELECT action, entity, details FROM audit_log ORDER BY id DESC LIMIT 1");
  REQUIRE(st);
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "import.patients");
  CHECK(st->col_text(1) == "import");
  auto details = parse_audit_details(st->col_text(2));
  REQUIRE(details);
  CHECK(*details == AuditDetails{{"file", "base.csv"}, {"rows", "10000"}, {"imported", "9500"}, {"merged", "0"},
                                 {"skipped", "500"}});
  CHECK(audit_action_title("import.patients") != "import.patients");
  // The journal lists it under the patient cards.
  AuditFilter journal;
  journal.action_prefixes = audit_kind_prefixes(AuditKind::Patients);
  CHECK(std::count(journal.action_prefixes.begin(), journal.action_prefixes.end(), "import.patients") == 1);
  journal.action_prefixes = {"import.patients"};
  CHECK(count_audit(db, journal, Actor::system("test")).value() == 1);

  // The desk's search finds imported patients exactly like cards made at the desk.
  const std::size_t line = 2 + 4321;  // a fine row: Смирнов Михаил
  REQUIRE(g.fine.count(line));
  auto id = std::find_if(done->imported.begin(), done->imported.end(), [&](auto& d) { return d.line == line; })->patient_id;
  auto p = get_patient(db, id);
  REQUIRE(p);
  CHECK(p->surname == kSurnames[4321 % 16]);
  CHECK(p->phones.at(0).number == std::to_string(79160000000LL + 4321));
  auto by_name = found(db, fold(p->surname) + " " + fold(p->name) + " " + p->birth_date.ru());
  CHECK(by_name == std::vector<std::int64_t>{id});
  CHECK(found(db, "8 916 000-43-21") == std::vector<std::int64_t>{id});
  CHECK(found(db, "4321").size() >= 1);
  CHECK(found(db, std::to_string(100000 + 4321)) == std::vector<std::int64_t>{id});
  // Ё and case folded as the desk folds them: «Фёдоров» is found as «федоров».
  CHECK(count_patients(db, parse_patient_query("федоров")).value() ==
        count_of(db, "SELECT count(*) FROM patients WHERE surname IN ('Фёдоров', 'Фёдоровский')"));
  // The same rows again: now every one is a duplicate of its card.
  o.dry_run = true;
  auto again = import_patients(db, table, o, admin);
  REQUIRE(again);
  CHECK(again->imported.empty());
  CHECK(again->duplicates.size() == 9700);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "a Windows-1251 file separated by semicolons, with the full name in one column") {
  const std::string utf8 =
      "Ф.И.О.;Дата рождения;Телефон;Адрес\r\n"
      "ИВАНОВ ИВАН ПЕТРОВИЧ;12.03.85;\"8 (916) 123-45-67; +7 925 111 22 33\";\"г. Москва; ул. Лесная, 5\"\r\n"
      "Семёнова Алёна Сергеевна;1.2.1990;+79035554433;\r\n"
      "Мамедов Рашид Гейдар оглы;1979-11-30;8-903-555-00-01;\r\n"
      "Петрова;01.01.1980;;\r\n";
  auto t = parse_csv(test::to_cp1251(utf8));
  REQUIRE(t);
  CHECK(t->encoding == "Windows-1251");
  CHECK(t->separator == ';');
  ImportOptions o;
  o.skip_bad_rows = true;
  auto r = import_patients(db, *t, o, Actor::user(1));
  REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
  CHECK(r->mapping[ImportField::FullName] == 0);
  CHECK(r->mapping[ImportField::Address] == 3);
  REQUIRE(r->imported.size() == 3);
  REQUIRE(r->errors.size() == 1);
  CHECK(r->errors[0].line == 5);
  CHECK(r->errors[0].field == ImportField::FullName);
  CHECK(r->errors[0].reason.find("has no first name") != std::string::npos);
  auto ivanov = get_patient(db, r->imported[0].patient_id);
  REQUIRE(ivanov);
  CHECK(ivanov->surname == "Иванов");
  CHECK(ivanov->name == "Иван");
  CHECK(ivanov->patronymic == "Петрович");
  CHECK(ivanov->sex == 'M');
  CHECK(ivanov->birth_date == Date(1985, 3, 12));
  CHECK(ivanov->address == "г. Москва; ул. Лесная, 5");
  REQUIRE(ivanov->phones.size() == 2);
  CHECK(ivanov->phones[1].number == "79251112233");
  auto semenova = get_patient(db, r->imported[1].patient_id);
  REQUIRE(semenova);
  CHECK(semenova->sex == 'F');
  CHECK(found(db, "семенова алена") == std::vector<std::int64_t>{semenova->id});
  CHECK(found(db, "+7 925 111-22-33") == std::vector<std::int64_t>{ivanov->id});
  auto mamedov = get_patient(db, r->imported[2].patient_id);
  REQUIRE(mamedov);
  CHECK(mamedov->patronymic == "Гейдар оглы");
  CHECK(mamedov->sex == 'M');
}

TEST_CASE_FIXTURE(test::ClinicFixture, "merge fills only the empty fields and adds new phones, never overwrites") {
  PatientDraft d;
  d.surname = "Орлова";
  d.name = "Елена";
  d.birth_date = Date(1985, 3, 12);
  d.sex = 'F';
  d.email = "orlova@mail.ru";
  d.phones.push_back({"+7 916 111-11-11", "mobile"});
  auto existing = create_patient(db, d, Actor::system("test"));
  REQUIRE(existing);
  const std::string card_before = get_patient(db, *existing)->card_no;
  const std::string text = std::string(kHeader) +
                           "777;ОРЛОВА;Елена;Павловна;12.03.1985;Ж;+7 916 222-22-22;new@mail.ru;112-233-445 95;ул. Садовая, 1;\n"
                           "778;Ким;Виктор;;01.01.1990;М;+7 916 333-33-33;;;;\n"
                           "779;Ким;Виктор;;01.01.1990;М;+7 916 444-44-44;;;ул. Лесная, 2;вторая строка\n"
                           "780;Белов;Роман;;02.02.1992;М;+7 916 555-55-55;;;;\n"
                           "781;Белов;Роман;;02.02.1992;М;+7 916 666-66-66;;;;\n";
  const CsvTable t = table_of(text);
  ImportOptions o;
  o.duplicates = DuplicateAction::Merge;
  o.decisions[6] = DuplicateAction::Separate;  // the second Белов is another man
  auto r = import_patients(db, t, o, Actor::user(1));
  REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
  REQUIRE(r->duplicates.size() == 3);
  CHECK(r->duplicates[0].line == 2);
  CHECK(r->duplicates[0].patient_id == *existing);
  CHECK(r->duplicates[1].line == 4);
  CHECK(r->duplicates[1].other_line == 3);
  REQUIRE(r->merged.size() == 2);
  CHECK(r->imported.size() == 3);  // Ким, Белов, the other Белов
  auto p = get_patient(db, *existing);
  REQUIRE(p);
  CHECK(p->card_no == card_before);          // never the file's number
  CHECK(p->email == "orlova@mail.ru");       // never overwritten
  CHECK(p->patronymic == "Павловна");        // filled
  CHECK(p->address == "ул. Садовая, 1");
  CHECK(p->snils == "11223344595");
  REQUIRE(p->phones.size() == 2);
  CHECK(p->phones[0].number == "79161111111");
  CHECK(p->phones[1].number == "79162222222");
  CHECK(found(db, "орлова е п") == std::vector<std::int64_t>{*existing});  // the patronymic's search key
  // Merged into the card the file's earlier row became.
  auto kim = get_patient(db, r->imported[0].patient_id);
  REQUIRE(kim);
  CHECK(r->merged[1].patient_id == kim->id);
  CHECK(kim->card_no == "778");
  CHECK(kim->address == "ул. Лесная, 2");
  CHECK(kim->notes == "вторая строка");
  CHECK(kim->phones.size() == 2);
  CHECK(count_of(db, "SELECT count(*) FROM patients WHERE surname = 'Белов'") == 2);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "card numbers: taken in the database or twice in the file") {
  add_patient("Зайцева", "Ирина", "", Date(1970, 1, 1));  // card 1
  const std::string text = std::string(kHeader) +
                           "1;Белова;Анна;;01.01.1990;Ж;;;;;\n"
                           "50;Белов;Роман;;02.02.1992;М;;;;;\n"
                           "50;Сидоров;Олег;;03.03.1993;М;;;;;\n";
  ImportOptions o;
  o.duplicates = DuplicateAction::Separate;
  auto r = import_patients(db, table_of(text), o, Actor::user(1));
  REQUIRE(r);
  REQUIRE(r->duplicates.size() == 2);
  CHECK(r->duplicates[0].kind == DuplicateKind::SameCard);
  CHECK(r->duplicates[0].other.surname == "Зайцева");
  CHECK(r->duplicates[1].kind == DuplicateKind::SameCard);
  CHECK(r->duplicates[1].other_line == 3);
  REQUIRE(r->imported.size() == 3);
  CHECK(r->imported[0].card_no != "1");
  CHECK(r->imported[0].note.find("card No. 1 is taken") != std::string::npos);
  CHECK(r->imported[1].card_no == "50");
  CHECK(r->imported[2].card_no != "50");
  // New numbers start above the file's: the desk's next card does not collide either.
  CHECK(std::stoll(r->imported[0].card_no) > 50);
  // «Merge» for every duplicate does not merge a row into another person's card number.
  ImportOptions m;
  m.dry_run = true;
  m.duplicates = DuplicateAction::Merge;
  auto other = import_patients(db, table_of(std::string(kHeader) + "1;Орлов;Павел;;04.04.1994;М;;;;;\n"), m, Actor::user(1));
  REQUIRE(other);
  REQUIRE(other->duplicates.size() == 1);
  CHECK(other->merged.empty());
  CHECK(lines_of(other->skipped) == std::vector<std::size_t>{2});
  m.decisions[2] = DuplicateAction::Merge;  // unless decided for that row
  other = import_patients(db, table_of(std::string(kHeader) + "1;Орлов;Павел;;04.04.1994;М;;;;;\n"), m, Actor::user(1));
  REQUIRE(other);
  CHECK(other->merged.size() == 1);
}

TEST_CASE_FIXTURE(test::ClinicFixture, "a person without the right to edit patients is refused and nothing is written") {
  REQUIRE(db.exec("INSERT INTO users(id, login, full_name, created_at) VALUES (9, 'cash', 'Кассир', 0);"
                  "INSERT INTO user_roles(user_id, role) VALUES (9, 'cashier');"));
  const auto before = count_of(db, "SELECT count(*) FROM patients");
  const auto audit = count_of(db, "SELECT count(*) FROM audit_log");
  const CsvTable t = table_of(std::string(kHeader) + "1;Белова;Анна;;01.01.1990;Ж;;;;;\n");
  for (bool dry : {true, false}) {
    ImportOptions o;
    o.dry_run = dry;
    auto r = import_patients(db, t, o, Actor::user(9, "desk:cash"));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Forbidden);
  }
  CHECK(count_of(db, "SELECT count(*) FROM patients") == before);
  CHECK(count_of(db, "SELECT count(*) FROM audit_log") == audit);
  CHECK_FALSE(db.in_transaction());
}

namespace {

struct Run {
  int status = -1;
  std::string out;
};

Run run(const test::TempDir& dir, const std::string& args) {
  const std::string out = dir.file("out.txt");
  const std::string line = std::string(REGISTRATURA_CLI) + " " + args + " >'" + out + "' 2>&1";
  Run r;
  const int rc = std::system(line.c_str());
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  r.out = ss.str();
  return r;
}

}  // namespace

TEST_CASE("the CLI: import-patients with a dry run, the report, and refusing a file with errors") {
  test::TempDir dir;
  const std::string db_path = dir.file("clinic.db");
  REQUIRE(run(dir, "init --clinic 'Клиника' --db '" + db_path + "'").status == 0);
  const std::string sample = std::string(REGISTRATURA_FIXTURES) + "/patients_import_sample.csv";
  auto count = [&] {
    auto d = open_clinic(db_path, {.create = false});
    REQUIRE(d);
    return count_of(*d, "SELECT count(*) FROM patients");
  };

  // Errors and no --skip-bad-rows: the report, nothing written, a non-zero exit.
  Run refused = run(dir, "import-patients --db '" + db_path + "' '" + sample + "'");
  INFO(refused.out);
  CHECK(refused.status == 1);
  CHECK(refused.out.find("Line 4") != std::string::npos);  // 31.02.1990
  CHECK(refused.out.find("does not exist") != std::string::npos);
  CHECK(refused.out.find("Nothing was imported") != std::string::npos);
  CHECK(count() == 0);

  // A dry run with the flag: the mapping, the rows as parsed, the report; nothing written.
  Run dry = run(dir, "import-patients --db '" + db_path + "' '" + sample + "' --dry-run --skip-bad-rows");
  INFO(dry.out);
  CHECK(dry.status == 0);
  CHECK(dry.out.find("full_name") != std::string::npos);
  CHECK(dry.out.find("Петров Игорь Сергеевич") != std::string::npos);
  CHECK(dry.out.find("dry run") != std::string::npos);
  CHECK(count() == 0);

  // For real, duplicates imported as separate patients.
  Run real = run(dir, "import-patients --db '" + db_path + "' '" + sample + "' --skip-bad-rows --duplicates separate");
  INFO(real.out);
  CHECK(real.status == 0);
  CHECK(count() == 16);  // 21 rows, 5 bad
  CHECK(real.out.find("imported: 16") != std::string::npos);

  // A column given by hand (1-based), and a misuse.
  const std::string plain = dir.file("plain.csv");
  std::ofstream(plain) << "Ёлкина;Анна;05.05.1995;+7 916 000-00-01\n";
  Run mapped = run(dir, "import-patients --db '" + db_path + "' '" + plain +
                            "' --column surname=1 --column name=2 --column birth_date=3 --column phones=4");
  INFO(mapped.out);
  CHECK(mapped.status == 0);
  CHECK(count() == 17);
  CHECK(run(dir, "import-patients --db '" + db_path + "' '" + plain + "' --column nonsense=1").status == 2);
  CHECK(run(dir, "import-patients --db '" + db_path + "' '" + plain + "' --duplicates maybe").status == 2);
}
