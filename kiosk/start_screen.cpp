// The start screen: the clinic, the time, what to hold to the scanner (the slip's QR, the clinic
// card, the OMS policy — drawn, not a code to scan with a phone) and where the scanner is, or one
// big button «Отметиться о приходе» for those who have none of them.
// Works in landscape 1920×1080 and portrait 1080×1920; every target is far above 15 mm.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>

#include "calendar.h"
#include "kiosk_app.h"
#include "kiosk_words.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::kiosk {
namespace {

constexpr ImU32 kInk = IM_COL32(17, 20, 24, 255), kQuiet = IM_COL32(70, 78, 90, 255);
constexpr ImU32 kAccent = IM_COL32(11, 87, 208, 255), kPaper = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kEdge = IM_COL32(150, 158, 170, 255), kShadow = IM_COL32(17, 20, 24, 40);
constexpr ImU32 kLaser = IM_COL32(220, 38, 38, 255), kGlow = IM_COL32(220, 38, 38, 70);

// Pseudo-random but the same every frame: the pictures must not flicker.
struct Bits {
  unsigned v;
  unsigned next() { return v = v * 1664525u + 1013904223u, v >> 16; }
};

// A stylised QR code: three finder squares and a scatter of modules.
void qr_code(ImDrawList* dl, ImVec2 p, float size) {
  const int n = 21;
  const float c = size / n;
  auto cell = [&](int x, int y, int span, ImU32 color) {
    dl->AddRectFilled(ImVec2(p.x + float(x) * c, p.y + float(y) * c), ImVec2(p.x + float(x + span) * c, p.y + float(y + span) * c),
                      color);
  };
  for (auto [x, y] : {std::pair{0, 0}, std::pair{14, 0}, std::pair{0, 14}}) {
    cell(x, y, 7, kInk);
    cell(x + 1, y + 1, 5, kPaper);
    cell(x + 2, y + 2, 3, kInk);
  }
  Bits bits{0x9E3779B9u};
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const bool finder = (x < 8 && y < 8) || (x > 12 && y < 8) || (x < 8 && y > 12);
      if (!finder && (bits.next() & 1)) cell(x, y, 1, kInk);
    }
}

// A linear barcode of the clinic card: bars of one to three units.
void barcode(ImDrawList* dl, ImVec2 p, ImVec2 size) {
  Bits bits{12345u};
  const float unit = size.x / 95.f;
  for (float x = 0; x < size.x - 3 * unit;) {
    const float bar = unit * float(1 + bits.next() % 3);
    dl->AddRectFilled(ImVec2(p.x + x, p.y), ImVec2(p.x + x + bar, p.y + size.y), kInk);
    x += bar + unit * float(1 + bits.next() % 2);
  }
}

// The policy's stacked two-dimensional code: rows of short bars.
void stacked_code(ImDrawList* dl, ImVec2 p, ImVec2 size) {
  Bits bits{777u};
  const int rows = 6;
  const float row_h = size.y / rows, unit = size.x / 70.f;
  for (int r = 0; r < rows; ++r)
    for (float x = 0; x < size.x - 3 * unit;) {
      const float bar = unit * float(1 + bits.next() % 3);
      dl->AddRectFilled(ImVec2(p.x + x, p.y + float(r) * row_h), ImVec2(p.x + x + bar, p.y + float(r + 1) * row_h - 1), kInk);
      x += bar + unit * float(1 + bits.next() % 3);
    }
}

// The scanner's red line across a code: «this is the part it reads».
void laser(ImDrawList* dl, ImVec2 a, ImVec2 b) {
  dl->AddLine(a, b, kGlow, 12.f);
  dl->AddLine(a, b, kLaser, 4.f);
}

// Grey lines standing for printed text.
void text_lines(ImDrawList* dl, ImVec2 p, float width, int lines, float step, ImU32 color) {
  for (int i = 0; i < lines; ++i) {
    const float w = width * (i % 2 ? 0.7f : 1.f);
    dl->AddRectFilled(ImVec2(p.x, p.y + float(i) * step), ImVec2(p.x + w, p.y + float(i) * step + step * 0.45f), color,
                      step * 0.2f);
  }
}

