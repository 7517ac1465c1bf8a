// The price list as the manager keeps it: services and prices edited by who may and audited, a
// price in force never rewritten (an invoice keeps its own), deactivation refused while a service
// is still used; the list to CSV and XLSX (read back by xlsx2csv) and back from CSV all or
// nothing; the CLI's `prices export|import` end to end.
#include <doctest/doctest.h>


#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cp1251.h"
#include "clinic_fixture.h"
#include "invoices.h"
#include "price_edit.h"
#include "price_files.h"

using namespace rg;
using namespace rg::db;

namespace {

const Date kDay(2030, 6, 3);  // the fixture's day; "now" is 09:00 on it

struct PriceFixture : test::ClinicFixture {
  const Actor manager = Actor::user(4, "desk:office");
  const Actor admin = Actor::user(1, "desk:reg-1");
  const std::int64_t now = at(540);

  PriceFixture() {
    REQUIRE(db.exec("INSERT INTO users(id, login, full_name, created_at) VALUES (4, 'manager', 'Орлова Ирина Викторовна', 0);"
                    "INSERT INTO user_roles(user_id, role) VALUES (4, 'manager');"
                    "INSERT INTO specialties(id, name) VALUES (1, 'терапевт'), (2, 'кардиолог');"));
  }

  std::int64_t service(const std::string& code, const std::string& name, Kopecks price, int minutes = 30,
                       std::string category = "Консультации") {
    ServiceDraft d;
    d.code = code;
    d.name = name;
    d.category = std::move(category);
    d.specialty_id = 1;
    d.duration_min = minutes;
    auto id = create_service(db, d, NewPrice{kDay, price}, now, manager);
    REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    return *id;
  }

  std::int64_t count(const std::string& sql) {
    auto n = db.query_int(sql);
    REQUIRE(n);
    return *n;
  }

  std::string slurp(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  void write(const std::string& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary);
    out << bytes;
  }
};


const PriceImportLine* line_no(const PriceImportPreview& p, std::size_t n) {
  for (const auto& l : p.lines)
    if (l.line == n) return &l;
  return nullptr;
}

}  // namespace

TEST_CASE_FIXTURE(PriceFixture, "prices: a service made and edited by the manager, with its price history and audit") {
  const auto id = service("в01.047.001", "Приём (осмотр, консультация) врача-терапевта первичный", 150000);
  auto card = get_service_card(db, id, now);
  REQUIRE(card);
  CHECK(card->service.code == "B01.047.001");  // the Cyrillic «в» typed for the Latin B
  REQUIRE(card->current);
  CHECK(card->current->price == 150000);
  CHECK_FALSE(card->next);

  ServiceDraft d = card->service;
  d.short_name = "Первичный приём";
  d.duration_min = 40;
  REQUIRE(update_service(db, id, d, NewPrice{kDay.plus_days(28), 165000}, now, manager));
  auto st = db.prepare("SELECT details FROM audit_log WHERE action = 'service.update'");
  REQUIRE(st);
  REQUIRE(*st->step());
  const std::string details = st->col_text(0);
  CHECK(details.find("30 → 40") != std::string::npos);
  CHECK(details.find(" → Первичный приём") != std::string::npos);
  CHECK(details.find("1\u00A0500,00 ₽ → 1\u00A0650,00 ₽") != std::string::npos);

  card = get_service_card(db, id, now);
  REQUIRE(card);
  CHECK(card->current->price == 150000);
  REQUIRE(card->next);
  CHECK(card->next->from == kDay.plus_days(28));
  CHECK(card->history.size() == 2);
  // A day after the change the list shows the new price as current.
  auto later = get_service_card(db, id, at(540, kDay.plus_days(30)));
  REQUIRE(later);
  CHECK(later->current->price == 165000);
  CHECK_FALSE(later->next);

  // The rules, in words.
  ServiceDraft bad = d;
  bad.code = "X01.1";
  CHECK(update_service(db, id, bad, std::nullopt, now, manager).error().message.find("order 804н") != std::string::npos);
  bad = d;
  bad.duration_min = 3;
  CHECK(update_service(db, id, bad, std::nullopt, now, manager).error().message == "A service lasts from 5 to 720 minutes.");
  const auto other = service("B01.047.002", "Приём врача-терапевта повторный", 120000);
  bad = d;
  bad.code = "B01.047.002";
  auto taken = update_service(db, id, bad, std::nullopt, now, manager);
  REQUIRE_FALSE(taken);
  CHECK(taken.error().code == ErrorCode::Conflict);
  CHECK(taken.error().message == "There is already a service with the code B01.047.002: «Приём врача-терапевта повторный».");
  CHECK(other != id);
  // Saving what is already there writes no audit row.
  const auto audits = count("SELECT count(*) FROM audit_log");
  REQUIRE(update_service(db, id, d, std::nullopt, now, manager));
  CHECK(count("SELECT count(*) FROM audit_log") == audits);
  // The search: a code's start, or words of the names and the category.
  CHECK(card->matches("b01.047"));
  CHECK(card->matches("первичный консультации"));
  CHECK_FALSE(card->matches("кардиолог"));
}

