// «Журнал аудита»: only a person with audit.view reads it; filters by person, patient, kind of
// action and period; the details read as what changed; the CSV is safe in Excel; opening a card
// and every export leave their row.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit_query.h"
#include "clinic_fixture.h"
#include "day_list.h"
#include "patients.h"
#include "staff.h"

using namespace rg;
using namespace rg::db;

namespace {

struct AuditFixture : test::ClinicFixture {
  // 1, 2: administrators; 3: senior administrator (ClinicFixture). 6: the manager, who may read
  // the journal.
  const Actor admin = Actor::user(1, "desk:reg-1"), admin2 = Actor::user(2, "desk:reg-2");
  const Actor manager = Actor::user(6, "desk:office");
  AuditFixture() {
    REQUIRE(db.exec("INSERT INTO users(id, login, full_name, created_at) VALUES (6, 'boss', 'Орлова Ирина Викторовна', 0);"
                    "INSERT INTO user_roles(user_id, role) VALUES (6, 'manager');"));
  }

  std::int64_t rows() { return *db.query_int("SELECT count(*) FROM audit_log"); }

  // A row as another day's work left it (the log takes inserts with any time, never updates).
  void old_row(Date day, int minutes, const std::string& actor, const std::string& action, const std::string& entity,
               std::optional<std::int64_t> entity_id, const std::string& details = "{}") {
    auto st = db.prepare("INSERT INTO audit_log(at_ms, actor, action, entity, entity_id, details, place) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'desk:reg-1')");
    REQUIRE(st);
    st->bind_all(to_unix(day, minutes) * 1000, actor, action, entity, entity_id, details);
    REQUIRE(st->exec());
  }

  std::vector<AuditRow> read(const AuditFilter& f) {
    auto r = read_audit(db, f, manager);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
    return *r;
  }
};

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

std::vector<std::string> actions(const std::vector<AuditRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.action);
  return out;
}

}  // namespace

TEST_CASE_FIXTURE(AuditFixture, "the journal is read only with audit.view: an administrator is refused and nothing is written") {
  add_patient("Иванова", "Анна", "Петровна");
  const auto before = rows();
  test::TempDir out;
  for (const Actor& who : {admin, senior, Actor::user(99), Actor{"desk:nobody", std::nullopt, "desk:reg-1"}}) {
    INFO(who.id);
    auto r = read_audit(db, {}, who);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Forbidden);
    CHECK(r.error().message.find("manager") != std::string::npos);  // who may, in words
    auto n = count_audit(db, {}, who);
    REQUIRE_FALSE(n);
    CHECK(n.error().code == ErrorCode::Forbidden);
    auto e = export_audit(db, {}, out.file("audit.csv"), who);
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::Forbidden);
    CHECK_FALSE(std::filesystem::exists(out.file("audit.csv")));
  }
  CHECK(rows() == before);

  auto all = read(AuditFilter{});
  CHECK(all.size() == size_t(before));
  CHECK(*count_audit(db, {}, manager) == before);
  // The table is the manager's to edit: given to the senior administrator, it counts at once.
  REQUIRE(set_role_permission(db, Role::SeniorAdmin, Permission::AuditView, true, manager));
  CHECK(read_audit(db, {}, senior).has_value());
}

