// What the kiosk says to the patient, chosen from the state alone and translated (gettext): the
// screens draw these words, the ticket prints some, and tests read them without a window.
#pragma once

#include <string>

#include "kiosk_state.h"

namespace rg::kiosk {

// A screen's big first line and the sentence under it.
struct Words {
  std::string headline;
  std::string reason;
};

// «Подойдите в регистратуру» and why, for GoToDesk, Unavailable, and CheckedIn when the desk
// comes first (empty otherwise). Kind, never an error code, and — on a lobby screen — never a
// word about money or insurance.
Words desk_words(const KioskState& s);

// Why a checked-in patient sees the desk first, said so that an onlooker learns nothing: money
// and an insurer's letter read alike.
const char* desk_first_reason(DeskMessage m);

// The start screen's button, quoted by the sentences that point to it.
const char* arrived_label();

// The button that prints the ticket again for a patient identified a second time.
const char* reprint_label();

// «Вы уже отмечены» for a patient identified again (a lost ticket, unsure it worked), and the
// line under the visits: the number is the same and a lost ticket prints again; then that it is
// printing, or came out.
Words again_words(const KioskState& s);

// The keypad's instruction, and why «Найти мою запись» and the → key cannot be pressed yet
// ("" when they can).
const char* keypad_heading(const KioskState& s);
const char* keypad_hint(const KioskState& s);

}  // namespace rg::kiosk
