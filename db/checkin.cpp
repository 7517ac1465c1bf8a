// Planning is read-only and cheap (one indexed lookup of the patient, one of today's
// appointments); the check-in itself is one durable transaction that re-checks the rules, so a
// stale plan from a slow kiosk cannot check in what the desk has changed meanwhile.
#include "checkin.h"

#include <algorithm>
#include <cstdio>

#include "clinic.h"
#include "i18n.h"
#include "invoices.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

// The patient the identity points at; nullopt when nobody (or more than one) matches.
Result<std::optional<std::int64_t>> find_patient(Database& db, const Identity& who) {
  std::optional<std::int64_t> none;
  auto one = [&](CachedStatement& st) -> Result<std::optional<std::int64_t>> {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) return none;
    std::int64_t id = st->col_int(0);
    RG_TRY_ASSIGN(bool second, st->step());
    if (second && st->col_int(0) != id) return none;  // ambiguous: let the desk sort it out
    return std::optional<std::int64_t>(id);
  };
  switch (who.kind) {
    case Identity::Kind::Appointment: {
      RG_TRY_ASSIGN(auto st, db.cached("SELECT patient_id FROM appointments WHERE id = ?1"));
      st->bind(1, who.appointment_id);
      return one(st);
    }
    case Identity::Kind::Card: {
      RG_TRY_ASSIGN(auto st, db.cached("SELECT id FROM patients WHERE card_no = ?1"));
      st->bind(1, who.card_no);
      return one(st);
    }
    case Identity::Kind::Enp: {
      RG_TRY_ASSIGN(auto st, db.cached("SELECT id FROM patients WHERE oms_enp = ?1"));
      st->bind(1, who.enp);
      return one(st);
    }
    case Identity::Kind::PhoneAndBirth: {
      std::string phone = normalize_phone(who.phone);
      if (phone.empty() || !who.birth.valid()) return none;
      RG_TRY_ASSIGN(auto st, db.cached(
          "SELECT p.id FROM patient_phones ph JOIN patients p ON p.id = ph.patient_id "
          "WHERE ph.phone = ?1 AND p.birth_date = ?2 ORDER BY p.id"));
      st->bind_all(phone, who.birth.iso());
      return one(st);
    }
  }
  return none;
}

Result<std::vector<TodayVisit>> visits_today(Database& db, std::int64_t patient_id, Date day) {
  std::vector<TodayVisit> out;
  const std::int64_t from = to_unix(day, 0), to = to_unix(day.plus_days(1), 0);
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT a.id, a.start_at, a.end_at, a.status, a.visit_kind, a.checked_in_at, "
      "d.surname, d.name, d.patronymic, a.doctor_id, coalesce(r.number, '') "
      "FROM appointments a JOIN doctors d ON d.id = a.doctor_id LEFT JOIN rooms r ON r.id = a.room_id "
      "WHERE a.patient_id = ?1 AND a.start_at >= ?2 AND a.start_at < ?3 "
      "AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done') ORDER BY a.start_at"));
  st->bind_all(patient_id, from, to);
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    TodayVisit v;
    v.appointment_id = st->col_int(0);
    v.start_min = int((st->col_int(1) - from) / 60);
    v.end_min = int((st->col_int(2) - from) / 60);
    v.status = status_from_db(st->col_view(3)).value_or(AppointmentStatus::Booked);
    v.first_visit = st->col_view(4) == "first";
    v.checked_in = !st->is_null(5) || (v.status != AppointmentStatus::Booked && v.status != AppointmentStatus::Confirmed);
    v.doctor = masked_name(st->col_view(6), st->col_view(7), st->col_view(8));
    RG_TRY_ASSIGN(v.specialty, doctor_specialty(db, st->col_int(9)));
    v.room = st->col_text(10);
    out.push_back(std::move(v));
  }
  return out;
}

bool waiting_for_arrival(const TodayVisit& v) {
  return v.status == AppointmentStatus::Booked || v.status == AppointmentStatus::Confirmed;
}

// An invoice of an earlier day that the patient (or his payer) has not paid in full. Insurers'
// invoices are the insurer's business, not the patient's.
Result<bool> has_debt(Database& db, std::int64_t patient_id, Date today) {
  RG_TRY_ASSIGN(Debt debt, patient_debt(db, patient_id, today));
  return debt.invoices > 0;
}