TEST_CASE_FIXTURE(PriceFixture, "prices: a new price never changes an invoice already made, nor a price in force") {
  const auto id = service("B01.047.001", "Приём врача-терапевта первичный", 150000);
  const auto patient = add_patient("Иванова", "Анна", "Петровна");
  auto visit = book(patient, doctor1, room1, 600, 630);
  REQUIRE(visit);
  REQUIRE(db.exec("INSERT INTO appointment_services(appointment_id, service_id) VALUES (" + std::to_string(*visit) +
                  ", " + std::to_string(id) + ")"));
  const std::int64_t ids[] = {*visit};
  auto made = create_invoices(db, ids, {}, Actor::system("test"));
  REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
  REQUIRE(made->patient_invoice);

  // Tomorrow's price: the invoice keeps what it was made with.
  auto moved = set_price(db, id, kDay.plus_days(1), 180000, now, manager);
  REQUIRE_MESSAGE(moved, (moved ? "" : moved.error().message));
  CHECK(*moved);
  auto invoice = load_invoice(db, *made->patient_invoice);
  REQUIRE(invoice);
  REQUIRE(invoice->lines.size() == 1);
  CHECK(invoice->lines[0].price == 150000);
  CHECK(invoice->total == 150000);

  // Today's price is in force: a second price from today is refused, and so is any past day.
  auto today = set_price(db, id, kDay, 170000, now, manager);
  REQUIRE_FALSE(today);
  CHECK(today.error().code == ErrorCode::Conflict);
  CHECK(today.error().message.find("already in force") != std::string::npos);
  auto past = set_price(db, id, kDay.plus_days(-1), 170000, now, manager);
  REQUIRE_FALSE(past);
  CHECK(past.error().code == ErrorCode::Invalid);
  CHECK(past.error().message == "A price cannot start on 02.06.2030, in the past: it would change what patients were "
                                "already charged. Give today's date or a later one.");
  CHECK(count("SELECT count(*) FROM service_prices WHERE service_id = " + std::to_string(id)) == 2);

  // A second price for the same planned day replaces it; the price in force again withdraws it.
  REQUIRE(set_price(db, id, kDay.plus_days(1), 175000, now, manager));
  CHECK(count("SELECT price_kopecks FROM service_prices WHERE active_from = '2030-06-04'") == 175000);
  CHECK(count("SELECT count(*) FROM service_prices WHERE service_id = " + std::to_string(id)) == 2);
  REQUIRE(set_price(db, id, kDay.plus_days(1), 150000, now, manager));
  CHECK(count("SELECT count(*) FROM service_prices WHERE service_id = " + std::to_string(id)) == 1);
  auto same = set_price(db, id, kDay.plus_days(5), 150000, now, manager);
  REQUIRE(same);
  CHECK_FALSE(*same);  // the price it already has: nothing written
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'service.price'") == 3);
  CHECK(set_price(db, id, kDay.plus_days(3), -1, now, manager).error().message == "A price cannot be negative.");
}

