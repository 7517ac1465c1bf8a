// Numbers, dates and times the way the UI language writes them («воскресенье, 22 ноября 2026»).
#pragma once

#include <string>

namespace rg::ui {

// «1 234 567» with narrow no-break spaces, as Russian typography groups digits.
std::string group_digits(long long n);
// «1 500,00 ₽» from kopecks.
std::string money(long long kopecks);
// «22 ноября 2026» / «22 November 2026».
std::string long_date(int year, unsigned month, unsigned day);
// «воскресенье» / «Sunday»; iso_weekday 1 = Monday.
std::string weekday_name(int iso_weekday);
// «пн» / «Mon».
std::string weekday_short(int iso_weekday);

}  // namespace rg::ui