TEST_CASE_FIXTURE(AuditFixture, "filters by person, patient, kind of action and period, newest first, in pages") {
  const auto anna = add_patient("Иванова", "Анна", "Петровна");
  const auto boris = add_patient("Петров", "Борис", "Ильич");
  REQUIRE(log_patient_view(db, anna, admin));
  REQUIRE(log_patient_view(db, boris, admin2));
  PatientDraft edit = *get_patient(db, anna);
  edit.phones = {{"+7 916 123-45-67", "mobile"}};
  edit.surname = "Иванова-Петрова";
  REQUIRE(update_patient(db, anna, edit, admin));
  AppointmentDraft a;
  a.patient_id = anna;
  a.doctor_id = doctor1;
  a.room_id = room1;
  a.start_at = at(600);
  a.end_at = at(630);
  auto visit = book_appointment(db, a, admin2);
  REQUIRE(visit);
  old_row(Date(2020, 5, 1), 9 * 60, "user:1", "patient_person.add", "patient_person", std::nullopt,
          R"({"name":"Иванов П. С.","relation":"муж"})");
  old_row(Date(2020, 5, 2), 23 * 60 + 59, "user:2", "payment.intent", "payment", 5,
          R"({"kind":"refund","total":"150050","ref":"R-7"})");
  old_row(Date(2020, 5, 3), 0, "user:3", "staff.update", "user", 2, R"({"roles":"admin → admin,cashier"})");

  SUBCASE("by person: what one administrator did") {
    AuditFilter f;
    f.user_id = 2;
    auto r = read(f);
    CHECK(actions(r) == std::vector<std::string>{"appointment.book", "patient.view", "payment.intent"});
    for (const auto& row : r) CHECK(row.person == "Кузнецова Ольга Петровна");
    CHECK(r[0].workplace == "reg-2");
    CHECK(r[0].user_id == 2);
  }
  SUBCASE("by patient: the card and the things of that card, not another patient's") {
    AuditFilter f;
    f.patient_id = anna;
    auto r = read(f);
    CHECK(actions(r) == std::vector<std::string>{"appointment.book", "patient.update", "patient.view", "patient.create"});
    for (const auto& row : r) {
      CHECK(row.patient_id == anna);
      CHECK(row.patient_name == "Иванова-Петрова А. П.");
      CHECK(row.object.find("Иванова-Петрова А. П. (card ") != std::string::npos);
    }
    CHECK(r[0].object.starts_with("Appointment No. " + std::to_string(*visit) + " · "));
    CHECK(*count_audit(db, f, manager) == 4);
  }
  SUBCASE("by kind of action: a prefix takes its family and not a longer name") {
    AuditFilter f;
    f.action_prefixes = {"patient"};
    CHECK(actions(read(f)) ==
          std::vector<std::string>{"patient.update", "patient.view", "patient.view", "patient.create", "patient.create"});
    f.action_prefixes = audit_kind_prefixes(AuditKind::Patients);
    CHECK(read(f).size() == 6);  // and the related person
    f.action_prefixes = audit_kind_prefixes(AuditKind::Cash);
    auto cash = read(f);
    REQUIRE(cash.size() == 1);
    CHECK(cash[0].what == "Refund started");
    f.action_prefixes = audit_kind_prefixes(AuditKind::Staff);
    CHECK(actions(read(f)) == std::vector<std::string>{"staff.update"});
    f.action_prefixes = {"patient.view"};
    CHECK(read(f).size() == 2);
    f.action_prefixes = audit_kind_prefixes(AuditKind::All);
    CHECK(f.action_prefixes.empty());
  }
  SUBCASE("by period: local days, both ends inclusive, to the minute around midnight") {
    AuditFilter f;
    f.from = Date(2020, 5, 2);
    f.to = Date(2020, 5, 2);
    CHECK(actions(read(f)) == std::vector<std::string>{"payment.intent"});  // 23:59 is still that day
    f.to = Date(2020, 5, 3);
    CHECK(actions(read(f)) == std::vector<std::string>{"staff.update", "payment.intent"});  // 00:00 the next
    f.from = Date(2020, 4, 1);
    f.to = Date(2020, 4, 30);
    CHECK(read(f).empty());
    f.from = Date(2020, 5, 1);
    f.to = Date(2020, 5, 31);
    f.user_id = 1;
    CHECK(actions(read(f)) == std::vector<std::string>{"patient_person.add"});
  }
  SUBCASE("newest first, and pages that neither repeat nor skip") {
    auto all = read(AuditFilter{});
    REQUIRE(all.size() == 9);
    for (size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].at_ms >= all[i].at_ms);
    CHECK(all.back().action == "patient_person.add");
    AuditFilter f;
    f.limit = 4;
    std::vector<std::int64_t> seen;
    for (f.offset = 0; f.offset < 12; f.offset += 4)
      for (const auto& r : read(f)) seen.push_back(r.id);
    REQUIRE(seen.size() == all.size());
    for (size_t i = 0; i < all.size(); ++i) CHECK(seen[i] == all[i].id);
    CHECK(*count_audit(db, f, manager) == 9);  // the count ignores the page
  }
}

