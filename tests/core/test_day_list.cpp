// «Завтра»: the day's list for pulling cards, its CSV for Excel, and the file written whole.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "clinic_fixture.h"
#include "day_list.h"
#include "files.h"
#include "i18n.h"

using namespace rg;
using namespace rg::db;

namespace {

const Date kDay(2030, 6, 3);

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The CSV's records, split on CRLF outside quotes.
std::vector<std::string> records(std::string_view csv) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      out.push_back(cur);
      cur.clear();
      ++i;
      continue;
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

TEST_CASE_FIXTURE(test::ClinicFixture, "the day list goes by doctor, then time, freed times are left out") {
  // Соколов comes first in the clinic's order, whatever the alphabet says.
  REQUIRE(db.exec("UPDATE doctors SET sort_order = 2 WHERE id = 1; UPDATE doctors SET sort_order = 1 WHERE id = 2;"));
  auto anna = add_patient("Алексеева", "Анна", "Петровна", Date(1985, 3, 12), "8 (916) 123-45-67");
  auto boris = add_patient("Борисов", "Борис", "", Date(1970, 1, 2), "", 'M');
  auto vera = add_patient("Васильева", "Вера", "Ильинична", Date(2001, 12, 31), "+7 903 000-11-22");
  auto gleb = add_patient("Григорьев", "Глеб", "", Date(1980, 1, 2), "", 'M');
  auto daria = add_patient("Дмитриева", "Дарья");

  // Борис was here before: his visit is a repeat one.
  REQUIRE(book(boris, doctor1, room1, 600, 630, Date(2030, 5, 20)));
  auto a_anna = book(anna, doctor1, room1, 600, 630);
  auto a_boris = book(boris, doctor1, room1, 540, 570);
  auto a_vera = book(vera, doctor2, std::nullopt, 660, 690);
  auto a_gleb = book(gleb, doctor1, room1, 720, 750);
  auto a_daria = book(daria, doctor2, room2, 540, 560);
  REQUIRE(book(daria, doctor1, room1, 600, 630, kDay.plus_days(1)));  // another day
  REQUIRE((a_anna && a_boris && a_vera && a_gleb && a_daria));
  REQUIRE(db.exec("UPDATE appointments SET status = 'cancelled', cancel_reason = 'заболел' WHERE id = " +
                  std::to_string(*a_gleb) + ";"
                  "UPDATE appointments SET status = 'no_show' WHERE id = " + std::to_string(*a_daria) + ";"
                  "INSERT INTO specialties(id, name) VALUES (1, 'терапевт');"
                  "INSERT INTO doctor_specialties(doctor_id, specialty_id) VALUES (1, 1);"
                  "INSERT INTO services(id, code, name, duration_min) VALUES "
                  "(1, 'B01.047.001', 'Приём терапевта', 30), (2, 'A09.05.023', 'Глюкоза крови', 5);"
                  "INSERT INTO appointment_services(appointment_id, service_id, position) VALUES (" +
                  std::to_string(*a_anna) + ", 1, 0), (" + std::to_string(*a_anna) + ", 2, 1);"));

  auto rows = day_list(db, kDay);
  REQUIRE(rows);
  REQUIRE(rows->size() == 3);
  const auto& r = *rows;
  // Соколов's only patient left (Дарья did not come), then Петрова's by time.
  CHECK(r[0].appointment_id == *a_vera);
  CHECK(r[0].doctor == "Соколов Д. И.");
  CHECK(r[0].room == "");
  CHECK(r[1].appointment_id == *a_boris);
  CHECK(r[2].appointment_id == *a_anna);
  CHECK(r[1].doctor == "Петрова А. С.");
  CHECK(r[1].specialty == "терапевт");  // as the schedule's column and the kiosk name him
  CHECK(r[0].specialty == "врач-терапевт");  // no specialty entered: the position on documents
  CHECK(r[1].room == "101");
  CHECK(r[1].start == "09:00");
  CHECK(r[1].end == "09:30");
  CHECK(r[1].start_min == 540);
  CHECK_FALSE(r[1].first_visit);
  CHECK(r[1].phone == "");

  // What the card room needs to find the card and the desk to call.
  const DayListRow& a = r[2];
  CHECK(a.patient == "Алексеева Анна Петровна");
  auto card = db.prepare("SELECT card_no FROM patients WHERE id = ?1");
  REQUIRE(card);
  card->bind(1, anna);
  REQUIRE(*card->step());
  CHECK_FALSE(a.card_no.empty());
  CHECK(a.card_no == card->col_text(0));
  CHECK(a.birth_date == "12.03.1985");
  CHECK(a.phone == "+7 916 123-45-67");
  CHECK(a.first_visit);
  CHECK(a.services == "Приём терапевта +1");
  CHECK(a.start == "10:00");
  CHECK(a.end == "10:30");
  CHECK(r[0].birth_date == "31.12.2001");
  CHECK(r[0].patient == "Васильева Вера Ильинична");

  // A day with nobody booked is an empty list, not an error.
  auto empty = day_list(db, kDay.plus_days(2));
  REQUIRE(empty);
  CHECK(empty->empty());
}

TEST_CASE_FIXTURE(test::ClinicFixture, "the CSV opens in Excel: BOM, semicolons, CRLF, quoting, no formulas") {
  auto odd = add_patient("Плейсхолдер", "Ольга", "", Date(1990, 5, 6), "+7 916 555-44-33");
  auto hostile = add_patient("=HYPERLINK(\"x\")", "Анна");
  // The core tidies names typed at the desk; a name with a newline can only come from outside.
  REQUIRE(db.exec("UPDATE patients SET surname = 'Мак;Кей \"Младшая\"' || char(10) || 'вторая' WHERE id = " +
                  std::to_string(odd)));
  REQUIRE(book(odd, doctor1, room1, 540, 570));
  REQUIRE(book(hostile, doctor1, room1, 600, 630));
  auto rows = day_list(db, kDay);
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[1].patient == "=HYPERLINK(\"x\") Анна");

