// The price list as the desk books from it: services with their duration and the price in
// force on a given day (price history is kept, so an old visit's price stays reproducible).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "database.h"

namespace rg::db {

struct ServiceOffer {
  std::int64_t id = 0;
  std::string code;  // 804н nomenclature, «B01.047.001»
  std::string name;
  std::optional<std::int64_t> specialty_id;
  int duration_min = 30;
  std::optional<std::int64_t> price_kopecks;  // none when no price is in force that day
};

// Active services with the price in force on `day`, by specialty then name.
Result<std::vector<ServiceOffer>> price_list(Database& db, Date day);
// The services a doctor performs: those of his specialties.
Result<std::vector<ServiceOffer>> services_for_doctor(Database& db, std::int64_t doctor_id, Date day);

}  // namespace rg::db