TEST_CASE_FIXTURE(AuditFixture, "every row says who, where and what in words, and what changed") {
  const auto anna = add_patient("Иванова", "Анна", "Петровна");
  old_row(Date(2020, 5, 3), 600, "user:6", "setting.change", "setting", std::nullopt,
          R"({"key":"cash.discount_limit_bp","before":"1000","after":"1500"})");
  old_row(Date(2020, 5, 3), 601, "user:6", "permission.grant", "role", std::nullopt,
          R"({"role":"senior_admin","permission":"audit.view"})");
  old_row(Date(2020, 5, 3), 602, "kiosk:lobby", "appointment.checkin", "appointment", 77, R"({"queue":"7"})");
  old_row(Date(2020, 5, 3), 603, "user:3", "staff.update", "user", 2, R"({"roles":"admin → admin,cashier"})");
  old_row(Date(2020, 5, 3), 604, "user:42", "something.new", "gadget", 5, R"({"x":"1"})");
  AuditFilter f;
  f.from = f.to = Date(2020, 5, 3);
  auto r = read(f);
  REQUIRE(r.size() == 5);
  CHECK(r[0].person == "staff member No. 42");  // an account that is not there any more
  CHECK(r[0].what == "something.new");          // an action this build does not know: as it is
  CHECK(r[0].object == "gadget No. 5");
  CHECK(r[0].changes == "x: 1");
  CHECK(r[1].person == "Белова Светлана Игоревна");
  CHECK(r[1].person_short == "Белова С. И.");
  CHECK(r[0].person_short == r[0].person);
  CHECK(r[1].what == "Staff account edited");
  CHECK(r[1].object == "Кузнецова Ольга Петровна");
  CHECK(r[1].changes == "Roles: administrator → administrator, cashier");
  CHECK(r[2].person == "kiosk lobby");
  CHECK(r[2].workplace == "reg-1");
  CHECK(r[2].what == "Patient checked in");
  CHECK(r[2].object == "Appointment No. 77");  // no such appointment: no patient
  CHECK(r[3].what == "Permission granted to a role");
  CHECK(r[3].object == "Role: senior administrator");
  CHECK(r[3].changes == "Permission: " + permission_title(Permission::AuditView));
  CHECK(r[4].what == "Setting changed");
  CHECK(r[4].object == "cash.discount_limit_bp");
  CHECK(r[4].changes == "Value: 1000 → 1500");
  CHECK(audit_time(r[4].at_ms) == "03.05.2020 10:00:00");

  AuditFilter card;
  card.patient_id = anna;
  auto created = read(card);
  REQUIRE(created.size() == 1);
  CHECK(created[0].person == "the system (test)");
  CHECK(created[0].workplace.empty());
  CHECK(created[0].changes == "Full name: Иванова А. П.");
}