  std::string csv = day_list_csv(*rows);
  REQUIRE(csv.size() > 3);
  CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(csv.ends_with("\r\n"));
  // Every line end outside quotes is CRLF: a bare LF appears only inside the quoted name.
  size_t bare_lf = 0;
  for (size_t i = 0; i < csv.size(); ++i)
    if (csv[i] == '\n' && (i == 0 || csv[i - 1] != '\r')) ++bare_lf;
  CHECK(bare_lf == 1);

  auto recs = records(std::string_view(csv).substr(3));
  REQUIRE(recs.size() == 3);  // the header and two appointments
  CHECK(recs[0].starts_with(std::string(_("Doctor")) + ";"));
  CHECK(std::count(recs[0].begin(), recs[0].end(), ';') == 10);
  // RFC 4180: the field is quoted, its quotes doubled, the ';' and the newline kept inside.
  CHECK(recs[1].find(";\"Мак;Кей \"\"Младшая\"\"\nвторая Ольга\";") != std::string::npos);
  // Formula injection: the hostile name is text in Excel; so is the phone's '+'.
  CHECK(recs[2].find(";\"'=HYPERLINK(\"\"x\"\") Анна\";") != std::string::npos);
  CHECK(recs[1].find(";'+7 916 555-44-33;") != std::string::npos);
  CHECK(csv.find(";=") == std::string::npos);
  CHECK(recs[1].starts_with("Петрова А. С.;врач-терапевт;101;09:00;09:30;"));

  CHECK(csv_field("обычный текст") == "обычный текст");
  CHECK(csv_field("") == "");
  CHECK(csv_field("-1+1") == "'-1+1");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("a\r\nb") == "\"a\r\nb\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
}

TEST_CASE("an export is written whole, or not at all with the reason in words") {
  test::TempDir dir;
  std::string path = dir.file("tomorrow-2030-06-03.csv");
  REQUIRE(write_file_atomically(path, "первая версия"));
  REQUIRE(write_file_atomically(path, "вторая"));
  CHECK(slurp(path) == "вторая");
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

  std::string missing = dir.file("no-such-folder/tomorrow.csv");
  auto r = write_file_atomically(missing, "x");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Io);
  CHECK(r.error().message.find(missing) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("no-such-folder")));
  // Only the first file is there: no temporary left behind anywhere.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);

  REQUIRE(ensure_directory(dir.file("export/2030")));
  CHECK(std::filesystem::is_directory(dir.file("export/2030")));
  REQUIRE(write_file_atomically(dir.file("export/2030/a.csv"), ""));
  CHECK(std::filesystem::file_size(dir.file("export/2030/a.csv")) == 0);
  auto blocked = ensure_directory(path + "/sub");  // a file where a folder should be
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().code == ErrorCode::Io);
}