// The appointment slip: a torn-off paper with a few lines and its QR code.
void slip_picture(ImDrawList* dl, ImVec2 p, ImVec2 box) {
  const float ph = box.y, pw = std::floor(std::min(box.x, ph * 0.72f));
  const ImVec2 a(std::floor(p.x + (box.x - pw) / 2), std::floor(p.y));
  const float tooth = pw / 10, body = ph - tooth * 0.6f;
  dl->AddRectFilled(ImVec2(a.x + 8, a.y + 8), ImVec2(a.x + pw + 8, a.y + body + 8), kShadow, 6.f);
  // The edge as a filled rectangle under the paper: a stroked 2 px line on whole pixels loses a
  // row along part of its length.
  dl->AddRectFilled(a, ImVec2(a.x + pw, a.y + body), kEdge);
  dl->AddRectFilled(ImVec2(a.x + 2, a.y + 2), ImVec2(a.x + pw - 2, a.y + body), kPaper);
  // The torn bottom edge.
  for (int i = 0; i < 10; ++i) {
    const float x0 = a.x + float(i) * tooth;
    dl->AddTriangleFilled(ImVec2(x0 + (i ? 0 : 2), a.y + body - 1), ImVec2(x0 + tooth - (i < 9 ? 0 : 2), a.y + body - 1),
                          ImVec2(x0 + tooth / 2, a.y + ph), kPaper);
    dl->AddLine(ImVec2(x0, a.y + body), ImVec2(x0 + tooth / 2, a.y + ph), kEdge, 2.f);
    dl->AddLine(ImVec2(x0 + tooth / 2, a.y + ph), ImVec2(x0 + tooth, a.y + body), kEdge, 2.f);
  }
  const float pad = pw * 0.12f;
  text_lines(dl, ImVec2(a.x + pad, a.y + pad), pw - 2 * pad, 3, ph * 0.07f, IM_COL32(190, 197, 206, 255));
  const float qr = pw * 0.62f;
  const ImVec2 q(a.x + (pw - qr) / 2, a.y + body - qr - pad * 0.8f);
  qr_code(dl, q, qr);
  laser(dl, ImVec2(q.x - pad * 0.6f, q.y + qr / 2), ImVec2(q.x + qr + pad * 0.6f, q.y + qr / 2));
}

// A plastic card of bank-card proportions, drawn centred in `box`; returns its top-left corner.
ImVec2 card_outline(ImDrawList* dl, ImVec2 p, ImVec2 box, ImU32 fill, ImVec2& size) {
  const float cw = std::min(box.x, box.y * 1.586f), ch = cw / 1.586f;
  const ImVec2 a(p.x + (box.x - cw) / 2, p.y + (box.y - ch) / 2);
  dl->AddRectFilled(ImVec2(a.x + 8, a.y + 8), ImVec2(a.x + cw + 8, a.y + ch + 8), kShadow, cw * 0.06f);
  dl->AddRectFilled(a, ImVec2(a.x + cw, a.y + ch), fill, cw * 0.06f);
  size = ImVec2(cw, ch);
  return a;
}

// The clinic's card: the clinic's green, a white strip with the barcode.
void clinic_card_picture(ImDrawList* dl, ImVec2 p, ImVec2 box) {
  ImVec2 s;
  const ImVec2 a = card_outline(dl, p, box, IM_COL32(18, 128, 92, 255), s);
  const float pad = s.x * 0.08f;
  dl->AddCircleFilled(ImVec2(a.x + pad + s.y * 0.1f, a.y + pad + s.y * 0.1f), s.y * 0.1f, kPaper);
  text_lines(dl, ImVec2(a.x + pad + s.y * 0.28f, a.y + pad), s.x * 0.45f, 2, s.y * 0.1f, IM_COL32(255, 255, 255, 200));
  const ImVec2 strip(a.x, a.y + s.y * 0.5f);
  dl->AddRectFilled(strip, ImVec2(a.x + s.x, a.y + s.y * 0.92f), kPaper);
  const ImVec2 code(a.x + pad, strip.y + s.y * 0.06f), code_size(s.x - 2 * pad, s.y * 0.3f);
  barcode(dl, code, code_size);
  laser(dl, ImVec2(code.x - pad * 0.5f, code.y + code_size.y / 2), ImVec2(code.x + code_size.x + pad * 0.5f, code.y + code_size.y / 2));
  dl->AddRect(a, ImVec2(a.x + s.x, a.y + s.y), kEdge, s.x * 0.06f, 0, 2.f);
}