TEST_CASE("details: the JSON object of strings is read carefully, escapes and all") {
  auto d = parse_audit_details(
      R"( { "reason" : "сказала \"перезвоню\"\\нет\nвторая строка", "u":"\u0416\u00e9\ud83d\ude00\t/\/", "n": 12, "list":[1,"a,b",{"c":"}"}], "t":true } )");
  REQUIRE(d);
  REQUIRE(d->size() == 5);
  CHECK((*d)[0] == std::pair<std::string, std::string>{"reason", "сказала \"перезвоню\"\\нет\nвторая строка"});
  CHECK((*d)[1].second == "Жé\xF0\x9F\x98\x80\t//");
  CHECK((*d)[2].second == "12");
  CHECK((*d)[3].second == R"([1,"a,b",{"c":"}"}])");
  CHECK((*d)[4].second == "true");
  CHECK(parse_audit_details("{}")->empty());
  CHECK(parse_audit_details(" {} ")->empty());
  // A lone surrogate is replaced, not passed on as broken UTF-8.
  CHECK((*parse_audit_details(R"({"a":"\ud800x"})"))[0].second == "\xEF\xBF\xBDx");
  for (const char* bad : {"", "[]", "{", R"({"a")", R"({"a":})", R"({"a":"b")", R"({"a":"b",})", R"({"a":"\q"})",
                          R"({"a":"\u12"})", R"({"a":"b"} x)", R"({a:"b"})", R"({"a":[1,2})"})
    CHECK_MESSAGE(!parse_audit_details(bad), bad);

  // What append_audit writes comes back the same, whatever is in it.
  const std::string nasty = "«кавычки» \"двойные\" \\ обратная / косая\nперевод\tтаб \x01 конец";
  AuditDetails round{{"reason", nasty}, {"ключ \"в кавычках\"", "x"}};
  std::string json = "{";
  for (size_t i = 0; i < round.size(); ++i)
    json += (i ? "," : "") + ("\"" + json_escape(round[i].first) + "\":\"" + json_escape(round[i].second) + "\"");
  json += "}";
  CHECK(parse_audit_details(json) == round);

  // In words.
  CHECK(audit_details_text("staff.update", R"({"roles":"admin → admin,cashier","login":"old → new"})") ==
        "Roles: administrator → administrator, cashier\nLogin: old → new");
  CHECK(audit_details_text("staff.update", R"({"roles":" → cashier"})") == "Roles: — → cashier");
  CHECK(audit_details_text("setting.change", R"({"key":"k","before":"","after":"5"})") == "Value: — → 5");
  CHECK(audit_details_text("clinic.requisites", R"({"before":"a","after":"b","key":"clinic.inn"})") ==
        "clinic.inn: a → b");
  CHECK(audit_details_text("patient.update", R"({"fields":"surname,phones,snils"})") ==
        "Changed: surname, phones, SNILS");
  CHECK(audit_details_text("appointment.cancel", R"({"from":"booked","reason":"по \"просьбе\""})") ==
        "Status: Booked → Cancelled\nReason: по \"просьбе\"");
  CHECK(audit_details_text("appointment.status", R"({"from":"arrived","to":"in_room"})") ==
        "Status: Arrived → In the room");
  CHECK(audit_details_text("payment.intent", R"({"kind":"refund","total":"150050","credit":"0"})") ==
        "Kind: refund\nAmount: 1\u00A0500,50 ₽");
  CHECK(audit_details_text("invoice.discount", R"({"bp":"1250","approved_by":"3","reason":""})",
                           [](std::string_view what, std::int64_t id) {
                             return what == "user" && id == 3 ? std::string("Белова С. И.") : std::string();
                           }) == "Discount: 12,5 %\nApproved by: Белова С. И.");
  CHECK(audit_details_text("document.print", R"({"kind":"contract","template":"contract v3","patient_id":"5",)"
                                             R"("number":"Д-2030-00001","pdf_sha256":"ab12","copies":"2"})") ==
        "Document: Contract for paid services\nTemplate version: 3\nNumber: Д-2030-00001\nCopies: 2");
  CHECK(audit_details_text("staff.unblock", "{}").empty());
  CHECK(audit_details_text("x.y", "not json") == "not json");
  CHECK(audit_action_title("payment.intent", {{"kind", "invoice"}}) == "Payment started");
  CHECK(audit_action_title("payment.intent", {{"kind", "refund"}}) == "Refund started");
  CHECK(audit_action_title("patient.view") == "Patient card opened");
  CHECK(audit_workplace("desk:reg-1") == "reg-1");
  CHECK(audit_workplace("kiosk:lobby") == "kiosk lobby");
  CHECK(audit_workplace("") == "");
}

