// A clinic's patient base moving in: 100 000 rows written to a CSV, imported into a fresh database
// the way `registratura import-patients` does it (read, parse, duplicates, cards with their search
// keys and phones, one transaction, one audit row), beside the floor: the same rows as a plain
// sqlite3 loop of prepared INSERTs into the patients table in one transaction, no search index.
// Target: the import under 60 s.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "csv_text.h"
#include "migrations.h"
#include "patient_import.h"
#include "text.h"

using namespace rg;
using namespace rg::db;

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void must(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "bench-import: %s failed\n", what);
    std::exit(1);
  }
}

struct Person {
  std::string card, surname, name, patronymic, birth, sex, phone, email, address, note;
};

constexpr const char* kMale[] = {"Иванов", "Смирнов", "Кузнецов", "Попов",  "Васильев", "Петров", "Соколов",
                                 "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев",
                                 "Семёнов", "Егоров",  "Павлов",   "Козлов",  "Степанов", "Николаев"};
constexpr const char* kMen[] = {"Иван", "Пётр", "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Олег"};
constexpr const char* kWomen[] = {"Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Татьяна", "Алёна"};

std::vector<Person> generate(int n) {
  std::vector<Person> v;
  v.reserve(static_cast<std::size_t>(n));
  const Date base(1935, 1, 1);
  for (int i = 0; i < n; ++i) {
    Person p;
    const bool woman = i % 2 == 1;
    p.card = std::to_string(1000 + i);
    p.surname = std::string(kMale[i % 20]) + (woman ? "а" : "");
    p.name = woman ? kWomen[(i / 20) % 8] : kMen[(i / 20) % 8];
    p.patronymic = woman ? "Сергеевна" : "Сергеевич";
    p.birth = base.plus_days(i / 4).ru();  // four rows a day, each a different surname
    p.sex = woman ? "Ж" : "М";
    const std::string d = std::to_string(79000000000LL + i * 13);
    p.phone = "+7 (" + d.substr(1, 3) + ") " + d.substr(4, 3) + "-" + d.substr(7, 2) + "-" + d.substr(9, 2);
    if (i % 3 == 0) p.email = "p" + std::to_string(i) + "@example.ru";
    if (i % 4 == 0) p.address = "г. Москва, ул. Лесная, д. " + std::to_string(i % 90 + 1);
    if (i % 10 == 0) p.note = "перенесено из прежней программы";
    v.push_back(std::move(p));
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = 100000;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--rows" && i + 1 < argc) rows = std::max(1000, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: registratura-bench-import [--rows N]\n");
      return 2;
    }
  }
  const auto dir = std::filesystem::temp_directory_path() / ("rg-bench-import-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string csv = (dir / "patients.csv").string();

  const std::vector<Person> people = generate(rows);
  {
    std::string text = kCsvBom;
    csv_line(text, {"№ карты", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол", "Телефон", "Email", "Адрес",
                    "Примечание"});
    for (const auto& p : people)
      csv_line(text, {p.card, p.surname, p.name, p.patronymic, p.birth, p.sex, p.phone, p.email, p.address, p.note});
    std::ofstream(csv, std::ios::binary) << text;
    std::printf("%d rows, %.1f MB of CSV in %s\n", rows, static_cast<double>(text.size()) / 1e6, csv.c_str());
  }

  // Ours: a fresh clinic database, the import as the CLI runs it, phase by phase.
  double t_read = 0, t_check = 0, t_import = 0;
  std::int64_t keys = 0, phones = 0;
  {
    auto db = open_clinic_database((dir / "ours.db").string());
    must(db.has_value(), "open");
    auto t0 = Clock::now();
    auto table = read_csv(csv);
    must(table.has_value(), "read_csv");
    t_read = seconds_since(t0);
    ImportOptions o;
    o.file_name = "patients.csv";
    o.dry_run = true;
    t0 = Clock::now();
    auto dry = import_patients(*db, *table, o, Actor::system("bench"));
    must(dry.has_value() && dry->imported.size() == static_cast<std::size_t>(rows), "dry run");
    t_check = seconds_since(t0);
    o.dry_run = false;
    t0 = Clock::now();
    auto done = import_patients_file(*db, csv, o, Actor::system("bench"));  // the whole of it, the file read included
    t_import = seconds_since(t0);
    must(done.has_value() && done->written && done->imported.size() == static_cast<std::size_t>(rows), "import");
    keys = db->query_int("SELECT count(*) FROM patient_name_keys").value_or(-1);
    phones = db->query_int("SELECT count(*) FROM patient_phones").value_or(-1);
    auto hit = search_patients(*db, parse_patient_query("семенов"), 0, 10);
    must(hit.has_value() && !hit->empty(), "search after the import");
  }

  // The floor: the same rows, already split, as one prepared INSERT each into patients only.
  double t_floor = 0;
  {
    auto db = open_clinic_database((dir / "floor.db").string());
    must(db.has_value(), "open floor");
    auto t0 = Clock::now();
    must(db->exec("BEGIN IMMEDIATE").has_value(), "begin");
    auto st = db->prepare(
        "INSERT INTO patients(card_no, surname, name, patronymic, surname_norm, name_norm, patronymic_norm, birth_date, "
        "sex, email, address, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?13)");
    must(st.has_value(), "prepare");
    for (const auto& p : people) {
      st->bind_all(p.card, p.surname, p.name, p.patronymic, p.surname, p.name, p.patronymic,
                   Date::parse_ru(p.birth)->iso(), std::string(p.sex == "М" ? "M" : "F"), p.email, p.address, p.note,
                   std::int64_t{0});
      must(st->exec().has_value(), "insert");
      st->reset();
    }
    must(db->exec("COMMIT").has_value(), "commit");
    t_floor = seconds_since(t0);
  }
  std::filesystem::remove_all(dir);

  std::printf("import-patients (read + parse + duplicates + cards, search keys, phones, one transaction):\n");
  std::printf("  total %.2f s = %.0f rows/s   target < 60 s: %s\n", t_import, rows / t_import,
              t_import < 60 ? "met" : "MISSED");
  std::printf("  phases (one transaction, so no per-batch timings): read the CSV %.2f s · parse and find "
              "duplicates (the dry run) %.2f s · write %.2f s\n",
              t_read, t_check, std::max(0.0, t_import - t_read - t_check));
  std::printf("  search index: %lld name keys, %lld phones\n", static_cast<long long>(keys),
              static_cast<long long>(phones));
  std::printf("floor: plain prepared INSERTs into patients, one transaction, no index: %.2f s = %.0f rows/s\n", t_floor,
              rows / t_floor);
  std::printf("ratio: the import takes x%.1f the floor's time\n", t_import / t_floor);
  return 0;
}
