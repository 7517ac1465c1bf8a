// Shared pieces of the front desk's dialogs: the modal frame with its title and close button,
// and the parts of the day people ask for.
#pragma once

#include <cstring>

#include "ui/shell.h"

namespace rg::desk {

// Begins a large centred modal with a title and «Закрыть» (Esc); returns false when it is not
// shown, else the caller draws the body and calls ImGui::EndPopup(). `open` goes false when the
// desk closes it; `just_opened` opens it on this frame.
// `size` is the largest it may be; it shrinks to the window.
bool begin_dialog(const char* id, const char* title, bool& open, bool& just_opened, ui::Shell& shell,
                  float width = 1180.f, float height = 760.f);

struct DayPart {
  const char* name;  // msgid
  int from_min, to_min;
};
inline constexpr DayPart kDayParts[] = {{"any time", 0, 1440},
                                        {"morning (till 12:00)", 0, 720},
                                        {"afternoon (12–16)", 720, 960},
                                        {"evening (from 16:00)", 960, 1440}};

// Only spaces (or nothing) typed: a reason field left empty.
inline bool blank(const char* s) {
  for (; *s; ++s)
    if (!std::strchr(" \t\r\n", *s)) return false;
  return true;
}

}  // namespace rg::desk
