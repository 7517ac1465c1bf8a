// Formatting helpers; every word comes through gettext, month names with a context because
// Russian writes dates with the genitive («ноября»), not the name of the month («ноябрь»).
#include "ui/format.h"

#include <cstdio>
#include <cstring>

#include "ui/i18n.h"

namespace rg::ui {
namespace {

// pgettext: the message context travels in the msgid, separated by EOT, as gettext.h does.
const char* pgettext_rg(const char* combined, const char* msgid) {
  const char* t = dgettext(RG_TEXT_DOMAIN, combined);
  return t == combined ? msgid : t;
}
#define C_(ctx, s) pgettext_rg(ctx "\004" s, s)

}  // namespace

std::string group_digits(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  int count = 0;
  for (size_t i = digits.size(); i-- > 0;) {
    out.insert(0, 1, digits[i]);
    if (++count % 3 == 0 && i > 0) out.insert(0, "\u202F");
  }
  return n < 0 ? "−" + out : out;
}

std::string money(long long kopecks) {
  char cents[8];
  long long abs = kopecks < 0 ? -kopecks : kopecks;
  std::snprintf(cents, sizeof cents, ",%02lld", abs % 100);
  return (kopecks < 0 ? "−" : "") + group_digits(abs / 100) + cents + " ₽";
}

std::string long_date(int year, unsigned month, unsigned day) {
  const char* name = "";
  switch (month) {
    case 1: name = C_("date", "January"); break;
    case 2: name = C_("date", "February"); break;
    case 3: name = C_("date", "March"); break;
    case 4: name = C_("date", "April"); break;
    case 5: name = C_("date", "May"); break;
    case 6: name = C_("date", "June"); break;
    case 7: name = C_("date", "July"); break;
    case 8: name = C_("date", "August"); break;
    case 9: name = C_("date", "September"); break;
    case 10: name = C_("date", "October"); break;
    case 11: name = C_("date", "November"); break;
    case 12: name = C_("date", "December"); break;
    default: break;
  }
  return std::to_string(day) + " " + name + " " + std::to_string(year);
}

std::string weekday_name(int d) {
  switch (d) {
    case 1: return _("Monday");
    case 2: return _("Tuesday");
    case 3: return _("Wednesday");
    case 4: return _("Thursday");
    case 5: return _("Friday");
    case 6: return _("Saturday");
    case 7: return _("Sunday");
    default: return {};
  }
}

std::string weekday_short(int d) {
  switch (d) {
    case 1: return _("Mon");
    case 2: return _("Tue");
    case 3: return _("Wed");
    case 4: return _("Thu");
    case 5: return _("Fri");
    case 6: return _("Sat");
    case 7: return _("Sun");
    default: return {};
  }
}

}  // namespace rg::ui