// The OMS policy: a pale blue card headed «ОМС», its stacked code below.
void policy_picture(ImDrawList* dl, ImFont* font, ImVec2 p, ImVec2 box) {
  ImVec2 s;
  const ImVec2 a = card_outline(dl, p, box, IM_COL32(226, 236, 252, 255), s);
  const float pad = s.x * 0.08f;
  dl->AddRectFilled(a, ImVec2(a.x + s.x, a.y + s.y * 0.3f), IM_COL32(30, 64, 175, 255), s.x * 0.06f, ImDrawFlags_RoundCornersTop);
  const char* oms = _("OMS");
  const float fs = s.y * 0.2f;
  dl->AddText(font, fs, ImVec2(a.x + pad, a.y + (s.y * 0.3f - fs) / 2), kPaper, oms);
  const ImVec2 code(a.x + pad, a.y + s.y * 0.45f), code_size(s.x - 2 * pad, s.y * 0.4f);
  dl->AddRectFilled(ImVec2(code.x - pad * 0.4f, code.y - pad * 0.4f),
                    ImVec2(code.x + code_size.x + pad * 0.4f, code.y + code_size.y + pad * 0.4f), kPaper, 6.f);
  stacked_code(dl, code, code_size);
  laser(dl, ImVec2(code.x - pad * 0.6f, code.y + code_size.y / 2), ImVec2(code.x + code_size.x + pad * 0.6f, code.y + code_size.y / 2));
  dl->AddRect(a, ImVec2(a.x + s.x, a.y + s.y), kEdge, s.x * 0.06f, 0, 2.f);
}

// A thick arrow whose tip is at `tip`, pointing down, right or left.
void arrow(ImDrawList* dl, ImVec2 tip, ScannerPlace dir, float len, ImU32 color) {
  const float head = len * 0.45f, half = len * 0.38f, shaft = len * 0.14f;
  if (dir == ScannerPlace::Below) {
    dl->AddRectFilled(ImVec2(tip.x - shaft, tip.y - len), ImVec2(tip.x + shaft, tip.y - head + 1), color);
    dl->AddTriangleFilled(ImVec2(tip.x - half, tip.y - head), ImVec2(tip.x + half, tip.y - head), tip, color);
    return;
  }
  const float s = dir == ScannerPlace::Right ? 1.f : -1.f;
  dl->AddRectFilled(ImVec2(tip.x - s * len, tip.y - shaft), ImVec2(tip.x - s * (head - 1), tip.y + shaft), color);
  if (dir == ScannerPlace::Right)
    dl->AddTriangleFilled(ImVec2(tip.x - head, tip.y - half), tip, ImVec2(tip.x - head, tip.y + half), color);
  else
    dl->AddTriangleFilled(ImVec2(tip.x + head, tip.y + half), tip, ImVec2(tip.x + head, tip.y - half), color);
}

const char* scanner_label(ScannerPlace place) {
  switch (place) {
    case ScannerPlace::Right: return _("The scanner is to the right of the screen");
    case ScannerPlace::Left: return _("The scanner is to the left of the screen");
    case ScannerPlace::Below: break;
  }
  return _("The scanner is below the screen");
}

// Wrapped text at x, left-aligned or centred on the column.
void paragraph(const char* text, float x, float width, bool centred, ImU32 color) {
  if (centred) return centred_text_at(text, x + width / 2, width, color);
  ImGui::SetCursorPosX(x);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(x + width);
  ImGui::TextWrapped("%s", text);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

}  // namespace

