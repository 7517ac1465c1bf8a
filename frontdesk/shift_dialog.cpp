#include "shift_dialog.h"

#include "palette.h"

#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "dialog.h"
#include "money.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {


const char* title_of(ShiftDialog::Kind k) {
  switch (k) {
    case ShiftDialog::Kind::Open: return _("Open the shift");
    case ShiftDialog::Kind::CashIn: return _("Cash in");
    case ShiftDialog::Kind::CashOut: return _("Cash out");
    case ShiftDialog::Kind::Close: return _("Close the shift");
  }
  return "";
}

}  // namespace

void ShiftDialog::open(Kind kind, db::Kopecks expected, std::string note, Submit submit,
                       std::vector<std::string> unpaid) {
  kind_ = kind;
  unpaid_ = std::move(unpaid);
  expected_ = expected;
  submit_ = std::move(submit);
  std::memset(amount_, 0, sizeof amount_);
  std::memset(handed_, 0, sizeof handed_);
  std::snprintf(text_, sizeof text_, "%s", note.c_str());
  error_.clear();
  busy_ = false;
  open_ = just_opened_ = focus_ = true;
}

void ShiftDialog::type(const char* amount, const char* handed_over) {
  std::snprintf(amount_, sizeof amount_, "%s", amount);
  std::snprintf(handed_, sizeof handed_, "%s", handed_over);
  focus_ = false;
}

void ShiftDialog::finished(bool ok, const std::string& error) {
  busy_ = false;
  if (ok) open_ = false;
  else error_ = error;
}

void ShiftDialog::draw(ui::Shell& shell) {
  const bool closing = kind_ == Kind::Close;
  const float height = closing ? 640.f + 24.f * float(std::min<std::size_t>(unpaid_.size(), 6)) : 420.f;
  if (!begin_dialog("##shift", title_of(kind_), open_, just_opened_, shell, 860, height)) return;
  ImGui::Separator();
  const char* amount_label = kind_ == Kind::Open    ? _("Float in the drawer")
                             : kind_ == Kind::Close ? _("Cash counted")
                                                    : _("Amount");
  ImGui::PushFont(shell.font(24));
  if (kind_ == Kind::Close || kind_ == Kind::CashOut) {
    ImGui::TextColored(kQuiet, "%s", _("Expected in the drawer"));
    ImGui::SameLine(300);
    ImGui::TextUnformatted(ui::money(expected_).c_str());
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(amount_label);
  ImGui::SameLine(300);
  ImGui::SetNextItemWidth(220);
  if (focus_) ImGui::SetKeyboardFocusHere(), focus_ = false;
  ImGui::InputText("##amount", amount_, sizeof amount_);
  auto amount = db::parse_rubles(amount_);
  if (closing) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(_("Taken out of the drawer"));
    ImGui::SameLine(300);
    ImGui::SetNextItemWidth(220);
    ImGui::InputText("##handed", handed_, sizeof handed_);
    if (amount && *amount > 0) {
      const db::Kopecks diff = *amount - expected_;
      ImGui::TextColored(diff == 0 ? kGreen : kError, "%s %s",
                         diff == 0 ? _("Matches") : diff > 0 ? _("Surplus") : _("Shortage"),
                         diff == 0 ? "" : ui::money(diff < 0 ? -diff : diff).c_str());
    }
  }
  ImGui::PopFont();
  ImGui::Spacing();
  if (kind_ == Kind::Open && text_[0]) {
    // The devices' readiness, when something is missing or wrong: the shift may still open
    // (a scanner is not needed to take money), but the administrator should know.
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", text_);
    ImGui::PopStyleColor();
  }
  if (closing && !unpaid_.empty()) {
    // Still unpaid today: the cashier decides before the shift closes, not after.
    ImGui::TextColored(kAmber, _("Not paid yet today: %zu"), unpaid_.size());
    ImGui::BeginChild("unpaid", ImVec2(0, 24.f * float(std::min<std::size_t>(unpaid_.size(), 6)) + 8), true);
    for (const auto& line : unpaid_) ImGui::TextUnformatted(line.c_str());
    ImGui::EndChild();
  }
  if (kind_ != Kind::Open) {
    ImGui::TextUnformatted(closing ? _("Handover for the next shift") : _("Reason"));
    ImGui::InputTextMultiline("##text", text_, sizeof text_,
                              ImVec2(-1, closing ? ImGui::GetTextLineHeight() * 9 : ImGui::GetTextLineHeight() * 2.5f));
  }
  auto handed = db::parse_rubles(handed_);
  std::string problem;
  if (!amount || (closing && !handed)) problem = _("Type amounts as 1500 or 1 500,50.");
  else if (kind_ != Kind::Open && kind_ != Kind::Close && *amount == 0) problem = _("Type the amount.");
  else if ((kind_ == Kind::CashIn || kind_ == Kind::CashOut) && blank(text_)) problem = _("Give the reason for the cash movement.");
  const std::string& shown = !error_.empty() ? error_ : problem;
  if (!shown.empty()) ImGui::TextColored(kError, "%s", shown.c_str());
  if (closing) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kQuiet, "%s",
                       _("The Z report is printed. This shift cannot be opened again; a new shift can be opened at any "
                         "time."));
    ImGui::PopTextWrapPos();
  }
  const bool can = problem.empty() && !busy_;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 64);
  ImGui::BeginDisabled(!can);
  const bool go = primary_button(busy_ ? _("Working…") : closing ? _("Close the shift and print the Z report") : title_of(kind_),
                                 ImVec2(closing ? 420.f : 300.f, 44));
  ImGui::EndDisabled();
  if (go && can) {
    busy_ = true;
    error_.clear();
    submit_(kind_, {*amount, closing ? *handed : 0, text_});
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