TEST_CASE_FIXTURE(PriceFixture, "prices: a service on an open invoice or a visit to come is not made inactive, and says why") {
  const auto id = service("B01.047.001", "Приём врача-терапевта первичный", 150000);
  const auto patient = add_patient("Иванова", "Анна", "Петровна");
  auto billed = book(patient, doctor1, room1, 480, 510);  // this morning, billed, not paid
  auto coming = book(patient, doctor1, room1, 600, 630, kDay.plus_days(7));
  REQUIRE(billed);
  REQUIRE(coming);
  for (auto v : {*billed, *coming})
    REQUIRE(db.exec("INSERT INTO appointment_services(appointment_id, service_id) VALUES (" + std::to_string(v) +
                    ", " + std::to_string(id) + ")"));
  const std::int64_t ids[] = {*billed};
  auto made = create_invoices(db, ids, {}, Actor::system("test"));
  REQUIRE(made);

  auto refused = set_service_active(db, id, false, now, manager);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Conflict);
  CHECK(refused.error().message.find("on 1 open invoice(s) and in 1 visit(s) to come") != std::string::npos);
  CHECK(count("SELECT active FROM services WHERE id = " + std::to_string(id)) == 1);

  REQUIRE(cancel_invoice(db, *made->patient_invoice, "ошибка", Actor::system("test")));
  refused = set_service_active(db, id, false, now, manager);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("on 0 open invoice(s) and in 1 visit(s) to come") != std::string::npos);

  REQUIRE(db.exec("UPDATE appointments SET status = 'cancelled', cancel_reason = 'x' WHERE id = " + std::to_string(*coming)));
  REQUIRE(set_service_active(db, id, false, now, manager));
  CHECK(count("SELECT active FROM services WHERE id = " + std::to_string(id)) == 0);
  REQUIRE(set_service_active(db, id, true, now, manager));
  CHECK(count("SELECT count(*) FROM audit_log WHERE action IN ('service.deactivate', 'service.activate')") == 2);
}

TEST_CASE_FIXTURE(PriceFixture, "prices: a person without PricesEdit is refused everything and nothing is written") {
  const auto id = service("B01.047.001", "Приём врача-терапевта первичный", 150000);
  const auto services = count("SELECT count(*) FROM services");
  const auto prices = count("SELECT count(*) FROM service_prices");
  const auto audits = count("SELECT count(*) FROM audit_log");
  ServiceDraft d;
  d.code = "B01.015.001";
  d.name = "Приём врача-кардиолога первичный";
  auto made = create_service(db, d, NewPrice{kDay, 200000}, now, admin);
  REQUIRE_FALSE(made);
  CHECK(made.error().code == ErrorCode::Forbidden);
  CHECK(made.error().message.find("The price list is edited by") != std::string::npos);
  CHECK(update_service(db, id, d, std::nullopt, now, admin).error().code == ErrorCode::Forbidden);
  CHECK(set_price(db, id, kDay.plus_days(1), 1, now, admin).error().code == ErrorCode::Forbidden);
  CHECK(set_service_active(db, id, false, now, admin).error().code == ErrorCode::Forbidden);
  CHECK(create_service(db, d, std::nullopt, now, Actor{"desk:nobody", std::nullopt, "desk:reg-1"}).error().code ==
        ErrorCode::Forbidden);
  auto table = parse_csv("Код;Наименование;Цена\nB01.015.001;Приём кардиолога;2000\n");
  REQUIRE(table);
  CHECK(apply_price_import(db, *table, "p.csv", kDay.plus_days(1), now, admin).error().code == ErrorCode::Forbidden);
  CHECK(count("SELECT count(*) FROM services") == services);
  CHECK(count("SELECT count(*) FROM service_prices") == prices);
  CHECK(count("SELECT count(*) FROM audit_log") == audits);
}

