// Civil dates and the clinic's clock: instants are stored in UTC, shown in the clinic's zone.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rg {

// A civil date (no time zone), stored as 'YYYY-MM-DD'.
class Date {
 public:
  Date() = default;
  Date(int y, unsigned m, unsigned d) : ymd_(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) {}
  explicit Date(std::chrono::sys_days d) : ymd_(d) {}

  static std::optional<Date> parse_iso(std::string_view s);  // 2025-03-12
  // 12.03.1985, 12.03.85, 12/03/1985, 12-03-1985 (day first, as people write in Russia)
  static std::optional<Date> parse_ru(std::string_view s);

  std::string iso() const;       // 2025-03-12
  std::string ru() const;        // 12.03.2025
  int year() const { return int(ymd_.year()); }
  unsigned month() const { return unsigned(ymd_.month()); }
  unsigned day() const { return unsigned(ymd_.day()); }
  int iso_weekday() const;  // 1 = Monday … 7 = Sunday
  Date plus_days(int n) const { return Date(days() + std::chrono::days(n)); }
  std::chrono::sys_days days() const { return std::chrono::sys_days(ymd_); }
  int days_until(Date other) const { return int((other.days() - days()).count()); }
  bool valid() const { return ymd_.ok(); }
  auto operator<=>(const Date&) const = default;

 private:
  std::chrono::year_month_day ymd_{std::chrono::year(1970) / 1 / 1};
};

// Sets the clinic's time zone for this process (TZ + tzset). One clinic per process; call it
// before starting threads. Unknown zone names fall back to UTC in libc, so check with
// time_zone_exists() first.
void use_time_zone(const std::string& iana_name);
bool time_zone_exists(const std::string& iana_name);

struct LocalTime {
  Date date;
  int minutes = 0;  // from local midnight
};

// Local date + minutes → UTC seconds, and back, in the process's zone.
std::int64_t to_unix(Date date, int minutes);
LocalTime to_local(std::int64_t unix_seconds);
Date today();
// "09:30"
std::string hhmm(int minutes);
// "9:30", "09:30", "9.30", "9" → minutes from midnight (0–1440, "24:00" being the day's end).
std::optional<int> parse_hhmm(std::string_view s);
// Age in full years on `on`.
int age_on(Date birth, Date on);

}  // namespace rg
