// The price list as the manager keeps it: services (804н code, names, category, specialty,
// duration, tax code) and their prices from a date. A price in force is never changed: a new
// price is a new row from today or a later day, and an invoice keeps the price it was made with.
// A second price for the same future day replaces the planned one. A service is never deleted;
// it is made inactive, which is refused while an open invoice or a visit to come still has it.
// Every change needs PricesEdit and is audited with what it was and what it became.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "clinic.h"
#include "database.h"
#include "money.h"

namespace rg::db {

struct ServiceDraft {
  std::string code;        // «B01.047.001»; Cyrillic А/В typed for the Latin letters are taken as such
  std::string name;        // as on contracts and receipts
  std::string short_name;  // as on the grid; may be empty
  std::string category;    // the price list's section («Консультации»); may be empty
  std::optional<std::int64_t> specialty_id;
  int duration_min = 30;   // 5..720
  int tax_code = 1;        // the tax certificate's code: 1 ordinary, 2 expensive treatment
};

struct PriceRow {
  Date from;
  Kopecks price = 0;
};

// A price to set together with a service's fields (the editor's «Новая цена с даты»).
struct NewPrice {
  Date from;
  Kopecks price = 0;
};

struct ServiceCard {
  std::int64_t id = 0;
  ServiceDraft service;
  std::string specialty;  // its name, "" when none
  bool active = true;
  std::optional<PriceRow> current;  // in force today
  std::optional<PriceRow> next;     // the first one planned after today
  std::vector<PriceRow> history;    // every row, oldest first (the planned ones last)
  // The manager's search: a code prefix, or every word somewhere in the names or the category.
  bool matches(std::string_view query) const;
};

// Every service, active first, by category, then name; prices as of `now`'s local day.
Result<std::vector<ServiceCard>> list_service_cards(Database& db, std::int64_t now);
Result<ServiceCard> get_service_card(Database& db, std::int64_t id, std::int64_t now);
// Every specialty, by name (a service may name one no doctor has yet).
Result<std::vector<Specialty>> service_specialties(Database& db);

// The code as the schema keeps it: spaces dropped, Cyrillic А and В and lower-case a, b as the Latin capitals.
std::string normalize_service_code(std::string_view code);

// PricesEdit; audited. A code another service has, a code not in the 804н form, an empty name,
// a duration outside 5..720 minutes are refused in words. With `price`, the first price is set in
// the same transaction (from today or later).
Result<std::int64_t> create_service(Database& db, const ServiceDraft& d, const std::optional<NewPrice>& price,
                                    std::int64_t now, const Actor& actor);
Status update_service(Database& db, std::int64_t id, const ServiceDraft& d, const std::optional<NewPrice>& price,
                      std::int64_t now, const Actor& actor);
// A price from `from` (today or later; a past day is refused: it would rewrite what patients were
// charged). A planned price on the same day is replaced; the price already in force that day
// changes nothing. Returns whether anything changed.
Result<bool> set_price(Database& db, std::int64_t id, Date from, Kopecks price, std::int64_t now, const Actor& actor);
// Deactivating is refused (Conflict, saying how many open invoices and visits to come have it);
// reactivating always works.
Status set_service_active(Database& db, std::int64_t id, bool active, std::int64_t now, const Actor& actor);

// ---- for the import (db/price_files.cpp): the same rules inside the caller's transaction, no audit ----
namespace price_edit_detail {
Status validate(Database& db, const ServiceDraft& d, std::optional<std::int64_t> id);
Result<std::int64_t> insert_service(Database& db, const ServiceDraft& d);
Status write_service(Database& db, std::int64_t id, const ServiceDraft& d);
// The price in force on `day` (none when there is none yet).
Result<std::optional<PriceRow>> price_on(Database& db, std::int64_t id, Date day);
Result<bool> put_price(Database& db, std::int64_t id, Date from, Kopecks price, Date today);
// Why the service may not be made inactive now, "" when it may.
Result<std::string> still_used(Database& db, std::int64_t id, std::int64_t now);
Status write_active(Database& db, std::int64_t id, bool active);
// «1 500,00 ₽»
std::string rubles_text(Kopecks k);
}  // namespace price_edit_detail

}  // namespace rg::db
