#include "bill_dialog.h"

#include "palette.h"

#include <imgui.h>

#include <cstring>

#include "calendar.h"
#include "dialog.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {


}  // namespace

void BillDialog::open(Request r, Submit submit) {
  req_ = std::move(r);
  submit_ = std::move(submit);
  chosen_.assign(req_.visits.size(), true);
  who_ = Who::Patient;
  family_ = 0;
  person_ = 0;
  company_ = 0;
  std::memset(name_, 0, sizeof name_);
  std::memset(inn_, 0, sizeof inn_);
  error_.clear();
  busy_ = false;
  open_ = just_opened_ = true;
}

void BillDialog::finished(bool ok, const std::string& error) {
  busy_ = false;
  if (ok) open_ = false;
  else error_ = error;
}

void BillDialog::draw(ui::Shell& shell) {
  const std::string title = std::string(_("Invoice")) + ": " + req_.patient_name;  // «Счёт: Васильев Никита Вадимович»
  if (!begin_dialog("##bill", title.c_str(), open_, just_opened_, shell, 820, 470)) return;
  ImGui::Separator();
  ImGui::TextColored(kQuiet, "%s", _("VISITS"));
  db::Kopecks total = 0;
  for (std::size_t i = 0; i < req_.visits.size(); ++i) {
    const auto& v = req_.visits[i];
    bool on = chosen_[i];
    const std::string label = hhmm(to_local(v.start_at).minutes) + "  " + v.doctor_name + "  —  " + ui::money(v.amount);
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Checkbox(label.c_str(), &on)) chosen_[i] = on;
    if (v.dms) {
      ImGui::SameLine();
      ImGui::TextColored(kBlue, "%s", _("DMS: covered services go to the insurer"));
    }
    ImGui::PopID();
    if (on) total += v.amount;
  }
  ImGui::Spacing();
  ImGui::TextColored(kQuiet, "%s", _("WHO PAYS"));
  int who = static_cast<int>(who_);
  ImGui::RadioButton(_("The patient"), &who, static_cast<int>(Who::Patient));
  if (!req_.family.empty()) {
    ImGui::SameLine();
    ImGui::RadioButton(_("A family member"), &who, static_cast<int>(Who::Family));
  }
  ImGui::SameLine();
  ImGui::RadioButton(_("Another person"), &who, static_cast<int>(Who::Person));
  ImGui::SameLine();
  ImGui::RadioButton(_("A company"), &who, static_cast<int>(Who::Company));
  who_ = static_cast<Who>(who);
  if (who_ == Who::Family) {
    for (std::size_t i = 0; i < req_.family.size(); ++i) {
      const auto& f = req_.family[i];
      const std::string label = f.name + (f.relation.empty() ? "" : " (" + f.relation + ")") + " — " +
                                _("personal account:") + " " + ui::money(f.balance);
      ImGui::RadioButton(label.c_str(), &family_, static_cast<int>(i));
    }
  } else if (who_ == Who::Person && !req_.people.empty()) {
    for (std::size_t i = 0; i < req_.people.size(); ++i) {
      const auto& p = req_.people[i];
      const std::string label = masked_name(p.surname, p.name, p.patronymic) + (p.relation.empty() ? "" : " (" + p.relation + ")");
      ImGui::RadioButton(label.c_str(), &person_, static_cast<int>(i));
    }
    ImGui::RadioButton(_("someone else:"), &person_, static_cast<int>(req_.people.size()));
    if (person_ == static_cast<int>(req_.people.size())) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##name", _("Surname, name, patronymic"), name_, sizeof name_);
    }
  } else if (who_ == Who::Company && !req_.companies.empty()) {
    std::string current = company_ < static_cast<int>(req_.companies.size())
                              ? req_.companies[static_cast<std::size_t>(company_)].name
                              : std::string(_("another company (name and INN)"));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##company", current.c_str())) {
      for (std::size_t i = 0; i < req_.companies.size(); ++i)
        if (ImGui::Selectable(req_.companies[i].name.c_str(), company_ == static_cast<int>(i))) company_ = static_cast<int>(i);
      if (ImGui::Selectable(_("another company (name and INN)"), company_ == static_cast<int>(req_.companies.size())))
        company_ = static_cast<int>(req_.companies.size());
      ImGui::EndCombo();
    }
    if (company_ == static_cast<int>(req_.companies.size())) {
      ImGui::SetNextItemWidth(-220);
      ImGui::InputTextWithHint("##name", _("Company"), name_, sizeof name_);
      ImGui::SameLine();
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##inn", _("INN"), inn_, sizeof inn_, ImGuiInputTextFlags_CharsDecimal);
    }
  } else if (who_ == Who::Person || who_ == Who::Company) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(who_ == Who::Person ? _("Full name") : _("Company"));
    ImGui::SameLine(160);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##name", name_, sizeof name_);
    if (who_ == Who::Company) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(_("INN"));
      ImGui::SameLine(160);
      ImGui::SetNextItemWidth(200);
      ImGui::InputText("##inn", inn_, sizeof inn_, ImGuiInputTextFlags_CharsDecimal);
    }
  }
  ImGui::Spacing();
  ImGui::PushFont(shell.font(24));
  ImGui::Text("%s %s", _("Total:"), ui::money(total).c_str());
  ImGui::PopFont();
  ImGui::TextColored(kQuiet, "%s", _("At the prices in force on the visits' dates; discounts are set on the invoice."));
  if (!error_.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kError, "%s", error_.c_str());
    ImGui::PopTextWrapPos();
  }
  std::vector<std::int64_t> visits;
  for (std::size_t i = 0; i < req_.visits.size(); ++i)
    if (chosen_[i]) visits.push_back(req_.visits[i].appointment_id);
  const bool from_card = who_ == Who::Person && person_ < static_cast<int>(req_.people.size());
  const bool known_company = who_ == Who::Company && company_ < static_cast<int>(req_.companies.size());
  const bool named = (who_ != Who::Person && who_ != Who::Company) || from_card || known_company || !blank(name_);
  const bool can = !visits.empty() && named && !busy_;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 64);
  ImGui::BeginDisabled(!can);
  if ((primary_button(busy_ ? _("Working…") : _("Make the invoice (Enter)"), ImVec2(300, 44)) ||
       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) &&
      can) {
    db::InvoicePayer payer;
    switch (who_) {
      case Who::Patient: break;
      case Who::Family:
        payer.kind = db::PayerKind::Person;
        payer.patient_id = req_.family[static_cast<std::size_t>(family_)].payer_id;
        break;
      case Who::Person:
        payer.kind = db::PayerKind::Person;
        if (from_card) payer.person_id = req_.people[static_cast<std::size_t>(person_)].id;
        else payer.name = name_;
        break;
      case Who::Company:
        payer.kind = db::PayerKind::Company;
        if (known_company) {
          payer.company_id = req_.companies[static_cast<std::size_t>(company_)].id;
        } else {
          payer.name = name_;
          payer.inn = inn_;
        }
        break;
    }
    busy_ = true;
    error_.clear();
    submit_(visits, payer);
  }
  ImGui::EndDisabled();
  ImGui::EndPopup();
}

}  // namespace rg::desk