TEST_CASE_FIXTURE(PriceFixture, "prices: exported to CSV and imported back, nothing changes") {
  service("B01.047.001", "Приём (осмотр, консультация) врача-терапевта первичный", 150000);
  service("A05.10.006", "Регистрация электрокардиограммы; с расшифровкой \"срочно\"", 90050, 15, "Диагностика");
  const auto off = service("B03.016.003", "=Общий анализ крови", 45000, 10, "");
  REQUIRE(set_service_active(db, off, false, now, manager));
  const std::string csv = dir.file("out/prices.csv");
  auto n = export_price_list(db, csv, now, admin);  // open to anyone: the prices are no secret
  REQUIRE_MESSAGE(n, (n ? "" : n.error().message));
  CHECK(*n == 3);
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'export.prices'") == 1);
  const std::string text = slurp(csv);
  CHECK(text.starts_with(std::string(kCsvBom) + "Code;Name;Short name;Category;Specialty;\"Duration, min\";"
                                                "\"Price, ₽\";In force from;Tax code;Active\r\n"));
  CHECK(text.find("\r\nA05.10.006;\"Регистрация электрокардиограммы; с расшифровкой \"\"срочно\"\"\";;Диагностика;"
                  "терапевт;15;\"900,50\";03.06.2030;1;yes\r\n") != std::string::npos);
  CHECK(text.find("\r\nB03.016.003;'=Общий анализ крови;;;терапевт;10;\"450,00\";03.06.2030;1;no\r\n") != std::string::npos);

  const auto prices = count("SELECT count(*) FROM service_prices");
  const auto audits = count("SELECT count(*) FROM audit_log");
  auto preview = preview_price_import_file(db, csv, kDay.plus_days(1), now);
  REQUIRE(preview);
  CHECK(preview->ok());
  CHECK(preview->same == 3);
  CHECK(preview->added + preview->changed + preview->wrong == 0);
  auto applied = apply_price_import(db, preview->table, preview->file, kDay.plus_days(1), now, manager);
  REQUIRE(applied);
  CHECK(applied->same == 3);
  CHECK(count("SELECT count(*) FROM service_prices") == prices);
  CHECK(count("SELECT count(*) FROM audit_log") == audits);
}

TEST_CASE_FIXTURE(PriceFixture, "prices: a Windows-1251 file with semicolons, Russian headers in any order") {
  const auto ecg = service("A05.10.006", "Регистрация электрокардиограммы", 90000, 15, "Диагностика");
  const std::string utf8 =
      "НАИМЕНОВАНИЕ;Цена, руб.;код;Длительность, мин;Специальность;Категория;Примечание\r\n"
      "Регистрация электрокардиограммы;1 000,00;A05.10.006;20;терапевт;Диагностика;\r\n"
      "Приём (осмотр, консультация) врача-кардиолога первичный;2 500 руб.;В01.015.001;30;кардиолог;Консультации;новая\r\n"
      "Холтеровское мониторирование;3500;A05.10.008;;кардиолог;Диагностика;\r\n";
  const std::string csv = dir.file("cp1251.csv");
  write(csv, test::to_cp1251(utf8));
  const Date from = kDay.plus_days(1);
  auto preview = preview_price_import_file(db, csv, from, now);
  REQUIRE_MESSAGE(preview, (preview ? "" : preview.error().message));
  CHECK(preview->encoding == "Windows-1251");
  CHECK(preview->separator == ';');
  CHECK(preview->problems.empty());
  REQUIRE(preview->notes.size() == 1);
  CHECK(preview->notes[0] == "The column «Примечание» is not known and is left out.");
  CHECK(preview->added == 2);
  CHECK(preview->changed == 1);
  CHECK(preview->ok());
  const auto* changed = line_no(*preview, 2);
  REQUIRE(changed);
  CHECK(changed->kind == ImportLineKind::Changed);
  REQUIRE(changed->changes.size() == 2);
  CHECK(changed->changes[0] == "duration: 15 → 20 min");
  CHECK(changed->changes[1] == "price from 04.06.2030: 900,00 ₽ → 1\u00A0000,00 ₽");
  const auto* fresh = line_no(*preview, 3);
  REQUIRE(fresh);
  CHECK(fresh->kind == ImportLineKind::New);
  CHECK(fresh->code == "B01.015.001");

  auto applied = apply_price_import(db, preview->table, preview->file, from, now, manager);
  REQUIRE_MESSAGE(applied, (applied ? "" : applied.error().message));
  auto card = get_service_card(db, ecg, now);
  REQUIRE(card);
  CHECK(card->service.duration_min == 20);
  CHECK(card->current->price == 90000);  // today's price stays
  REQUIRE(card->next);
  CHECK(card->next->price == 100000);
  CHECK(card->next->from == from);
  CHECK(count("SELECT count(*) FROM services s JOIN service_prices p ON p.service_id = s.id "
              "WHERE s.code = 'B01.015.001' AND s.specialty_id = 2 AND p.price_kopecks = 250000 AND p.active_from = '2030-06-04'") == 1);
  CHECK(count("SELECT duration_min FROM services WHERE code = 'A05.10.008'") == 30);  // no duration given: 30
  auto st = db.prepare("SELECT details FROM audit_log WHERE action = 'import.prices'");
  REQUIRE(st);
  REQUIRE(*st->step());
  CHECK(st->col_text(0).find("\"file\":\"cp1251.csv\"") != std::string::npos);
  CHECK(st->col_text(0).find("\"new\":\"2\"") != std::string::npos);
  CHECK_FALSE(*st->step());  // one audit row for the whole import
}

