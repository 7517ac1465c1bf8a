// One join over appointments, doctors, rooms and patients; the first phone by a correlated
// subquery on patient_phones' primary key. No query per row.
#include "day_list.h"

#include <initializer_list>

#include "clinic.h"
#include "files.h"
#include "i18n.h"
#include "text.h"

namespace rg::db {

Result<std::vector<DayListRow>> day_list(Database& db, Date day) {
  const std::int64_t from = to_unix(day, 0), to = to_unix(day.plus_days(1), 0);
  RG_TRY_ASSIGN(auto st, db.cached(
      std::string("SELECT a.id, a.doctor_id, a.patient_id, a.start_at, a.end_at, a.visit_kind, a.summary, "
      "d.surname, d.name, d.patronymic, ") + kDoctorSpecialtySql + ", coalesce(r.number, ''), "
      "p.surname, p.name, p.patronymic, p.card_no, p.birth_date, "
      "coalesce((SELECT phone FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1), '') "
      "FROM appointments a "
      "JOIN doctors d ON d.id = a.doctor_id "
      "JOIN patients p ON p.id = a.patient_id "
      "LEFT JOIN rooms r ON r.id = a.room_id "
      "WHERE a.start_at >= ?1 AND a.start_at < ?2 "
      "AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done') "
      "ORDER BY d.sort_order, d.surname, d.name, d.id, a.start_at, a.id"));
  st->bind_all(from, to);
  std::vector<DayListRow> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    DayListRow r;
    r.appointment_id = st->col_int(0);
    r.doctor_id = st->col_int(1);
    r.patient_id = st->col_int(2);
    LocalTime start = to_local(st->col_int(3)), end = to_local(st->col_int(4));
    r.start_min = start.minutes;
    r.end_min = end.minutes + 1440 * start.date.days_until(end.date);
    r.start = hhmm(start.minutes);
    r.end = hhmm(end.minutes);
    r.first_visit = st->col_view(5) == "first";
    r.services = st->col_text(6);
    r.doctor = masked_name(st->col_view(7), st->col_view(8), st->col_view(9));
    r.specialty = st->col_text(10);
    r.room = st->col_text(11);
    r.patient = full_name(st->col_view(12), st->col_view(13), st->col_view(14));
    r.card_no = st->col_text(15);
    auto birth = Date::parse_iso(st->col_view(16));
    r.birth_date = birth ? birth->ru() : st->col_text(16);
    std::string_view phone = st->col_view(17);
    if (!phone.empty()) r.phone = format_phone(phone);
    out.push_back(std::move(r));
  }
  return out;
}

std::string day_list_csv(const std::vector<DayListRow>& rows) {
  std::string out = kCsvBom;
  auto line = [&out](std::initializer_list<std::string_view> fields) { csv_line(out, fields); };
  line({_("Doctor"), _("Specialty"), _("Room"), _("Start"), _("End"), _("Patient"), _("Card No."),
        _("Date of birth"), _("Phone"), _("First visit"), _("Services")});
  const std::string yes = _("yes");
  for (const auto& r : rows)
    line({r.doctor, r.specialty, r.room, r.start, r.end, r.patient, r.card_no, r.birth_date, r.phone,
          r.first_visit ? std::string_view(yes) : std::string_view(), r.services});
  return out;
}

Result<std::int64_t> export_day_list(Database& db, Date day, const std::string& path, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(auto rows, day_list(db, day));
  RG_TRY(append_audit(db, actor, "export.day_list", "export", std::nullopt,
                      {{"file", path}, {"day", day.iso()}, {"rows", std::to_string(rows.size())}}));
  RG_TRY(write_export_and_commit(tx, path, day_list_csv(rows)));
  return std::int64_t(rows.size());
}

}  // namespace rg::db