TEST_CASE("every action the core writes has its words") {
  // The action ids written by db/ and auth/ (grep append_audit), and this journal's own.
  for (const char* a :
       {"patient.create", "patient.update", "patient.view", "patient.payer_link", "patient_person.add",
        "patient_person.change", "patient_person.remove", "appointment.book", "appointment.book_chain",
        "appointment.status", "appointment.cancel", "appointment.move", "appointment.checkin", "appointment.call_in",
        "appointment.no_show", "appointment.undo_status", "appointment.close_open", "waiting.add", "waiting.remove",
        "waiting.booked", "task.done", "task.drop", "absence.add", "absence.withdraw", "invoice.create",
        "invoice.line_discount", "invoice.discount", "invoice.quantity", "invoice.cancel", "dms.letter_add",
        "payer_company.add", "payer_company.change", "payment.intent", "payment.registered", "payment.cancelled",
        "shift.open", "shift.close", "shift.cash_in", "shift.cash_out", "document.print", "document.reprint",
        "name_form.store", "export.day_list", "export.audit", "staff.create", "staff.update", "staff.block",
        "staff.unblock", "staff.password_change", "staff.password_reset", "staff.pin_set", "staff.pin_remove",
        "permission.grant", "permission.revoke", "session.start", "kiosk.exit", "appointment.ticket_reprint", "setting.change",
        "clinic.save", "clinic.requisites"}) {
    INFO(a);
    CHECK(audit_action_title(a) != a);
    // And each belongs to one kind of the filter.
    int kinds = 0;
    for (AuditKind k : kAuditKinds) {
      if (k == AuditKind::All) continue;
      for (const auto& p : audit_kind_prefixes(k))
        if (std::string_view(a).starts_with(p + ".")) ++kinds;
    }
    CHECK(kinds == 1);
  }
}

TEST_CASE_FIXTURE(AuditFixture, "the journal as CSV opens in Excel: BOM, semicolons, CRLF, no formulas") {
  REQUIRE(db.exec("INSERT INTO users(id, login, full_name, created_at) VALUES (7, 'x', '=HYPERLINK(\"http://x\")', 0);"
                  "INSERT INTO user_roles(user_id, role) VALUES (7, 'admin');"));
  old_row(Date(2020, 5, 3), 600, "user:7", "appointment.cancel", "appointment", 1,
          R"({"from":"booked","reason":"-1+1; \"да\"\nвторая"})");
  old_row(Date(2020, 5, 3), 601, "user:6", "patient.view", "patient", std::nullopt);
  AuditFilter f;
  f.from = f.to = Date(2020, 5, 3);
  auto rows = read(f);
  REQUIRE(rows.size() == 2);
  const std::string csv = audit_csv(rows);
  CHECK(csv.starts_with("\xEF\xBB\xBF"));
  CHECK(csv.ends_with("\r\n"));
  auto recs = records(std::string_view(csv).substr(3));
  REQUIRE(recs.size() == 3);
  CHECK(recs[0] == "Time;Person;Workplace;Action;Object;What changed;Action code;Details as stored");
  CHECK(recs[1].starts_with("03.05.2020 10:01:00;Орлова Ирина Викторовна;reg-1;Patient card opened;"));
  // The hostile name is text; the reason's quotes are doubled, its ';' and newline kept inside.
  CHECK(recs[2].starts_with("03.05.2020 10:00:00;\"'=HYPERLINK(\"\"http://x\"\")\";reg-1;Appointment cancelled;"));
  CHECK(recs[2].find("\"Status: Booked → Cancelled\nReason: -1+1; \"\"да\"\"\nвторая\"") != std::string::npos);
  CHECK(csv.find(";=") == std::string::npos);
  CHECK(csv.find(";-") == std::string::npos);
}

