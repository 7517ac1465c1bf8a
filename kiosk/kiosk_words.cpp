// The kiosk's sentences in one place, so the screens, the ticket and the tests say the same.
#include "kiosk_words.h"

#include <cstdio>

#include "calendar.h"
#include "i18n.h"

namespace rg::kiosk {
namespace {

std::string format(const char* pattern, const std::string& value) {
  char buf[512];
  std::snprintf(buf, sizeof buf, pattern, value.c_str());
  return buf;
}

}  // namespace

const char* arrived_label() { return _("I have arrived"); }

const char* desk_first_reason(DeskMessage m) {
  if (m == DeskMessage::FirstVisit) return _("An administrator will prepare the documents for your first visit.");
  return _("An administrator will help you with the paperwork.");
}

Words desk_words(const KioskState& s) {
  const char* desk = _("Please come to the front desk");
  if (s.screen == KioskScreen::Unavailable)
    return {desk, _("The kiosk cannot reach the appointments just now. The front desk will check you in.")};
  if (s.screen == KioskScreen::CheckedIn) {
    if (!s.shown.desk_first()) return {};
    return {_("Please come to the front desk first"), desk_first_reason(s.shown.desk)};
  }
  const bool fix = s.can_fix_number();
  switch (s.shown.desk) {
    case DeskMessage::TooEarly:
      return {format(_("Check-in opens at %s"), hhmm(s.shown.opens_at_min)),
              _("Please take a seat; you can check in here a little later, or at the front desk.")};
    case DeskMessage::NotFound:
      if (fix && s.by_policy)
        return {_("We could not find your appointment"),
                _("Please check the policy number: a digit may be mistyped. If it is right, the front desk will help you.")};
      if (fix)
        return {_("We could not find your appointment"),
                _("Please check the phone number and the date of birth: a digit may be mistyped. If they are right, "
                  "the front desk will help you.")};
      return {desk, _("We could not find your appointment. An administrator will help you.")};
    case DeskMessage::PolicyMistyped:
      return {_("The policy number has a mistake"),
              _("A digit may be mistyped: please check the number against your policy, or ask at the front desk.")};
    case DeskMessage::ScanUnreadable:
      return {_("This code could not be read"),
              format(_("Hold it to the scanner once more, or press «%s» and type your phone number."), arrived_label())};
    case DeskMessage::NoAppointmentToday:
      return {desk, _("We found no appointment for you today. An administrator will help you.")};
    case DeskMessage::TooLate:
      return {desk, _("The time of your appointment has passed. An administrator will see whether the doctor can still see you.")};
    case DeskMessage::TooManyTries:
      return {desk, _("Too many tries. Please ask at the front desk, or try again in a minute.")};
    case DeskMessage::FirstVisit:
    case DeskMessage::Debt:
    case DeskMessage::InsuranceExpired: return {desk, desk_first_reason(s.shown.desk)};
    case DeskMessage::None: break;
  }
  return {desk, _("An administrator will check you in and answer your questions.")};
}

const char* reprint_label() { return _("Print the ticket again"); }

Words again_words(const KioskState& s) {
  Words w{_("You are already checked in"), {}};
  if (s.shown.reprinting) {
    w.reason = _("Printing the ticket…");
  } else if (s.shown.reprinted) {
    w.reason = _("The ticket has been printed again. Please take it from the printer below.");
  } else {
    char buf[512];
    std::snprintf(buf, sizeof buf, _("Your number is the same: %d. If you have lost the ticket, you can print it again."),
                  s.shown.queue_number);
    w.reason = buf;
  }
  return w;
}

const char* keypad_heading(const KioskState& s) {
  return s.by_policy ? _("Type the number of your OMS policy") : _("Type your phone number and date of birth");
}

const char* keypad_hint(const KioskState& s) {
  switch (s.keypad_needs()) {
    case KeypadNeeds::Phone: return _("To search, type all 10 digits of the phone number.");
    case KeypadNeeds::Birth: return _("To search, type the date of birth in full: day, month and year.");
    case KeypadNeeds::Policy: return _("To search, type all 16 digits of the policy.");
    case KeypadNeeds::None: break;
  }
  return "";
}

}  // namespace rg::kiosk
