// What the kiosk says, read from the state alone: the desk-first headline and its discreet reason,
// why the keypad's buttons are grey, the offer to correct a typed number, the ticket's line for
// the desk, and the kiosk's own settings. (Messages are compared in English, the msgid language.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <variant>

#include "clinic_fixture.h"
#include "kiosk_settings.h"
#include "kiosk_words.h"
#include "ticket.h"

using namespace rg;
using namespace rg::kiosk;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

// Words that would tell the lobby about the patient's money or insurance.
bool speaks_of_money(const std::string& text) {
  const std::string t = lower(text);
  for (const char* w : {"invoice", "unpaid", "pay", "debt", "owe", "money", "insurance", "insurer", "dms", "letter",
                        "bill", "expired"})
    if (t.find(w) != std::string::npos) return true;
  return false;
}

KioskState checked_in(DeskMessage desk) {
  KioskState s;
  s.screen = KioskScreen::CheckedIn;
  s.shown.masked_name = "Иванова А. П.";
  s.shown.queue_number = 3;
  s.shown.also_desk = desk != DeskMessage::None;
  s.shown.desk = desk;
  return s;
}

std::string ticket_text(const TicketData& t) {
  std::string out;
  const drivers::Receipt r = ticket_receipt(t, "Клиника", "", 1'900'000'000);
  for (const auto& item : r.items())
    if (const auto* text = std::get_if<drivers::receipt_item::Text>(&item)) out += text->text + "\n";
  return out;
}

}  // namespace

TEST_CASE("a debt or an expired DMS letter: the headline sends the patient to the desk first and says nothing of money") {
  const Words debt = desk_words(checked_in(DeskMessage::Debt));
  const Words dms = desk_words(checked_in(DeskMessage::InsuranceExpired));
  CHECK(debt.headline == "Please come to the front desk first");
  CHECK_FALSE(speaks_of_money(debt.headline + " " + debt.reason));
  // An onlooker cannot tell money from an insurer's letter either.
  CHECK(dms.headline == debt.headline);
  CHECK(dms.reason == debt.reason);
  // A first visit also comes to the desk first, for its paperwork, which may be said.
  const Words first = desk_words(checked_in(DeskMessage::FirstVisit));
  CHECK(first.headline == debt.headline);
  CHECK(first.reason != debt.reason);
  CHECK(first.reason.find("first visit") != std::string::npos);
  // Sent to the desk without a check-in, the same discretion.
  KioskState sent;
  sent.screen = KioskScreen::GoToDesk;
  for (DeskMessage m : {DeskMessage::Debt, DeskMessage::InsuranceExpired}) {
    sent.shown.desk = m;
    const Words w = desk_words(sent);
    CHECK(w.headline == "Please come to the front desk");
    CHECK_FALSE(speaks_of_money(w.headline + " " + w.reason));
  }
}

TEST_CASE("checked in with nothing for the desk first: no desk headline, the visit's own words") {
  CHECK(desk_words(checked_in(DeskMessage::None)).headline.empty());
  // Late for one of the day's visits is the desk's business, not a reason to stop this patient.
  KioskState late = checked_in(DeskMessage::TooLate);
  CHECK_FALSE(late.shown.desk_first());
  CHECK(desk_words(late).headline.empty());
}

TEST_CASE("the ticket asks a patient with a debt to the desk first in the same discreet words") {
  TicketData t{7, "Иванова А. П.", {}, true, 1, DeskMessage::Debt};
  const std::string debt = ticket_text(t);
  CHECK(debt.find("Please come to the front desk first") != std::string::npos);
  CHECK_FALSE(speaks_of_money(debt));
  t.desk = DeskMessage::FirstVisit;
  CHECK(ticket_text(t).find("first visit") != std::string::npos);
  // Sent to the desk only for another visit's lateness: the ticket says to wait by the room.
  t.desk = DeskMessage::TooLate;
  const std::string late = ticket_text(t);
  CHECK(late.find("front desk first") == std::string::npos);
  CHECK(late.find("wait to be called") != std::string::npos);
}

TEST_CASE("identified again: «already checked in», the same number in words, then printing and printed") {
  KioskState s = checked_in(DeskMessage::None);
  s.shown.queue_number = 12;
  s.shown.again = true;
  CHECK(s.shown.can_reprint());
  const Words offer = again_words(s);
  CHECK(offer.headline == "You are already checked in");
  CHECK(offer.reason.find("12") != std::string::npos);
  CHECK(offer.reason.find("print it again") != std::string::npos);
  CHECK(std::string(reprint_label()) == "Print the ticket again");
  // No desk headline over it: the desk's business was said at the first check-in.
  CHECK(desk_words(s).headline.empty());
  s.shown.reprinting = true;
  CHECK_FALSE(s.shown.can_reprint());
  const Words printing = again_words(s);
  CHECK(printing.reason != offer.reason);
  s.shown.reprinting = false;
  s.shown.reprinted = true;
  CHECK_FALSE(s.shown.can_reprint());
  const Words printed = again_words(s);
  CHECK(printed.headline == offer.headline);
  CHECK(printed.reason.find("printed again") != std::string::npos);
  for (const Words& w : {offer, printing, printed}) CHECK_FALSE(speaks_of_money(w.headline + " " + w.reason));
  // The first check-in's screen offers no second ticket: it has just printed one.
  CHECK_FALSE(checked_in(DeskMessage::None).shown.can_reprint());
}