void KioskApp::draw_start(float w, float h) {
  const bool portrait = h > w;
  const float margin = portrait ? 56.f : 72.f;

  // Top: the clinic on the left, the clock on the right.
  ImGui::SetCursorPos(ImVec2(margin, margin * 0.6f));
  ImGui::PushFont(shell_.font(48));
  const std::string& name = clinic_.short_name.empty() ? clinic_.name : clinic_.short_name;
  ImGui::TextUnformatted(name.c_str());
  ImGui::PopFont();
  // The administrator's way out: five taps on the clinic's name within four seconds.
  if (ImGui::IsItemClicked()) {
    const double t = ImGui::GetTime();
    if (t - first_tap_ > 4.0) secret_taps_ = 0, first_tap_ = t;
    if (++secret_taps_ >= 5) secret_taps_ = 0, flow_.open_admin(t);
  }
  LocalTime now = to_local(db::now_unix());
  std::string clock = hhmm(now.minutes);
  std::string date = ui::weekday_name(now.date.iso_weekday()) + ", " +
                     ui::long_date(now.date.year(), now.date.month(), now.date.day());
  ImGui::PushFont(shell_.font(72));
  float cw = ImGui::CalcTextSize(clock.c_str()).x;
  ImGui::SetCursorPos(ImVec2(w - margin - cw, margin * 0.6f - 12));
  ImGui::TextUnformatted(clock.c_str());
  ImGui::PopFont();
  float dw = ImGui::CalcTextSize(date.c_str()).x;
  ImGui::SetCursorPos(ImVec2(w - margin - dw, margin * 0.6f + 72));
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::TextUnformatted(date.c_str());
  ImGui::PopStyleColor();

  // Two ways to check in. Landscape: what to scan on the left, the button on the right, «или»
  // between. Portrait: the same stacked, centred.
  const ImVec2 win = ImGui::GetWindowPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float full = w - 2 * margin;
  const float scan_w = portrait ? full : 960.f, gap = portrait ? 34.f : 40.f;
  const float alt_x = portrait ? margin : margin + scan_w + 150.f, alt_w = portrait ? full : w - margin - alt_x;
  const ImVec2 box((scan_w - 2 * gap) / 3, portrait ? 240.f : 230.f);

  ImGui::SetCursorPosY(portrait ? 240.f : 185.f);
  ImGui::PushFont(shell_.font(72));
  paragraph(_("Welcome!"), margin, full, portrait, kInk);
  ImGui::PopFont();
  const float columns_top = portrait ? 350.f : 305.f;
  ImGui::SetCursorPosY(columns_top);
  ImGui::PushFont(shell_.font(48));
  paragraph(_("To check in, hold one of these up to the scanner:"), margin, scan_w, portrait, kInk);
  const float pictures_y = ImGui::GetCursorPosY() + 36.f;
  const char* captions[3] = {_("Slip with a QR\u00A0code"), _("Clinic card"), _("OMS policy")};
  float below_pictures = pictures_y + box.y;
  for (int i = 0; i < 3; ++i) {
    const float x = margin + float(i) * (box.x + gap);
    const ImVec2 at(win.x + x, win.y + pictures_y);
    if (i == 0) slip_picture(dl, at, box);
    if (i == 1) clinic_card_picture(dl, at, box);
    if (i == 2) policy_picture(dl, shell_.font(48), at, box);
    ImGui::SetCursorPosY(pictures_y + box.y + 24.f);
    centred_text_at(captions[i], x + box.x / 2, box.x + gap - 8.f, kInk);
    below_pictures = std::max(below_pictures, ImGui::GetCursorPosY());
  }

  // «или» on a line between the two ways.
  const ImU32 rule = IM_COL32(195, 202, 212, 255);
  const char* or_word = _("or");
  const ImVec2 or_size = ImGui::CalcTextSize(or_word);
  float alt_y = columns_top;
  if (portrait) {
    const float y = below_pictures + 50.f;
    dl->AddLine(ImVec2(win.x + margin, win.y + y), ImVec2(win.x + w - margin, win.y + y), rule, 2.f);
    dl->AddRectFilled(ImVec2(win.x + (w - or_size.x) / 2 - 24, win.y + y - or_size.y / 2),
                      ImVec2(win.x + (w + or_size.x) / 2 + 24, win.y + y + or_size.y / 2), kPaper);
    dl->AddText(ImVec2(win.x + (w - or_size.x) / 2, win.y + y - or_size.y / 2), kQuiet, or_word);
    alt_y = y + 60.f;
  } else {
    const float x = margin + scan_w + 75.f, y0 = columns_top, y1 = below_pictures, mid = (y0 + y1) / 2;
    dl->AddLine(ImVec2(win.x + x, win.y + y0), ImVec2(win.x + x, win.y + y1), rule, 2.f);
    dl->AddRectFilled(ImVec2(win.x + x - or_size.x / 2 - 12, win.y + mid - or_size.y / 2 - 16),
                      ImVec2(win.x + x + or_size.x / 2 + 12, win.y + mid + or_size.y / 2 + 16), kPaper);
    dl->AddText(ImVec2(win.x + x - or_size.x / 2, win.y + mid - or_size.y / 2), kQuiet, or_word);
  }
  ImGui::SetCursorPosY(alt_y);
  paragraph(_("No slip or card with you? Press the button and type your phone number."), alt_x, alt_w, portrait, kInk);
  ImGui::PopFont();

  // The button, about 18×4 cm on a 21.5" screen. Its label is the same size in both
  // orientations: 72 px when it fits the narrower (landscape) button, 48 px otherwise.
  const ImVec2 button(alt_w, 150.f);
  ImGui::SetCursorPos(ImVec2(alt_x, ImGui::GetCursorPosY() + 36.f));
  ImGui::PushFont(shell_.font(72));
  if (ImGui::CalcTextSize(arrived_label()).x + 64.f > 700.f) ImGui::PopFont(), ImGui::PushFont(shell_.font(48));
  if (ui::button(arrived_label(), button)) flow_.open_keypad(ImGui::GetTime());
  ImGui::PopFont();

  // Where the scanner is: a label and an arrow pointing at it from the bottom of the screen.
  const ScannerPlace place = settings_.scanner;
  ImGui::PushFont(shell_.font(48));
  const char* where = scanner_label(place);
  const ImVec2 ws = ImGui::CalcTextSize(where);
  const float mark_y = portrait ? h - 200.f : h - 190.f, arrow_len = 120.f;
  const float mark_w = place == ScannerPlace::Below ? ws.x : ws.x + 24.f + arrow_len;
  if (place == ScannerPlace::Below) {
    ImGui::SetCursorPos(ImVec2((w - ws.x) / 2, mark_y));
    ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
    ImGui::TextUnformatted(where);
    ImGui::PopStyleColor();
    arrow(dl, ImVec2(win.x + w / 2, win.y + h - 12.f), place, h - 12.f - (mark_y + ws.y + 10.f), kAccent);
  } else {
    const float x0 = (w - mark_w) / 2, cy = mark_y + ws.y / 2 + 40.f;
    const float text_x = place == ScannerPlace::Right ? x0 : x0 + arrow_len + 24.f;
    ImGui::SetCursorPos(ImVec2(text_x, cy - ws.y / 2));
    ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
    ImGui::TextUnformatted(where);
    ImGui::PopStyleColor();
    const ImVec2 tip = place == ScannerPlace::Right ? ImVec2(win.x + x0 + mark_w, win.y + cy) : ImVec2(win.x + x0, win.y + cy);
    arrow(dl, tip, place, arrow_len, kAccent);
  }
  ImGui::PopFont();

  // Where the desk is, and the language.
  const std::string location = desk_location();
  const std::string help = location.empty() ? std::string(_("Questions? Please ask at the front desk."))
                                            : std::string(_("Questions? The front desk is here:")) + " " + location;
  const float lang_y = portrait ? h - 420.f : h - margin - 100.f;
  const float help_right = portrait ? w - margin - 340.f : (w - mark_w) / 2 - 40.f;
  ImGui::SetCursorPos(ImVec2(margin, lang_y + 4.f));
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::PushTextWrapPos(help_right);
  ImGui::TextWrapped("%s", help.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  draw_language_toggle(w - margin - 300.f, lang_y);
}

void KioskApp::draw_language_toggle(float x, float y) {
  ImGui::SetCursorPos(ImVec2(x, y));
  // Each language is named in itself, so a visitor finds their own.
  const bool ru = ui::language() == ui::Language::Ru;
  ImGui::PushFont(shell_.font(48));
  bool pressed = ui::button(ru ? "English" : "Русский", ImVec2(300.f, 100.f));
  ImGui::PopFont();
  if (pressed) {
    ui::set_language(ru ? ui::Language::En : ui::Language::Ru);
    state().touch(ImGui::GetTime());
  }
}

}  // namespace rg::kiosk