// The patient came under DMS (has guarantee letters) and none of them is valid today: the desk
// needs a new letter from the insurer, or the patient pays. A patient who never had a letter
// is an ordinary paying patient and is not stopped.
Result<bool> dms_expired(Database& db, std::int64_t patient_id, Date today) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT count(*), coalesce(sum(CASE WHEN valid_from <= ?2 AND valid_to >= ?2 THEN 1 ELSE 0 END), 0) "
      "FROM guarantee_letters "
      "WHERE patient_id = ?1"));
  st->bind_all(patient_id, today.iso());
  RG_TRY(st->step());
  return st->col_int(0) > 0 && st->col_int(1) == 0;
}

}  // namespace

Result<CheckinRules> load_checkin_rules(Database& db) {
  CheckinRules r;
  RG_TRY_ASSIGN(r.open_before_min, get_setting_int(db, "checkin.open_before_min", r.open_before_min, 0, 720));
  RG_TRY_ASSIGN(r.late_after_min, get_setting_int(db, "checkin.late_after_min", r.late_after_min, 0, 720));
  RG_TRY_ASSIGN(int first_to_desk, get_setting_int(db, "checkin.first_visit_to_desk", 1, 0, 1));
  r.first_visit_to_desk = first_to_desk == 1;
  RG_TRY_ASSIGN(int debt, get_setting_int(db, "checkin.debt_to_desk", 1, 0, 1));
  r.debt_to_desk = debt == 1;
  RG_TRY_ASSIGN(int dms, get_setting_int(db, "checkin.dms_expired_to_desk", 1, 0, 1));
  r.dms_expired_to_desk = dms == 1;
  RG_TRY_ASSIGN(r.guess_limit, get_setting_int(db, "checkin.guess_limit", r.guess_limit, 1, 100));
  RG_TRY_ASSIGN(r.guess_pause_s, get_setting_int(db, "checkin.guess_pause_s", r.guess_pause_s, 1, 3600));
  return r;
}

Result<CheckinPlan> plan_checkin(Database& db, const Identity& who, std::int64_t now, const CheckinRules& rules) {
  CheckinPlan plan;
  RG_TRY_ASSIGN(auto patient, find_patient(db, who));
  if (!patient) {
    plan.desk.push_back(DeskReason::NotFound);
    return plan;
  }
  plan.patient_id = patient;
  RG_TRY_ASSIGN(auto st, db.cached("SELECT surname, name, patronymic FROM patients WHERE id = ?1"));
  st->bind(1, *patient);
  RG_TRY_ASSIGN(bool row, st->step());
  if (row) plan.masked_name = masked_name(st->col_view(0), st->col_view(1), st->col_view(2));

  const LocalTime here = to_local(now);
  // A patient who scans again (a lost ticket, unsure it worked) is shown the number he has.
  {
    RG_TRY_ASSIGN(auto q, db.cached("SELECT number FROM queue_tickets WHERE day = ?1 AND patient_id = ?2"));
    q->bind_all(here.date.iso(), *patient);
    RG_TRY_ASSIGN(bool has_number, q->step());
    if (has_number) plan.queue_number = int(q->col_int(0));
  }
  RG_TRY_ASSIGN(plan.visits, visits_today(db, *patient, here.date));
  std::vector<const TodayVisit*> waiting;
  for (const auto& v : plan.visits)
    if (waiting_for_arrival(v)) waiting.push_back(&v);
  if (plan.visits.empty()) {
    plan.desk.push_back(DeskReason::NoAppointmentToday);
    return plan;
  }
  if (waiting.empty()) return plan;  // already checked in: nothing to do, nothing wrong

  // The first appointment still to come decides: too late for it sends the patient to the desk
  // (the desk may squeeze them in or rebook); too early, and the kiosk says when to come back.
  std::vector<const TodayVisit*> open;
  bool late = false;
  for (const TodayVisit* v : waiting) {
    if (here.minutes > v->start_min + rules.late_after_min) late = true;
    else open.push_back(v);
  }
  if (open.empty()) {
    plan.desk.push_back(DeskReason::TooLate);
    return plan;
  }
  if (here.minutes < open.front()->start_min - rules.open_before_min) {
    plan.desk.push_back(DeskReason::TooEarly);
    plan.opens_at_min = open.front()->start_min - rules.open_before_min;
    return plan;
  }
  // The visits whose check-in has opened; a later one today (the afternoon's) waits for its own
  // time, the patient comes back for it.
  for (const TodayVisit* v : open)
    if (here.minutes >= v->start_min - rules.open_before_min) plan.to_check_in.push_back(v->appointment_id);
  if (late) plan.desk.push_back(DeskReason::TooLate);  // one missed, the others still stand
  if (rules.debt_to_desk) {
    RG_TRY_ASSIGN(bool debt, has_debt(db, *patient, here.date));
    if (debt) plan.desk.push_back(DeskReason::Debt);
  }
  if (rules.dms_expired_to_desk) {
    RG_TRY_ASSIGN(bool expired, dms_expired(db, *patient, here.date));
    if (expired) plan.desk.push_back(DeskReason::InsuranceExpired);
  }
  if (rules.first_visit_to_desk &&
      std::any_of(open.begin(), open.end(), [](const TodayVisit* v) { return v->first_visit; }))
    plan.desk.push_back(DeskReason::FirstVisit);
  return plan;
}

