// Shared pieces of the front desk's dialogs: the modal frame with its title and close button,
// and the parts of the day people ask for.
#pragma once

#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <string>

#include <imgui.h>

#include "staff.h"
#include "ui/shell.h"

namespace rg::desk {

// Begins a large centred modal with a title and a dismiss button (Esc) at the top right:
// «Отмена» for a form (nothing is saved), `dismiss` = «Закрыть» for a view. Returns false when it
// is not shown, else the caller draws the body and calls ImGui::EndPopup(). `open` goes false when
// the desk closes it; `just_opened` opens it on this frame.
// `size` is the largest it may be; it shrinks to the window.
bool begin_dialog(const char* id, const char* title, bool& open, bool& just_opened, ui::Shell& shell,
                  float width = 1180.f, float height = 760.f, const char* dismiss = nullptr);

// The dialog's main action: the one highlighted button, whose label says what happens.
bool primary_button(const char* label, const ImVec2& size);

// The foot of a form dialog: the core's answer (`error`) or what is still missing (`problem`) in
// red, and the main button at the bottom. True when it is pressed and the form may be sent.
bool dialog_footer(const std::string& error, const std::string& problem, bool busy, const char* label,
                   const char* busy_label, float width = 260.f);

// A button for what needs a permission: when the person lacks it, greyed, and hovering says which
// permission it needs (the core would refuse it anyway). `small`: ImGui::SmallButton.
bool guarded_button(const char* label, bool may, db::Permission needs, const ImVec2& size = ImVec2(0, 0),
                    bool small = false);

// A form's row: the label, and the field starting at `field_x` on the same line.
void form_label(const char* text, float field_x);

// After an item whose text may be cut by its cell (`width`: what the cell had for it): hovering
// shows the whole text — a long name or service title in a narrow column.
void whole_on_hover(const std::string& text, float width);

// A reason: the common ones as quick picks (msgids, translated here) above a free-text field with
// `hint`; a pick fills the field and may be edited. `width` is the field's (-1: to the edge).
// True when Enter was pressed in the field. `focus_field`: the keyboard goes to the field now.
bool reason_input(const char* id, char* buf, size_t size, std::initializer_list<const char*> picks,
                  const char* hint = nullptr, float width = -1.f, bool focus_field = false);

struct DayPart {
  const char* name;  // msgid
  int from_min, to_min;
};
inline constexpr DayPart kDayParts[] = {{"any time", 0, 1440},
                                        {"morning (till 12:00)", 0, 720},
                                        {"afternoon (12–16)", 720, 960},
                                        {"evening (from 16:00)", 960, 1440}};

// A form's fixed buffer filled from a string (cut to fit, always terminated).
template <std::size_t N>
void copy_to(char (&dst)[N], const std::string& s) {
  std::snprintf(dst, N, "%s", s.c_str());
}

// Only spaces (or nothing) typed: a reason field left empty.
inline bool blank(const char* s) {
  for (; *s; ++s)
    if (!std::strchr(" \t\r\n", *s)) return false;
  return true;
}

}  // namespace rg::desk