TEST_CASE_FIXTURE(PriceFixture, "prices: a UTF-8 comma file with quoted names holding separators, English headers") {
  service("B01.047.001", "Приём врача-терапевта первичный", 150000);
  const std::string text =
      "price,Code,Name,Short name,category\n"
      "\"1500.5\",B01.047.001,\"Приём (осмотр, консультация) врача-терапевта первичный; взрослые\",Первичный,Консультации\n"
      "1500 ₽,B01.047.002,\"Приём (осмотр, консультация) врача-терапевта повторный\",\"Повторный, 2-й\",Консультации\n";
  auto table = parse_csv(text);
  REQUIRE(table);
  CHECK(table->separator == ',');
  auto applied = apply_price_import(db, *table, "utf8.csv", kDay.plus_days(2), now, manager);
  REQUIRE_MESSAGE(applied, (applied ? "" : applied.error().message));
  CHECK(applied->added == 1);
  CHECK(applied->changed == 1);
  auto cards = list_service_cards(db, at(540, kDay.plus_days(2)));
  REQUIRE(cards);
  REQUIRE(cards->size() == 2);
  const auto& first = (*cards)[0].service.code == "B01.047.001" ? (*cards)[0] : (*cards)[1];
  const auto& second = (*cards)[0].service.code == "B01.047.001" ? (*cards)[1] : (*cards)[0];
  CHECK(first.service.name == "Приём (осмотр, консультация) врача-терапевта первичный; взрослые");
  CHECK(first.service.short_name == "Первичный");
  CHECK(first.current->price == 150050);
  CHECK(second.service.short_name == "Повторный, 2-й");
  CHECK(second.current->price == 150000);
  CHECK(second.current->from == kDay.plus_days(2));
}