Result<CheckinDone> check_in(Database& db, const CheckinPlan& plan, std::int64_t now, const Actor& actor,
                             const std::string& override_reason) {
  if (!plan.patient_id || plan.to_check_in.empty())
    return fail(ErrorCode::Invalid, _("There is nothing to check in."));
  RG_TRY_ASSIGN(CheckinRules rules, load_checkin_rules(db));
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db, Durability::Full));
  RG_TRY(require(db, actor, Permission::VisitsFlow));
  const LocalTime here = to_local(now);
  RG_TRY_ASSIGN(auto visits, visits_today(db, *plan.patient_id, here.date));
  CheckinDone done;
  std::string who = plan.masked_name;
  for (std::int64_t id : plan.to_check_in) {
    auto it = std::find_if(visits.begin(), visits.end(), [&](const TodayVisit& v) { return v.appointment_id == id; });
    if (it == visits.end())
      return fail(ErrorCode::Conflict, _("The appointment has changed meanwhile. Please ask at the desk."));
    if (!waiting_for_arrival(*it)) continue;  // the desk was quicker
    bool in_window = here.minutes >= it->start_min - rules.open_before_min &&
                     here.minutes <= it->start_min + rules.late_after_min;
    if (!in_window && fold_spaces(override_reason).empty())
      return fail(ErrorCode::Invalid, _("It is not the time to check in for this appointment."));
    RG_TRY_ASSIGN(auto up, db.cached(
        "UPDATE appointments SET status = 'arrived', checked_in_at = ?2, checked_in_by = ?3, updated_at = ?2 "
        "WHERE id = ?1 AND status IN ('booked', 'confirmed')"));
    up->bind_all(id, now, actor.id);
    RG_TRY(up->exec());
    it->status = AppointmentStatus::Arrived;
    it->checked_in = true;
    done.visits.push_back(*it);
  }
  if (done.visits.empty())
    return fail(ErrorCode::Conflict, _("The appointment has changed meanwhile. Please ask at the desk."));

  // Today's queue number: the patient keeps one for the whole day.
  RG_TRY_ASSIGN(auto q, db.cached("SELECT number FROM queue_tickets WHERE day = ?1 AND patient_id = ?2"));
  q->bind_all(here.date.iso(), *plan.patient_id);
  RG_TRY_ASSIGN(bool has, q->step());
  if (has) {
    done.queue_number = int(q->col_int(0));
  } else {
    RG_TRY_ASSIGN(auto next, db.cached(
        "INSERT INTO queue_tickets(day, number, patient_id, issued_at, issued_by) "
        "SELECT ?1, coalesce(max(number), 0) + 1, ?2, ?3, ?4 FROM queue_tickets WHERE day = ?1 RETURNING number"));
    next->bind_all(here.date.iso(), *plan.patient_id, now, actor.id);
    RG_TRY_ASSIGN(bool row, next->step());
    if (!row) return fail(ErrorCode::Internal, _("Internal error in the database layer."), "queue number");
    done.queue_number = int(next->col_int(0));
    RG_TRY(next->step());  // finish the statement
  }
  for (const TodayVisit& v : done.visits) {
    AuditDetails details{{"queue", std::to_string(done.queue_number)}};
    if (!override_reason.empty()) details.push_back({"override", override_reason});
    RG_TRY(append_audit(db, actor, "appointment.checkin", "appointment", v.appointment_id, details));
    const ArrivalNews news = arrival_news(who, v, plan.desk);
    RG_TRY(add_desk_event(db, news.kind, news.message, plan.patient_id, v.appointment_id, actor));
  }
  RG_TRY(tx.commit());
  return done;
}

