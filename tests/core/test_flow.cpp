// The patient flow at the desk: the day's board with its derived minutes, no-shows with their
// call task (all or nothing), undoing a mistaken status, the desk's check-in with and without an
// override, and a kiosk's check-in from another process showing up on the desk's board.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "appointment_changes.h"
#include "checkin.h"
#include "clinic_fixture.h"
#include "flow.h"
#include "waiting_list.h"
#include "tasks.h"

using namespace rg;
using namespace rg::db;

namespace {

const Date kDay(2030, 6, 3);

struct FlowFixture : test::ClinicFixture {
  std::int64_t anna = 0, boris = 0, clara = 0;
  Actor desk = Actor::user(1);
  FlowFixture() {
    anna = add_patient("Иванова", "Анна", "Петровна", Date(1985, 3, 12), "+7 916 123-45-67");
    boris = add_patient("Петров", "Борис", "", Date(1970, 1, 2), "+7 903 000-00-01", 'M');
    clara = add_patient("Сидорова", "Клара", "Ивановна", Date(1990, 5, 5), "+7 903 000-00-02");
  }
  std::int64_t booked(std::int64_t patient, std::int64_t doctor, int from_min, int to_min, Date day = kDay) {
    auto id = book(patient, doctor, doctor == doctor1 ? room1 : room2, from_min, to_min, day);
    REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    return *id;
  }
  const FlowRow& row_of(const std::vector<FlowRow>& rows, std::int64_t appointment) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const FlowRow& r) { return r.appointment_id == appointment; });
    REQUIRE(it != rows.end());
    return *it;
  }
  AppointmentStatus status_of(Database& d, std::int64_t appointment) {
    auto a = load_appointment(d, appointment);
    REQUIRE(a);
    return a->status;
  }
  std::int64_t count(Database& d, const std::string& sql) {
    auto n = d.query_int(sql);
    REQUIRE_MESSAGE(n, (n ? "" : n.error().detail));
    return *n;
  }
  std::string card_of(std::int64_t patient) {
    auto n = db.prepare("SELECT card_no FROM patients WHERE id = " + std::to_string(patient));
    REQUIRE(n);
    REQUIRE(*n->step());
    return n->col_text(0);
  }
};

}  // namespace

TEST_CASE_FIXTURE(FlowFixture, "today's flow lists the day by time with waiting and late minutes") {
  const std::int64_t b = booked(boris, doctor2, 570, 600);   // 09:30, will be late
  const std::int64_t a = booked(anna, doctor2, 600, 630);    // 10:00 Соколов
  const std::int64_t c = booked(clara, doctor1, 600, 630);   // 10:00 Петрова: before Соколов
  const std::int64_t later = booked(clara, doctor1, 660, 690);  // 11:00
  const std::int64_t gone = booked(anna, doctor1, 720, 750);
  REQUIRE(cancel_appointment(db, gone, "пациент отменил", desk));
  booked(boris, doctor1, 600, 630, kDay.plus_days(1));  // another day
  // Anna checks in at the kiosk at 09:50.
  auto plan = plan_checkin(db, Identity{Identity::Kind::Appointment, a, "", "", "", Date()}, at(590), CheckinRules{});
  REQUIRE(plan);
  REQUIRE(check_in(db, *plan, at(590), Actor::kiosk("lobby")));

  auto rows = today_flow(db, kDay, at(620));  // 10:20
  REQUIRE(rows);
  REQUIRE(rows->size() == 4);
  CHECK((*rows)[0].appointment_id == b);
  CHECK((*rows)[1].appointment_id == c);
  CHECK((*rows)[2].appointment_id == a);
  CHECK((*rows)[3].appointment_id == later);

  const FlowRow& ra = row_of(*rows, a);
  CHECK(ra.status == AppointmentStatus::Arrived);
  CHECK(ra.patient_name == "Иванова Анна Петровна");
  CHECK(ra.patient_short == "Иванова А. П.");
  CHECK(ra.patient_phone == "79161234567");
  CHECK(ra.doctor == "Соколов Д. И.");
  CHECK(ra.room == "102");
  CHECK(ra.start_min == 600);
  CHECK(ra.end_min == 630);
  CHECK(ra.first_visit);
  CHECK(ra.checked_in_at == at(590));
  CHECK(ra.checked_in_by == "kiosk:lobby");
  CHECK(ra.from_kiosk());
  CHECK(ra.queue_number == 1);
  CHECK(ra.waiting_min == 30);
  CHECK(ra.late_min == 0);

  const FlowRow& rb = row_of(*rows, b);
  CHECK(rb.expected());
  CHECK(rb.late_min == 50);
  CHECK(rb.needs_reason);  // 15 minutes after the start have passed
  CHECK(rb.queue_number == 0);
  CHECK(rb.waiting_min == 0);

  const FlowRow& rc = row_of(*rows, c);
  CHECK(rc.late_min == 20);
  CHECK(rc.needs_reason);
  const FlowRow& rl = row_of(*rows, later);
  CHECK(rl.late_min == 0);
  CHECK_FALSE(rl.needs_reason);  // 40 minutes before: inside the window
  CHECK_FALSE(rl.first_visit);   // Clara's 10:00 comes first

  // Earlier in the morning nobody is late, and 11:00 is not open for check-in yet.
  auto early = today_flow(db, kDay, at(540));
  REQUIRE(early);
  CHECK(row_of(*early, b).late_min == 0);
  CHECK(row_of(*early, later).needs_reason);
  // Another day's check-in is always an override.
  auto next_day = today_flow(db, kDay.plus_days(1), at(620));
  REQUIRE(next_day);
  REQUIRE(next_day->size() == 1);
  CHECK((*next_day)[0].needs_reason);

  auto t = load_flow_thresholds(db);
  REQUIRE(t);
  CHECK(t->amber_after_min == 15);
  CHECK(t->red_after_min == 30);
  REQUIRE(set_setting(db, "flow.wait_amber_min", "10"));
  REQUIRE(set_setting(db, "flow.wait_red_min", "nonsense"));
  t = load_flow_thresholds(db);
  CHECK(t->amber_after_min == 10);
  CHECK(t->red_after_min == 30);
}

