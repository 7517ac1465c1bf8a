// The price list as the desk books from it: services with their duration and the price in
// force on a given day (price history is kept, so an old visit's price stays reproducible).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.h"
#include "database.h"

namespace rg::db {

struct ServiceOffer {
  std::int64_t id = 0;
  std::string code;  // 804н nomenclature, «B01.047.001»
  std::string name;
  std::string short_name;  // «Первичный приём»; empty: the name is short enough
  std::optional<std::int64_t> specialty_id;
  int duration_min = 30;
  std::optional<std::int64_t> price_kopecks;  // none when no price is in force that day
  int uses = 0;  // services_for_doctor: how often the doctor did it in the last year

  const std::string& shown_name() const { return short_name.empty() ? name : short_name; }
  // The desk's search: a code prefix («B01.047») or words of the name, in any case and order.
  bool matches(std::string_view query) const;
};

// Active services with the price in force on `day`, by specialty then name.
Result<std::vector<ServiceOffer>> price_list(Database& db, Date day);
// The services a doctor performs (those of his specialties), the ones he did most often in the
// year before `day` first, then by name.
Result<std::vector<ServiceOffer>> services_for_doctor(Database& db, std::int64_t doctor_id, Date day);

}  // namespace rg::db