ArrivalNews arrival_news(const std::string& who, const TodayVisit& v, const std::vector<DeskReason>& desk) {
  auto has = [&desk](DeskReason r) { return std::find(desk.begin(), desk.end(), r) != desk.end(); };
  ArrivalNews n;
  n.message = std::string(_("Patient arrived")) + ": " + who + " → " + v.doctor;
  if (!v.room.empty()) n.message += std::string(", ") + _("room") + " " + v.room;
  if (v.first_visit) n.message += std::string(" — ") + _("first visit, contract needed");
  if (has(DeskReason::Debt)) n.message += std::string(" — ") + _("an earlier invoice is unpaid");
  if (has(DeskReason::InsuranceExpired)) n.message += std::string(" — ") + _("the DMS guarantee letter has expired");
  // A first visit needs its contract before the doctor; a debt or an expired DMS letter needs the
  // desk too; otherwise the arrival is only news.
  n.kind = v.first_visit ? "arrival_contract"
           : has(DeskReason::Debt) || has(DeskReason::InsuranceExpired) ? "arrival_attention"
                                                                        : "arrival";
  return n;
}

Result<std::optional<std::string>> next_arrival_card(Database& db, std::int64_t now, const CheckinRules& rules) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT p.card_no FROM appointments a JOIN patients p ON p.id = a.patient_id "
      "WHERE a.start_at BETWEEN ?1 AND ?2 AND a.status IN ('booked', 'confirmed') ORDER BY a.start_at LIMIT 1"));
  st->bind_all(now - std::int64_t(rules.late_after_min) * 60, now + std::int64_t(rules.open_before_min) * 60);
  RG_TRY_ASSIGN(bool row, st->step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->col_text(0));
}

Result<bool> guess_allowed(Database& db, const std::string& kiosk, std::int64_t now, const CheckinRules& rules) {
  // The misses since the last success; the pause runs from the last miss.
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT count(*), max(at) FROM kiosk_guesses WHERE kiosk = ?1 AND ok = 0 AND at > "
      "coalesce((SELECT max(at) FROM kiosk_guesses WHERE kiosk = ?1 AND ok = 1), 0) AND at > ?2"));
  st->bind_all(kiosk, now - 3600);
  RG_TRY(st->step());
  std::int64_t misses = st->col_int(0);
  std::int64_t last = st->is_null(1) ? 0 : st->col_int(1);
  return misses < rules.guess_limit || now - last >= rules.guess_pause_s;
}

Status record_guess(Database& db, const std::string& kiosk, std::int64_t now, bool ok) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(auto st, db.cached("INSERT INTO kiosk_guesses(kiosk, at, ok) VALUES (?1, ?2, ?3)"));
  st->bind_all(kiosk, now, ok);
  RG_TRY(st->exec());
  // Keep a day: the table is a rate limiter, not a log.
  RG_TRY_ASSIGN(auto old, db.cached("DELETE FROM kiosk_guesses WHERE at < ?1"));
  old->bind(1, now - 86400);
  RG_TRY(old->exec());
  return tx.commit();
}

Status add_desk_event(Database& db, std::string_view kind, std::string_view message,
                      std::optional<std::int64_t> patient_id, std::optional<std::int64_t> appointment_id,
                      const Actor& actor) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO desk_events(at, kind, message, patient_id, appointment_id, source) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  st->bind_all(now_unix(), kind, utf8_truncate(message, 500), patient_id, appointment_id, actor.id);
  return st->exec();
}

Result<std::vector<DeskEvent>> desk_events_after(Database& db, std::int64_t after_id, int limit) {
  std::vector<DeskEvent> out;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT id, at, kind, message, patient_id, appointment_id FROM desk_events WHERE id > ?1 "
      "ORDER BY id LIMIT ?2"));
  st->bind_all(after_id, limit);
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_int(1), st->col_text(2), st->col_text(3), st->col_opt_int(4),
                   st->col_opt_int(5)});
  }
  return out;
}

Result<std::int64_t> last_desk_event_id(Database& db) { return db.query_int("SELECT coalesce(max(id), 0) FROM desk_events"); }

}  // namespace rg::db
