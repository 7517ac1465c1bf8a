// One query each: the price in force is the latest row of service_prices not after the day.
#include "price_list.h"

namespace rg::db {
namespace {

constexpr const char* kSelect =
    "SELECT s.id, s.code, s.name, s.specialty_id, s.duration_min, "
    "(SELECT price_kopecks FROM service_prices p WHERE p.service_id = s.id AND p.active_from <= ?1 "
    " ORDER BY p.active_from DESC LIMIT 1) "
    "FROM services s WHERE s.active = 1 ";

Result<std::vector<ServiceOffer>> read(Statement& st) {
  std::vector<ServiceOffer> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row) break;
    ServiceOffer o;
    o.id = st.col_int(0);
    o.code = st.col_text(1);
    o.name = st.col_text(2);
    o.specialty_id = st.col_opt_int(3);
    o.duration_min = int(st.col_int(4));
    o.price_kopecks = st.col_opt_int(5);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

Result<std::vector<ServiceOffer>> price_list(Database& db, Date day) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kSelect) + "ORDER BY s.specialty_id, s.name"));
  st->bind(1, day.iso());
  return read(*st);
}

Result<std::vector<ServiceOffer>> services_for_doctor(Database& db, std::int64_t doctor_id, Date day) {
  RG_TRY_ASSIGN(auto st, db.cached(std::string(kSelect) +
      "AND s.specialty_id IN (SELECT specialty_id FROM doctor_specialties WHERE doctor_id = ?2) "
      "ORDER BY s.name"));
  st->bind_all(day.iso(), doctor_id);
  return read(*st);
}

}  // namespace rg::db
