#include "letter_dialog.h"

#include "palette.h"

#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "calendar.h"
#include "dialog.h"
#include "money.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {


void field(const char* text) { form_label(text, 220.f); }

}  // namespace

void LetterDialog::open(Request r, Submit submit) {
  req_ = std::move(r);
  submit_ = std::move(submit);
  covered_.assign(req_.services.size(), false);
  insurer_ = 0;
  std::memset(number_, 0, sizeof number_);
  std::snprintf(from_, sizeof from_, "%s", today().ru().c_str());
  std::snprintf(to_, sizeof to_, "%s", Date(today().year(), 12, 31).ru().c_str());
  std::memset(limit_, 0, sizeof limit_);
  error_.clear();
  busy_ = false;
  open_ = just_opened_ = true;
}

void LetterDialog::finished(bool ok, const std::string& error) {
  busy_ = false;
  if (ok) open_ = false;
  else error_ = error;
}

void LetterDialog::draw(ui::Shell& shell) {
  const std::string title = std::string(_("DMS guarantee letter")) + " — " + req_.patient_name;
  if (!begin_dialog("##letter", title.c_str(), open_, just_opened_, shell)) return;
  ImGui::Separator();
  if (req_.insurers.empty()) {
    ImGui::TextColored(kError, "%s", _("No insurers are listed yet."));
    ImGui::EndPopup();
    return;
  }
  field(_("Insurer"));
  ImGui::SetNextItemWidth(420);
  if (ImGui::BeginCombo("##insurer", req_.insurers[static_cast<std::size_t>(insurer_)].name.c_str())) {
    for (int i = 0; i < static_cast<int>(req_.insurers.size()); ++i)
      if (ImGui::Selectable(req_.insurers[static_cast<std::size_t>(i)].name.c_str(), i == insurer_)) insurer_ = i;
    ImGui::EndCombo();
  }
  field(_("Letter No."));
  ImGui::SetNextItemWidth(240);
  ImGui::InputText("##number", number_, sizeof number_);
  field(_("Valid from"));
  ImGui::SetNextItemWidth(140);
  ImGui::InputText("##from", from_, sizeof from_);
  ImGui::SameLine();
  ImGui::TextUnformatted(_("to"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  ImGui::InputText("##to", to_, sizeof to_);
  field(_("Limit, ₽"));
  ImGui::SetNextItemWidth(180);
  ImGui::InputText("##limit", limit_, sizeof limit_);
  ImGui::TextColored(kQuiet, "%s", _("COVERED SERVICES"));
  const float list_h = ImGui::GetContentRegionAvail().y - 120;
  ImGui::BeginChild("services", ImVec2(0, list_h), true);
  for (std::size_t i = 0; i < req_.services.size(); ++i) {
    const auto& s = req_.services[i];
    bool on = covered_[i];
    const std::string label = s.code + "  " + s.name;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Checkbox(label.c_str(), &on)) covered_[i] = on;
    ImGui::PopID();
  }
  ImGui::EndChild();

  auto from = Date::parse_ru(from_), to = Date::parse_ru(to_);
  auto limit = db::parse_rubles(limit_);
  db::GuaranteeLetter l;
  std::string problem;
  if (blank(number_)) problem = _("Type the guarantee letter's number.");
  else if (!from || !to) problem = _("Type the dates as 01.12.2026.");
  else if (*to < *from) problem = _("The letter ends before it begins.");
  else if (!limit || *limit <= 0) problem = _("Type the letter's limit.");
  for (std::size_t i = 0; i < req_.services.size(); ++i)
    if (covered_[i]) l.service_ids.push_back(req_.services[i].id);
  if (problem.empty() && l.service_ids.empty()) problem = _("Tick the services the letter covers.");
  const std::string& shown = !error_.empty() ? error_ : problem;
  if (!shown.empty()) ImGui::TextColored(kError, "%s", shown.c_str());
  const bool can = problem.empty() && !busy_;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 64);
  ImGui::BeginDisabled(!can);
  if (primary_button(busy_ ? _("Working…") : _("Save the letter"), ImVec2(260, 44)) && can) {
    l.patient_id = req_.patient_id;
    l.insurer_id = req_.insurers[static_cast<std::size_t>(insurer_)].id;
    l.number = number_;
    l.valid_from = *from;
    l.valid_to = *to;
    l.limit = *limit;
    busy_ = true;
    error_.clear();
    submit_(l);
  }
  ImGui::EndDisabled();
  ImGui::EndPopup();
}

}  // namespace rg::desk