TEST_CASE_FIXTURE(FlowFixture, "a no-show sets the status and creates exactly one call task") {
  const std::int64_t a = booked(anna, doctor1, 600, 630);
  REQUIRE(mark_no_show(db, a, desk));
  CHECK(status_of(db, a) == AppointmentStatus::NoShow);
  auto tasks = open_tasks(db);
  REQUIRE(tasks);
  REQUIRE(tasks->size() == 1);
  const Task& t = tasks->front();
  CHECK(t.kind == TaskKind::Call);
  CHECK(t.patient_id == anna);
  CHECK(t.appointment_id == a);
  CHECK(t.title.find("03.06 10:00") != std::string::npos);
  CHECK(t.title.find("Петрова А. С.") != std::string::npos);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'appointment.no_show' AND actor = 'user:1'") == 1);
  // Marked again (another desk, a double click): still one task.
  REQUIRE(mark_no_show(db, a, desk));
  CHECK(count(db, "SELECT count(*) FROM tasks") == 1);
  // Only an expected patient can be a no-show.
  const std::int64_t b = booked(boris, doctor2, 600, 630);
  REQUIRE(set_status(db, b, AppointmentStatus::Arrived, desk));
  auto refused = mark_no_show(db, b, desk);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Invalid);
  CHECK(status_of(db, b) == AppointmentStatus::Arrived);
}

TEST_CASE_FIXTURE(FlowFixture, "a no-show whose call task cannot be written changes nothing") {
  const std::int64_t a = booked(anna, doctor1, 600, 630);
  // A copy of the clinic where the task cannot be inserted.
  const std::string copy = dir.file("broken.db");
  REQUIRE(db.backup_to(copy));
  auto broken = open_clinic_database(copy);
  REQUIRE(broken);
  REQUIRE(broken->exec("DROP TABLE tasks"));
  const std::int64_t audits = count(*broken, "SELECT count(*) FROM audit_log");
  auto r = mark_no_show(*broken, a, desk);
  REQUIRE_FALSE(r);
  CHECK(status_of(*broken, a) == AppointmentStatus::Booked);
  CHECK(count(*broken, "SELECT count(*) FROM audit_log") == audits);
  // The real clinic still works.
  REQUIRE(mark_no_show(db, a, desk));
  CHECK(status_of(db, a) == AppointmentStatus::NoShow);
}

