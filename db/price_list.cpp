// One query each: the price in force is the latest row of service_prices not after the day.
#include "price_list.h"

#include <algorithm>

#include "text.h"

namespace rg::db {
namespace {

constexpr const char* kColumns =
    "SELECT s.id, s.code, s.name, s.short_name, s.specialty_id, s.duration_min, "
    "(SELECT price_kopecks FROM service_prices p WHERE p.service_id = s.id AND p.active_from <= ?1 "
    " ORDER BY p.active_from DESC LIMIT 1), ";

Result<std::vector<ServiceOffer>> read(Statement& st) {
  std::vector<ServiceOffer> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row) break;
    ServiceOffer o;
    o.id = st.col_int(0);
    o.code = st.col_text(1);
    o.name = st.col_text(2);
    o.short_name = st.col_text(3);
    o.specialty_id = st.col_opt_int(4);
    o.duration_min = int(st.col_int(5));
    o.price_kopecks = st.col_opt_int(6);
    o.uses = int(st.col_int(7));
    if (!st.is_null(8)) o.duration_min = int(st.col_int(8));  // the doctor's own
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

bool ServiceOffer::matches(std::string_view query) const {
  const std::string q = fold(fold_spaces(query));
  if (q.empty()) return true;
  if (fold(code).starts_with(q)) return true;
  const std::string hay = fold(name) + " " + fold(short_name);
  for (size_t at = 0; at < q.size();) {  // every word of the query somewhere in the names
    const size_t end = std::min(q.find(' ', at), q.size());
    if (end > at && hay.find(q.substr(at, end - at)) == std::string::npos) return false;
    at = end + 1;
  }
  return true;
}

Result<std::vector<ServiceOffer>> price_list(Database& db, Date day) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kColumns) +
                                   "0, NULL FROM services s WHERE s.active = 1 ORDER BY s.specialty_id, s.name"));
  st->bind(1, day.iso());
  return read(*st);
}

Result<std::vector<ServiceOffer>> services_for_doctor(Database& db, std::int64_t doctor_id, Date day) {
  // The doctor's own list of services (with his durations) when he has one, else his specialties'.
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kColumns) +
      "coalesce(u.n, 0), ds.duration_min FROM services s LEFT JOIN ("
      "  SELECT x.service_id, count(*) AS n FROM appointments a "
      "  JOIN appointment_services x ON x.appointment_id = a.id "
      "  WHERE a.doctor_id = ?2 AND a.start_at >= ?3 AND a.start_at < ?4 AND a.status <> 'cancelled' "
      "  GROUP BY x.service_id) u ON u.service_id = s.id "
      "LEFT JOIN doctor_services ds ON ds.doctor_id = ?2 AND ds.service_id = s.id "
      "WHERE s.active = 1 AND CASE WHEN EXISTS (SELECT 1 FROM doctor_services WHERE doctor_id = ?2) "
      "THEN ds.service_id IS NOT NULL "
      "ELSE s.specialty_id IN (SELECT specialty_id FROM doctor_specialties WHERE doctor_id = ?2) END "
      "ORDER BY coalesce(u.n, 0) DESC, s.name"));
  st->bind_all(day.iso(), doctor_id, to_unix(day.plus_days(-365), 0), to_unix(day, 0));
  return read(*st);
}

}  // namespace rg::db
