// The form writes into char buffers; the core checks what is saved (db::validate) and its
// sentence is shown under the form.
#include "person_dialog.h"

#include "palette.h"

#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "calendar.h"
#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {


void copy(char* dst, std::size_t n, const std::string& s) { std::snprintf(dst, n, "%s", s.c_str()); }

void label(const char* text) { form_label(text, 300.f); }

}  // namespace

void PersonDialog::open(const db::RelatedPerson& p, const std::string& patient_name, Submit submit) {
  base_ = p;
  patient_name_ = patient_name;
  submit_ = std::move(submit);
  copy(relation_, sizeof relation_, p.relation);
  copy(surname_, sizeof surname_, p.surname);
  copy(name_, sizeof name_, p.name);
  copy(patronymic_, sizeof patronymic_, p.patronymic);
  copy(birth_, sizeof birth_, p.birth_date ? p.birth_date->ru() : "");
  copy(phone_, sizeof phone_, p.phone.empty() ? "" : format_phone(p.phone));
  copy(address_, sizeof address_, p.address);
  id_doc_.load(p.id_doc);
  copy(inn_, sizeof inn_, p.inn);
  copy(authority_, sizeof authority_, p.authority);
  sex_ = p.sex == 'M' ? 0 : 1;
  representative_ = p.representative;
  informed_ = p.informed;
  error_.clear();
  busy_ = false;
  open_ = just_opened_ = true;
}

void PersonDialog::finished(bool ok, const std::string& error) {
  busy_ = false;
  if (ok) open_ = false;
  else error_ = error;
}

db::RelatedPerson PersonDialog::typed() const {
  db::RelatedPerson p = base_;
  p.relation = relation_;
  p.surname = surname_;
  p.name = name_;
  p.patronymic = patronymic_;
  p.sex = sex_ == 0 ? 'M' : 'F';
  p.birth_date = blank(birth_) ? std::nullopt : Date::parse_ru(birth_);
  p.phone = phone_;
  p.address = address_;
  p.id_doc = id_doc_.typed();
  p.inn = inn_;
  p.representative = representative_;
  p.authority = representative_ ? std::string(authority_) : std::string();
  p.informed = informed_;
  return p;
}

void PersonDialog::draw(ui::Shell& shell) {
  const std::string title = std::string(base_.id ? _("Person on the card") : _("Add a person to the card")) + " — " +
                            patient_name_;
  if (!begin_dialog("##person", title.c_str(), open_, just_opened_, shell, 1100.f, 660.f)) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kQuiet, "%s",
                     _("A parent or guardian signs the documents for a child; the people the patient names may be told "
                       "about their health; a relative may pay and get the tax certificate."));
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  const float w = 420;
  label(_("Who they are to the patient"));
  ImGui::SetNextItemWidth(w - 40);
  ImGui::InputTextWithHint("##relation", _("mother, father, guardian, daughter…"), relation_, sizeof relation_);
  ImGui::SameLine(0, 4);
  if (ImGui::ArrowButton("##relations", ImGuiDir_Down)) ImGui::OpenPopup("relations");
  if (ImGui::BeginPopup("relations")) {
    for (const auto& r : db::common_relations())
      if (ImGui::Selectable(r.c_str())) copy(relation_, sizeof relation_, r);
    ImGui::EndPopup();
  }
  label(_("Surname"));
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##surname", surname_, sizeof surname_);
  label(_("First name"));
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##name", name_, sizeof name_);
  label(_("Patronymic"));
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##patronymic", patronymic_, sizeof patronymic_);
  label(_("Sex"));
  ImGui::RadioButton(_("male"), &sex_, 0);
  ImGui::SameLine();
  ImGui::RadioButton(_("female"), &sex_, 1);
  label(_("Date of birth"));
  ImGui::SetNextItemWidth(160);
  ImGui::InputTextWithHint("##birth", _("dd.mm.yyyy"), birth_, sizeof birth_);
  ImGui::SameLine(0, 30);
  ImGui::TextUnformatted(_("Phone"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(220);
  ImGui::InputTextWithHint("##phone", "+7 916 123-45-67", phone_, sizeof phone_);
  label(_("Address"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##address", address_, sizeof address_);
  id_doc_.draw(300);
  label(_("INN"));
  ImGui::SetNextItemWidth(330);
  ImGui::InputTextWithHint("##inn", _("12 digits, for the tax certificate"), inn_, sizeof inn_,
                           ImGuiInputTextFlags_CharsDecimal);
  ImGui::Spacing();
  ImGui::Checkbox(_("Legal representative: signs the documents for the patient"), &representative_);
  if (representative_) {
    ImGui::Indent(30);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(_("Document of authority"));
    ImGui::SameLine(300);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##authority", _("birth certificate II-МЮ № 123456 of 01.02.2015"), authority_,
                             sizeof authority_);
    ImGui::Unindent(30);
  }
  ImGui::Checkbox(_("May be told about the patient's health (named in the informed consent)"), &informed_);

  std::string problem;
  if (blank(surname_) || blank(name_)) problem = _("Type the surname and the first name.");
  else if (!blank(birth_) && !Date::parse_ru(birth_)) problem = _("Type the date of birth as 01.12.1980.");
  else if (!id_doc_.date_problem().empty()) problem = id_doc_.date_problem();
  else if (representative_ && blank(authority_))
    problem = _("Type the document that makes them the representative (a birth certificate, a guardianship order).");
  if (dialog_footer(error_, problem, busy_, _("Save to the card"), _("Saving…"))) {
    busy_ = true;
    error_.clear();
    submit_(typed());
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