TEST_CASE_FIXTURE(FlowFixture, "undo takes a status back one step, with a reason, and refuses anything else") {
  const std::int64_t a = booked(anna, doctor1, 600, 630);
  REQUIRE(desk_check_in(db, a, at(590), desk));
  CHECK(count(db, "SELECT checked_in_by = 'user:1' FROM appointments WHERE id = " + std::to_string(a)) == 1);

  // No reason, no undo.
  auto bare = undo_status(db, a, AppointmentStatus::Confirmed, "  ", desk);
  REQUIRE_FALSE(bare);
  CHECK(bare.error().code == ErrorCode::Invalid);
  CHECK(status_of(db, a) == AppointmentStatus::Arrived);
  // Not a step back the rules know (arrived → booked, arrived → done).
  for (AppointmentStatus to : {AppointmentStatus::Booked, AppointmentStatus::Done, AppointmentStatus::Cancelled}) {
    auto r = undo_status(db, a, to, "ошиблась", desk);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Invalid);
  }
  CHECK(status_of(db, a) == AppointmentStatus::Arrived);

  // Arrived by mistake: back to confirmed, and the check-in is forgotten.
  REQUIRE(undo_status(db, a, AppointmentStatus::Confirmed, "отметила не ту пациентку", desk));
  CHECK(status_of(db, a) == AppointmentStatus::Confirmed);
  CHECK(count(db, "SELECT checked_in_at IS NULL AND checked_in_by IS NULL FROM appointments WHERE id = " +
                      std::to_string(a)) == 1);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'appointment.undo_status' "
                  "AND details LIKE '%не ту пациентку%'") == 1);

  // Along the visit and back: in the room → arrived keeps the check-in, done → in the room.
  CHECK_FALSE(call_in(db, a, desk));  // not arrived yet
  REQUIRE(desk_check_in(db, a, at(595), desk));
  REQUIRE(call_in(db, a, desk));
  CHECK(status_of(db, a) == AppointmentStatus::InRoom);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'appointment.call_in'") == 1);
  REQUIRE(set_status(db, a, AppointmentStatus::Done, desk));
  CHECK_FALSE(undo_status(db, a, AppointmentStatus::Arrived, "ещё не приняли", desk));
  REQUIRE(undo_status(db, a, AppointmentStatus::InRoom, "врач ещё принимает", desk));
  REQUIRE(undo_status(db, a, AppointmentStatus::Arrived, "пригласили не того", desk));
  CHECK(status_of(db, a) == AppointmentStatus::Arrived);
  CHECK(count(db, "SELECT checked_in_at = " + std::to_string(at(595)) + " FROM appointments WHERE id = " +
                      std::to_string(a)) == 1);

  // A no-show taken back drops its call task.
  const std::int64_t b = booked(boris, doctor2, 600, 630);
  REQUIRE(mark_no_show(db, b, desk));
  CHECK(open_tasks(db)->size() == 1);
  REQUIRE(undo_status(db, b, AppointmentStatus::Booked, "пациент в холле", desk));
  CHECK(status_of(db, b) == AppointmentStatus::Booked);
  CHECK(open_tasks(db)->empty());
  CHECK(count(db, "SELECT count(*) FROM tasks WHERE status = 'cancelled' AND result = 'пациент в холле'") == 1);
  // Nothing before booked.
  CHECK(undo_targets(AppointmentStatus::Booked).empty());
  CHECK_FALSE(undo_status(db, b, AppointmentStatus::Booked, "что-то", desk));
}

TEST_CASE_FIXTURE(FlowFixture, "a no-show taken back is refused when its time has been booked since") {
  const std::int64_t a = booked(anna, doctor1, 600, 630);
  REQUIRE(mark_no_show(db, a, desk));
  booked(boris, doctor1, 600, 630);  // the freed time went to someone else
  auto r = undo_status(db, a, AppointmentStatus::Booked, "пришла", desk);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Conflict);
  CHECK(status_of(db, a) == AppointmentStatus::NoShow);
  CHECK(open_tasks(db)->size() == 1);  // the call is still to make
}