TEST_CASE_FIXTURE(PriceFixture, "prices: a file with wrong lines applies nothing and names the lines") {
  service("B01.047.001", "Приём врача-терапевта первичный", 150000);
  const std::string text =
      "Код;Наименование;Цена;Длительность, мин;Специальность\n"
      "B01.047.001;Приём врача-терапевта первичный;1600;30;терапевт\n"          // 2: fine
      "X01.1;Что-то;100;30;\n"                                                   // 3: the code's form
      "B01.047.002;\"Приём врача-терапевта\n повторный\";1200;30;терапевт\n"    // 4-5: fine, two lines
      "B01.047.003;Консультация;полторы тысячи;30;\n"                           // 6: the price
      "B01.047.001;Ещё раз;1700;30;\n"                                           // 7: the code again
      "B01.047.004;Приём;1000;30;ортодонт\n"                                     // 8: no such specialty
      "B01.047.005;Приём;;30;\n"                                                 // 9: new without a price
      "B01.047.006;Приём;1000;3;\n";                                             // 10: too short
  auto table = parse_csv(text);
  REQUIRE(table);
  const auto services = count("SELECT count(*) FROM services");
  const auto prices = count("SELECT count(*) FROM service_prices");
  const auto audits = count("SELECT count(*) FROM audit_log");
  auto preview = preview_price_import(db, *table, "bad.csv", kDay.plus_days(1), now);
  REQUIRE(preview);
  CHECK_FALSE(preview->ok());
  CHECK(preview->wrong == 6);
  CHECK(preview->wrong_lines() == "3, 6, 7, 8, 9, 10");
  CHECK(line_no(*preview, 3)->problem.find("not in the form") != std::string::npos);
  CHECK(line_no(*preview, 4)->kind == ImportLineKind::New);
  CHECK(line_no(*preview, 6)->problem == "The price «полторы тысячи» does not read as an amount in roubles, such as 1500,00.");
  CHECK(line_no(*preview, 7)->problem == "The code B01.047.001 is already on line 2.");
  CHECK(line_no(*preview, 8)->problem.find("no specialty «ортодонт»") != std::string::npos);
  CHECK(line_no(*preview, 9)->problem == "A new service needs its price.");
  CHECK(line_no(*preview, 10)->problem == "A service lasts from 5 to 720 minutes.");
  auto applied = apply_price_import(db, *table, "bad.csv", kDay.plus_days(1), now, manager);
  REQUIRE_FALSE(applied);
  CHECK(applied.error().code == ErrorCode::Invalid);
  CHECK(applied.error().message ==
        "Nothing was imported: line(s) 3, 6, 7, 8, 9, 10 of the file are wrong. Correct them and import again.");
  CHECK(count("SELECT count(*) FROM services") == services);
  CHECK(count("SELECT count(*) FROM service_prices") == prices);
  CHECK(count("SELECT count(*) FROM audit_log") == audits);

  // The file as a whole: a required column missing, a day in the past.
  auto no_price = parse_csv("Код;Наименование\nB01.047.001;Приём\n");
  REQUIRE(no_price);
  auto p2 = preview_price_import(db, *no_price, "x.csv", kDay.plus_days(-1), now);
  REQUIRE(p2);
  REQUIRE(p2->problems.size() == 2);
  CHECK(p2->problems[0].find("in the past") != std::string::npos);
  CHECK(p2->problems[1] == "The file has no column «Price, ₽». Its first line must name the columns, at least: Code; Name; Price, ₽.");
  CHECK(apply_price_import(db, *no_price, "x.csv", kDay.plus_days(1), now, manager).error().message.find("Nothing was imported.") !=
        std::string::npos);
}

TEST_CASE_FIXTURE(PriceFixture, "prices: two services sharing a code are told apart by their specialty") {
  // As the demo and databases brought in have it: one ECG code for the therapist and the cardiologist.
  const auto ecg1 = service("A05.10.006", "Регистрация электрокардиограммы", 90000, 15, "Диагностика");
  auto ecg2_insert = db.prepare("INSERT INTO services(code, name, specialty_id, duration_min) "
                                "VALUES ('A05.10.006', 'Регистрация электрокардиограммы', 2, 20) RETURNING id");
  REQUIRE(ecg2_insert);
  auto ecg2_id = ecg2_insert->exec_returning_id();
  REQUIRE(ecg2_id);
  const std::int64_t ecg2 = *ecg2_id;
  REQUIRE(db.exec("INSERT INTO service_prices VALUES (" + std::to_string(ecg2) + ", '2030-01-01', 110000)"));
  // Each may still be edited; a third with that code is refused.
  auto card = get_service_card(db, ecg2, now);
  REQUIRE(card);
  ServiceDraft d = card->service;
  d.duration_min = 25;
  REQUIRE(update_service(db, ecg2, d, std::nullopt, now, manager));
  d.specialty_id.reset();
  CHECK(create_service(db, d, std::nullopt, now, manager).error().code == ErrorCode::Conflict);

  const std::string csv = dir.file("shared.csv");
  REQUIRE(export_price_list(db, csv, now, manager));
  auto again = preview_price_import_file(db, csv, kDay.plus_days(1), now);
  REQUIRE(again);
  CHECK(again->ok());
  CHECK(again->same == 2);
  auto table = parse_csv("Код;Наименование;Цена;Специальность\n"
                         "A05.10.006;Регистрация электрокардиограммы;1250;кардиолог\n"
                         "A05.10.006;Регистрация электрокардиограммы;1250;\n"
                         "A05.10.006;Регистрация электрокардиограммы;1300;Кардиолог\n");
  REQUIRE(table);
  auto p = preview_price_import(db, *table, "shared.csv", kDay.plus_days(1), now);
  REQUIRE(p);
  CHECK(p->changed == 1);
  CHECK(p->prices == 1);
  CHECK(p->wrong_lines() == "3, 4");
  CHECK(line_no(*p, 2)->service_id == ecg2);
  CHECK(line_no(*p, 3)->problem.find("must name the specialty") != std::string::npos);
  CHECK(line_no(*p, 4)->problem == "The code A05.10.006 is already on line 2.");
  CHECK(get_service_card(db, ecg1, now)->service.duration_min == 15);
}