TEST_CASE_FIXTURE(AuditFixture, "opening a card writes patient.view once per call, reading it writes nothing") {
  const auto anna = add_patient("Иванова", "Анна", "Петровна");
  const auto before = rows();
  REQUIRE(get_patient(db, anna));
  CHECK(rows() == before);
  REQUIRE(log_patient_view(db, anna, admin));
  CHECK(rows() == before + 1);
  REQUIRE(log_patient_view(db, anna, admin));
  CHECK(rows() == before + 2);
  auto st = db.prepare("SELECT actor, action, entity, entity_id, place, details FROM audit_log ORDER BY id DESC LIMIT 1");
  REQUIRE(st);
  REQUIRE(*st->step());
  CHECK(st->col_text(0) == "user:1");
  CHECK(st->col_text(1) == "patient.view");
  CHECK(st->col_text(2) == "patient");
  CHECK(st->col_int(3) == anna);
  CHECK(st->col_text(4) == "desk:reg-1");
  CHECK(st->col_text(5) == "{}");
}

TEST_CASE_FIXTURE(AuditFixture, "exports leave their row: the day list and the journal itself, not a failed one") {
  const auto anna = add_patient("Иванова", "Анна", "Петровна");
  REQUIRE(book(anna, doctor1, room1, 540, 570));
  test::TempDir out;

  // The day list: the folder made, the file written, the row with the file and the count.
  const std::string day_file = out.file("export/tomorrow-2030-06-03.csv");
  auto n = export_day_list(db, Date(2030, 6, 3), day_file, admin);
  REQUIRE_MESSAGE(n.has_value(), (n ? "" : n.error().message));
  CHECK(*n == 1);
  CHECK(slurp(day_file) == day_list_csv(*day_list(db, Date(2030, 6, 3))));
  AuditFilter exports;
  exports.action_prefixes = {"export"};
  auto r = read(exports);
  REQUIRE(r.size() == 1);
  CHECK(r[0].action == "export.day_list");
  CHECK(r[0].user_id == 1);
  CHECK(r[0].object == "tomorrow-2030-06-03.csv");
  CHECK(r[0].changes == "File: " + day_file + "\nDay: 03.06.2030\nRows: 1");

  // A file where the folder should be: an error in words, and no row.
  const auto before = rows();
  std::ofstream(out.file("blocked")) << "x";
  auto bad = export_day_list(db, Date(2030, 6, 3), out.file("blocked/list.csv"), admin);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::Io);
  CHECK(rows() == before);

  // The journal: the rows the filter finds, not the export's own row, which comes after.
  AuditFilter f;
  f.patient_id = anna;
  const std::string audit_file = out.file("audit.csv");
  auto m = export_audit(db, f, audit_file, manager);
  REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error().message));
  CHECK(*m == 2);  // the card created, the appointment booked
  auto recs = records(std::string_view(slurp(audit_file)).substr(3));
  CHECK(recs.size() == 3);
  r = read(exports);
  REQUIRE(r.size() == 2);
  CHECK(r[0].action == "export.audit");
  CHECK(r[0].what == "Audit journal saved to a file");
  CHECK(r[0].changes.starts_with("File: " + audit_file + "\nRows: 2\nPatient: Иванова А. П. (card "));
  CHECK(rows() == before + 1);

  // The filter is said in words: the period and the kind of actions.
  AuditFilter week;
  week.from = Date(2020, 5, 1);
  week.to = Date(2020, 5, 7);
  week.action_prefixes = audit_kind_prefixes(AuditKind::Patients);
  REQUIRE(export_audit(db, week, out.file("week.csv"), manager));
  r = read(exports);
  REQUIRE(r.size() == 3);
  CHECK(r[0].changes == "File: " + out.file("week.csv") + "\nRows: 0\nPeriod: 01.05.2020 – 07.05.2020\nActions: Patient cards");
}