TEST_CASE_FIXTURE(FlowFixture, "the desk checks in one appointment, outside the window only with a reason") {
  const std::int64_t a = booked(anna, doctor1, 600, 630);
  const std::int64_t b = booked(anna, doctor2, 660, 690);  // her second visit today
  const std::int64_t c = booked(boris, doctor2, 600, 630);
  // 10:20: Anna's 10:00 is past the window.
  auto rows = today_flow(db, kDay, at(620));
  REQUIRE(rows);
  CHECK(row_of(*rows, a).needs_reason);
  auto refused = desk_check_in(db, a, at(620), desk);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Invalid);
  CHECK(status_of(db, a) == AppointmentStatus::Booked);
  auto blank = desk_check_in(db, a, at(620), desk, "   ");
  REQUIRE_FALSE(blank);
  auto done = desk_check_in(db, a, at(620), desk, "врач согласна принять");
  REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
  CHECK(done->queue_number == 1);
  REQUIRE(done->visits.size() == 1);  // only the one the desk chose, not her 11:00
  CHECK(status_of(db, a) == AppointmentStatus::Arrived);
  CHECK(status_of(db, b) == AppointmentStatus::Booked);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'appointment.checkin' AND actor = 'user:1' "
                  "AND details LIKE '%врач согласна%'") == 1);
  CHECK(count(db, "SELECT count(*) FROM desk_events WHERE kind LIKE 'arrival%' AND appointment_id = " +
                      std::to_string(a)) == 1);
  // Again: already checked in.
  auto again = desk_check_in(db, a, at(621), desk, "ещё раз");
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::Conflict);
  // Her 11:00 inside the window needs no reason and keeps her number.
  auto second = desk_check_in(db, b, at(625), desk);
  REQUIRE(second);
  CHECK(second->queue_number == 1);
  // Boris's 10:00 at 10:10: inside the window.
  auto boris_in = desk_check_in(db, c, at(610), desk);
  REQUIRE(boris_in);
  CHECK(boris_in->queue_number == 2);
  // Not today: refused whatever the reason.
  const std::int64_t tomorrow = booked(boris, doctor1, 600, 630, kDay.plus_days(1));
  auto other_day = desk_check_in(db, tomorrow, at(620), desk, "очень просит");
  REQUIRE_FALSE(other_day);
  CHECK(other_day.error().code == ErrorCode::Invalid);
  CHECK_FALSE(desk_check_in(db, 999999, at(620), desk, "нет такой"));
}

TEST_CASE_FIXTURE(FlowFixture, "a kiosk check-in in another process appears on the desk's board") {
  const std::int64_t a = booked(anna, doctor1, 600, 630);
  auto before = today_flow(db, kDay, at(595));
  REQUIRE(before);
  REQUIRE(before->size() == 1);
  CHECK((*before)[0].status == AppointmentStatus::Booked);
  const std::string card = card_of(anna);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto kdb = open_clinic_database(path);
    if (!kdb) _exit(3);
    Identity who;
    who.kind = Identity::Kind::Card;
    who.card_no = card;
    auto plan = plan_checkin(*kdb, who, at(590), CheckinRules{});
    if (!plan) _exit(4);
    _exit(check_in(*kdb, *plan, at(590), Actor::kiosk("lobby")) ? 0 : 5);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  auto after = today_flow(db, kDay, at(605));
  REQUIRE(after);
  const FlowRow& r = row_of(*after, a);
  CHECK(r.status == AppointmentStatus::Arrived);
  CHECK(r.from_kiosk());
  CHECK(r.queue_number == 1);
  CHECK(r.waiting_min == 15);
}

TEST_CASE_FIXTURE(FlowFixture, "a patient late beyond the setting is «не пришёл?», and one click makes the no-show") {
  const std::int64_t late = booked(anna, doctor1, 9 * 60, 9 * 60 + 30);
  const std::int64_t slightly = booked(boris, doctor2, 9 * 60 + 30, 10 * 60);
  auto t = load_flow_thresholds(db);
  REQUIRE(t);
  CHECK(t->no_show_after_min == 30);  // the default
  auto rows = today_flow(db, kDay, to_unix(kDay, 10 * 60));  // 10:00
  REQUIRE(rows);
  CHECK(probably_absent(row_of(*rows, late), *t));         // 60 min late
  CHECK_FALSE(probably_absent(row_of(*rows, slightly), *t));  // exactly 30 min late: not yet
  REQUIRE(db.exec("INSERT INTO settings(key, value) VALUES ('flow.no_show_after_min', '20')"));
  t = load_flow_thresholds(db);
  CHECK(probably_absent(row_of(*rows, slightly), *t));
  // The one click: the no-show and its call task.
  REQUIRE(mark_no_show(db, late, desk));
  CHECK(status_of(db, late) == AppointmentStatus::NoShow);
  CHECK(count(db, "SELECT count(*) FROM tasks WHERE appointment_id = " + std::to_string(late)) == 1);
  rows = today_flow(db, kDay, to_unix(kDay, 10 * 60));
  CHECK_FALSE(probably_absent(row_of(*rows, late), *t));  // no longer expected
}

