// Date parsing and local↔UTC conversion through libc's tz database (GCC 12 has no chrono tzdb).
#include "calendar.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "database.h"

namespace rg {
namespace {

std::optional<int> parse_int(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<Date> make_date(int y, int m, int d) {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  Date date(y, unsigned(m), unsigned(d));
  if (!date.valid()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> Date::parse_iso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = parse_int(s.substr(0, 4)), m = parse_int(s.substr(5, 2)), d = parse_int(s.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  return make_date(*y, *m, *d);
}

std::optional<Date> Date::parse_ru(std::string_view s) {
  size_t a = s.find_first_of("./-");
  if (a == std::string_view::npos) return std::nullopt;
  size_t b = s.find_first_of("./-", a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  auto d = parse_int(s.substr(0, a)), m = parse_int(s.substr(a + 1, b - a - 1));
  std::string_view ys = s.substr(b + 1);
  auto y = parse_int(ys);
  if (!d || !m || !y || a > 2 || b - a - 1 > 2) return std::nullopt;
  if (ys.size() == 2) {
    // Two-digit years are birth years: never in the future.
    int now_yy = today().year() % 100;
    *y += (*y > now_yy) ? 1900 : 2000;
  } else if (ys.size() != 4) {
    return std::nullopt;
  }
  return make_date(*y, *m, *d);
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::string Date::ru() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", day(), month(), year());
  return buf;
}

int Date::iso_weekday() const {
  return int(std::chrono::weekday(days()).iso_encoding());
}

void use_time_zone(const std::string& iana_name) {
  setenv("TZ", iana_name.c_str(), 1);
  tzset();
}

bool time_zone_exists(const std::string& iana_name) {
  if (iana_name.empty() || iana_name.find("..") != std::string::npos) return false;
  if (iana_name == "UTC") return true;
  return std::filesystem::exists("/usr/share/zoneinfo/" + iana_name);
}

std::int64_t to_unix(Date date, int minutes) {
  std::tm tm{};
  tm.tm_year = date.year() - 1900;
  tm.tm_mon = int(date.month()) - 1;
  tm.tm_mday = int(date.day());
  tm.tm_min = minutes;  // mktime normalises minutes past 59
  tm.tm_isdst = -1;
  return std::int64_t(mktime(&tm));
}

LocalTime to_local(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {Date(tm.tm_year + 1900, unsigned(tm.tm_mon + 1), unsigned(tm.tm_mday)),
          tm.tm_hour * 60 + tm.tm_min};
}

Date today() { return to_local(db::now_unix()).date; }

std::optional<int> parse_hhmm(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  int h = 0, m = 0, digits = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) h = h * 10 + (s[i] - '0');
  if (digits == 0 || digits > 2) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != ':' && s[i] != '.') return std::nullopt;
    ++i;
    digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) m = m * 10 + (s[i] - '0');
    if (digits != 2 || i != s.size()) return std::nullopt;
  }
  if (m > 59 || h > 24 || (h == 24 && m > 0)) return std::nullopt;
  return h * 60 + m;
}

std::string hhmm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return buf;
}

int age_on(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

}  // namespace rg