TEST_CASE("the keypad says why «Найти мою запись» is grey, for each thing still missing") {
  KioskState s;
  s.screen = KioskScreen::PhoneEntry;
  CHECK(s.keypad_needs() == KeypadNeeds::Phone);
  const std::string phone = keypad_hint(s);
  CHECK(phone.find("10 digits") != std::string::npos);
  s.phone = "916123456";  // one digit short
  CHECK(s.keypad_needs() == KeypadNeeds::Phone);
  s.phone += "7";
  CHECK(s.keypad_needs() == KeypadNeeds::Birth);
  const std::string birth = keypad_hint(s);
  CHECK(birth.find("date of birth") != std::string::npos);
  s.birth = "1203198";
  CHECK(keypad_hint(s) == birth);
  s.birth += "5";
  CHECK(s.keypad_needs() == KeypadNeeds::None);
  CHECK(std::string(keypad_hint(s)).empty());
  // The policy tab: its own reason, whatever the phone fields hold.
  s.by_policy = true;
  CHECK(s.keypad_needs() == KeypadNeeds::Policy);
  const std::string policy = keypad_hint(s);
  CHECK(policy.find("16 digits") != std::string::npos);
  s.policy = "770312345678901";
  CHECK(s.keypad_needs() == KeypadNeeds::Policy);
  s.policy += "2";
  CHECK(std::string(keypad_hint(s)).empty());
  CHECK(phone != birth);
  CHECK(birth != policy);
  // The heading names what to type on each tab.
  CHECK(std::string(keypad_heading(s)).find("OMS policy") != std::string::npos);
  s.by_policy = false;
  CHECK(std::string(keypad_heading(s)).find("phone number") != std::string::npos);
}

TEST_CASE("not found after a typed number: the kiosk offers to correct it, after a scan it does not") {
  KioskState s;
  s.screen = KioskScreen::GoToDesk;
  s.shown.desk = DeskMessage::NotFound;
  CHECK_FALSE(s.can_fix_number());  // a scanned card: nothing was typed
  CHECK(desk_words(s).headline == "Please come to the front desk");
  s.phone = "9161234567";
  s.birth = "12031986";
  CHECK(s.can_fix_number());
  const Words typed = desk_words(s);
  CHECK(typed.headline == "We could not find your appointment");
  CHECK(typed.reason.find("phone number and the date of birth") != std::string::npos);
  s.by_policy = true;
  s.policy = "7703123456789012";
  CHECK(desk_words(s).reason.find("policy number") != std::string::npos);
  s.shown.desk = DeskMessage::PolicyMistyped;
  CHECK(s.can_fix_number());
  // Too many tries: correcting would only be another guess.
  s.shown.desk = DeskMessage::TooManyTries;
  CHECK_FALSE(s.can_fix_number());
}

TEST_CASE("an unreadable code points to the start screen's button by its own label") {
  KioskState s;
  s.screen = KioskScreen::GoToDesk;
  s.shown.desk = DeskMessage::ScanUnreadable;
  CHECK(desk_words(s).reason.find(std::string("«") + arrived_label() + "»") != std::string::npos);
}

TEST_CASE("kiosk settings: where the scanner is, and the desk's place in English") {
  CHECK(scanner_place("below") == ScannerPlace::Below);
  CHECK(scanner_place("right") == ScannerPlace::Right);
  CHECK(scanner_place("left") == ScannerPlace::Left);
  CHECK(scanner_place("under the counter") == ScannerPlace::Below);  // a typo keeps the arrow

  test::ClinicFixture f;
  auto unset = load_kiosk_settings(f.db);
  REQUIRE(unset);
  CHECK(unset->scanner == ScannerPlace::Below);
  db::Clinic clinic;
  clinic.desk_location = "1 этаж, справа от входа";
  // No English words for the desk: the English screens say nothing rather than Russian.
  CHECK(desk_location(clinic, *unset, true).empty());
  CHECK(desk_location(clinic, *unset, false) == clinic.desk_location);

  REQUIRE(db::set_setting(f.db, "kiosk.scanner_place", "right"));
  REQUIRE(db::set_setting(f.db, "kiosk.desk_location_en", "Ground floor, to the right of the entrance"));
  auto set = load_kiosk_settings(f.db);
  REQUIRE(set);
  CHECK(set->scanner == ScannerPlace::Right);
  CHECK(desk_location(clinic, *set, true) == "Ground floor, to the right of the entrance");
}