TEST_CASE_FIXTURE(FlowFixture, "the end-of-day check closes the visits left open as seen") {
  const std::int64_t waited = booked(anna, doctor1, 9 * 60, 9 * 60 + 30);
  const std::int64_t in_room = booked(boris, doctor2, 9 * 60, 9 * 60 + 30);
  const std::int64_t later = booked(clara, doctor1, 17 * 60, 17 * 60 + 30);
  REQUIRE(set_status(db, waited, AppointmentStatus::Arrived, desk));
  REQUIRE(set_status(db, in_room, AppointmentStatus::Arrived, desk));
  REQUIRE(set_status(db, in_room, AppointmentStatus::InRoom, desk));
  REQUIRE(set_status(db, later, AppointmentStatus::Arrived, desk));
  // At 18:00 with an hour's grace: the morning's two are left open, the 17:00 visit is not yet.
  auto open = visits_left_open(db, to_unix(kDay, 18 * 60));
  REQUIRE(open);
  REQUIRE(open->size() == 2);
  CHECK((*open)[0].appointment_id == waited);
  CHECK((*open)[1].status == AppointmentStatus::InRoom);
  std::vector<std::int64_t> ids{waited, in_room};
  auto closed = close_open_visits(db, ids, desk);
  REQUIRE(closed);
  CHECK(*closed == 2);
  CHECK(status_of(db, waited) == AppointmentStatus::Done);
  CHECK(status_of(db, in_room) == AppointmentStatus::Done);
  CHECK(status_of(db, later) == AppointmentStatus::Arrived);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'appointment.close_open'") == 2);
  // Closed once: a second desk's click changes nothing.
  closed = close_open_visits(db, ids, desk);
  REQUIRE(closed);
  CHECK(*closed == 0);
  CHECK(visits_left_open(db, to_unix(kDay, 18 * 60))->empty());
}

TEST_CASE_FIXTURE(FlowFixture, "a time that is over is booked only with a reason, a walk-in's time that has begun needs none") {
  const Date yesterday = today().plus_days(-1);
  AppointmentDraft a;
  a.patient_id = anna;
  a.doctor_id = doctor1;
  a.room_id = room1;
  a.start_at = to_unix(yesterday, 10 * 60);
  a.end_at = to_unix(yesterday, 10 * 60 + 30);
  auto refused = book_appointment(db, a, desk);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::Invalid);
  CHECK(refused.error().detail == "past");
  CHECK(count(db, "SELECT count(*) FROM appointments") == 0);
  a.past_reason = "Принят без записи, оформляем после приёма";
  auto booked_after = book_appointment(db, a, desk);
  REQUIRE_MESSAGE(booked_after, (booked_after ? "" : booked_after.error().message));
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE action = 'appointment.book' AND details LIKE '%Принят без записи%'") == 1);
  // A time that began five minutes ago and is not over: a walk-in, booked as usual.
  AppointmentDraft now_slot = a;
  now_slot.patient_id = boris;
  now_slot.past_reason.clear();
  now_slot.start_at = now_unix() - 5 * 60;
  now_slot.end_at = now_unix() + 25 * 60;
  CHECK(book_appointment(db, now_slot, desk));
  // Booking a waiting patient into a time that is over follows the same rule.
  WaitingDraft w;
  w.patient_id = boris;
  w.doctor_id = doctor1;
  w.from = yesterday;
  w.to = yesterday.plus_days(7);
  auto entry_id = add_waiting(db, w, desk);
  REQUIRE_MESSAGE(entry_id, (entry_id ? "" : entry_id.error().message));
  const std::int64_t entry = *entry_id;
  AppointmentDraft late = a;
  late.patient_id = boris;
  late.past_reason.clear();
  late.start_at = to_unix(yesterday, 11 * 60);
  late.end_at = to_unix(yesterday, 11 * 60 + 30);
  auto from_list = book_from_waiting(db, entry, late, desk);
  REQUIRE_FALSE(from_list);
  CHECK(from_list.error().detail == "past");
  late.past_reason = "Исправление ошибки в записи";
  CHECK(book_from_waiting(db, entry, late, desk));
}