TEST_CASE_FIXTURE(PriceFixture, "prices: the XLSX export read back by xlsx2csv") {
  service("B01.047.001", "Приём (осмотр, консультация) врача-терапевта первичный", 150000);
  service("A05.10.006", "Регистрация ЭКГ; \"срочно\"", 90050, 15, "Диагностика");
  const std::string xlsx = dir.file("prices.xlsx");
  auto n = export_price_list(db, xlsx, now, manager);
  REQUIRE_MESSAGE(n, (n ? "" : n.error().message));
  CHECK(slurp(xlsx).starts_with("PK"));
  const std::string out = dir.file("xlsx.csv");
  const std::string cmd = "xlsx2csv -d ';' -f '%d.%m.%Y' '" + xlsx + "' '" + out + "' 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto t = read_csv(out, ';');
  REQUIRE(t);
  REQUIRE(t->rows.size() == 3);
  CHECK(t->rows[0] == price_list_columns());
  // By category: «Диагностика» before «Консультации».
  CHECK(t->rows[1] == std::vector<std::string>{"A05.10.006", "Регистрация ЭКГ; \"срочно\"", "", "Диагностика", "терапевт",
                                               "15", "900.50", "03.06.2030", "1", "yes"});
  CHECK(t->rows[2][0] == "B01.047.001");
  CHECK(t->rows[2][6] == "1500.00");
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'export.prices' AND details LIKE '%xlsx%'") == 1);
}

#ifdef REGISTRATURA_CLI
TEST_CASE_FIXTURE(PriceFixture, "prices: the CLI exports, previews with --dry-run and imports") {
  service("B01.047.001", "Приём врача-терапевта первичный", 150000);
  auto run = [&](const std::string& args, std::string& output) {
    const std::string out = dir.file("cli.out");
    const std::string cmd = std::string(REGISTRATURA_CLI) + " prices " + args + " > '" + out + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    output = slurp(out);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  std::string output;
  const std::string csv = dir.file("cli.csv");
  REQUIRE_MESSAGE(run("export --db '" + path + "' --to '" + csv + "'", output) == 0, output);
  CHECK(output.find("1 service") != std::string::npos);
  std::string text = slurp(csv);
  CHECK(text.find("B01.047.001;Приём врача-терапевта первичный") != std::string::npos);
  text += "B01.047.002;Приём врача-терапевта повторный;;;;30;1 200,00;;1;yes\r\n";
  write(csv, text);
  const auto prices = count("SELECT count(*) FROM service_prices");
  CHECK(run("import --db '" + path + "' '" + csv + "' --from 2099-01-01 --dry-run", output) == 0);
  CHECK(output.find("new: 1") != std::string::npos);
  CHECK(output.find("B01.047.002") != std::string::npos);
  CHECK(output.find("Nothing was written") != std::string::npos);
  CHECK(count("SELECT count(*) FROM service_prices") == prices);
  REQUIRE_MESSAGE(run("import --db '" + path + "' '" + csv + "' --from 2099-01-01", output) == 0, output);
  CHECK(count("SELECT count(*) FROM services WHERE code = 'B01.047.002'") == 1);
  CHECK(count("SELECT count(*) FROM service_prices WHERE active_from = '2099-01-01'") == 1);
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'import.prices' AND actor = 'system:cli'") == 1);
  // A wrong line: the exit code says so and the line is named.
  write(csv, "Код;Наименование;Цена\nB01.047.003;Приём;много\n");
  CHECK(run("import --db '" + path + "' '" + csv + "'", output) == 1);
  CHECK(output.find("line 2") != std::string::npos);
  CHECK(run("import --db '" + path + "' '" + csv + "' --from 2001-01-01", output) == 1);
  CHECK(run("frobnicate --db '" + path + "'", output) == 2);
}
#endif
