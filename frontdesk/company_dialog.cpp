// The core checks the INN and OGRN check numbers (db::validate); the form only asks for a name.
#include "company_dialog.h"

#include "palette.h"

#include <imgui.h>

#include <cstdio>

#include "dialog.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {


void copy(char* dst, std::size_t n, const std::string& s) { std::snprintf(dst, n, "%s", s.c_str()); }

void label(const char* text) { form_label(text, 250.f); }

}  // namespace

void CompanyDialog::open(const db::PayerCompany& c, Submit submit) {
  base_ = c;
  submit_ = std::move(submit);
  copy(name_, sizeof name_, c.name);
  copy(inn_, sizeof inn_, c.inn);
  copy(kpp_, sizeof kpp_, c.kpp);
  copy(ogrn_, sizeof ogrn_, c.ogrn);
  copy(address_, sizeof address_, c.address);
  copy(phone_, sizeof phone_, c.phone);
  copy(position_, sizeof position_, c.signatory_position);
  copy(signatory_, sizeof signatory_, c.signatory_name);
  copy(authority_, sizeof authority_, c.authority.empty() ? std::string("Устава") : c.authority);
  sex_ = c.signatory_sex == 'M' ? 1 : c.signatory_sex == 'F' ? 2 : 0;
  error_.clear();
  busy_ = false;
  open_ = just_opened_ = true;
}

void CompanyDialog::finished(bool ok, const std::string& error) {
  busy_ = false;
  if (ok) open_ = false;
  else error_ = error;
}

db::PayerCompany CompanyDialog::typed() const {
  db::PayerCompany c = base_;
  c.name = name_;
  c.inn = inn_;
  c.kpp = kpp_;
  c.ogrn = ogrn_;
  c.address = address_;
  c.phone = phone_;
  c.signatory_position = position_;
  c.signatory_name = signatory_;
  c.signatory_sex = sex_ == 1 ? 'M' : sex_ == 2 ? 'F' : 0;
  c.authority = authority_;
  return c;
}

void CompanyDialog::draw(ui::Shell& shell) {
  if (!begin_dialog("##company", base_.id ? _("Paying company") : _("A new paying company"), open_, just_opened_, shell,
                    1000.f, 700.f))
    return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kQuiet, "%s", _("The contract names the company with these requisites and its signatory."));
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  label(_("Name"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##name", "ООО «Ромашка»", name_, sizeof name_);
  label(_("INN / KPP"));
  ImGui::SetNextItemWidth(180);
  ImGui::InputTextWithHint("##inn", _("INN"), inn_, sizeof inn_, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  ImGui::InputTextWithHint("##kpp", _("KPP"), kpp_, sizeof kpp_);
  label(_("OGRN"));
  ImGui::SetNextItemWidth(220);
  ImGui::InputText("##ogrn", ogrn_, sizeof ogrn_, ImGuiInputTextFlags_CharsDecimal);
  label(_("Address"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##address", address_, sizeof address_);
  label(_("Phone"));
  ImGui::SetNextItemWidth(220);
  ImGui::InputText("##phone", phone_, sizeof phone_);
  ImGui::Spacing();
  ImGui::TextColored(kQuiet, "%s", _("WHO SIGNS FOR THE COMPANY"));
  label(_("Position"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##position", _("General director"), position_, sizeof position_);
  label(_("Full name"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##signatory", _("Surname, name, patronymic"), signatory_, sizeof signatory_);
  label(_("Sex"));
  ImGui::RadioButton(_("by the patronymic"), &sex_, 0);
  ImGui::SameLine();
  ImGui::RadioButton(_("male"), &sex_, 1);
  ImGui::SameLine();
  ImGui::RadioButton(_("female"), &sex_, 2);
  label(_("Acting on the basis of"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##authority", _("the Charter; power of attorney No. 7 of 01.02.2026 (genitive)"),
                           authority_, sizeof authority_);

  const std::string problem = blank(name_) ? _("Type the company's name.") : "";
  if (dialog_footer(error_, problem, busy_, _("Save the company"), _("Saving…"))) {
    busy_ = true;
    error_.clear();
    submit_(typed());
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
