// Shared pieces of the front desk's dialogs: the modal frame with its title and close button,
// and the parts of the day people ask for.
#pragma once

#include "ui/shell.h"

namespace rg::desk {

// Begins a large centred modal with a title and «Закрыть» (Esc); returns false when it is not
// shown, else the caller draws the body and calls ImGui::EndPopup(). `open` goes false when the
// desk closes it; `just_opened` opens it on this frame.
bool begin_dialog(const char* id, const char* title, bool& open, bool& just_opened, ui::Shell& shell);

struct DayPart {
  const char* name;  // msgid
  int from_min, to_min;
};
inline constexpr DayPart kDayParts[] = {{"any time", 0, 1440},
                                        {"morning (till 12:00)", 0, 720},
                                        {"afternoon (12–16)", 720, 960},
                                        {"evening (from 16:00)", 960, 1440}};

}  // namespace rg::desk
