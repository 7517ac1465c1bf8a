#include "requisites_view.h"

#include "palette.h"

#include <imgui.h>

#include "calendar.h"
#include "grammar.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {


// ImGui edits a char buffer; the string grows as the person types.
int grow(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

}  // namespace

void RequisitesView::load() {
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto c = db::load_clinic(db);
    std::vector<std::string> values;
    for (const char* k : kKeys) {
      auto v = db::get_setting(db, k);
      values.push_back(v && *v ? **v : std::string());
    }
    return [this, c = std::move(c), values = std::move(values)]() {
      if (!c) {
        notice_ = c.error().message, notice_is_error_ = true;
        return;
      }
      clinic_ = *c;
      licence_date_.clear();
      if (c->licence_date)
        if (auto d = Date::parse_iso(*c->licence_date)) licence_date_ = d->ru();
      for (std::size_t i = 0; i < values.size(); ++i) settings_[i] = values[i];
    };
  });
}

std::vector<RequisitesView::Field> RequisitesView::fields() {
  db::Clinic& c = *clinic_;
  return {{N_("Legal name"), &c.name},
          {N_("Short name"), &c.short_name},
          {N_("Legal address"), &c.legal_address},
          {N_("Address of the premises"), &c.actual_address},
          {N_("City (for documents)"), &settings_[0]},
          {N_("Phone"), &c.phone},
          {N_("E-mail"), &c.email},
          {N_("Website"), &settings_[7]},
          {N_("OGRN"), &c.ogrn},
          {N_("EGRUL record: date and by whom (instrumental)"), &settings_[14], false, -1,
           "12.04.2017 Межрайонной инспекцией ФНС России № 46 по г. Москве"},
          {N_("INN"), &c.inn},
          {N_("KPP"), &c.kpp},
          {N_("Licence No."), &c.licence_number},
          {N_("Licence date"), &licence_date_},
          {N_("Issued by"), &c.licence_authority},
          {N_("«issued by …» (instrumental)"), &settings_[9], false, 9, "Департаментом здравоохранения города Москвы"},
          {N_("Licensing body: address"), &settings_[10]},
          {N_("Licensing body: phone"), &settings_[11]},
          {N_("Licensed works"), &settings_[2], true},
          {N_("Head: position"), &c.head_position},
          {N_("Head: full name"), &c.head_name},
          {N_("«represented by …» (genitive)"), &settings_[1], false, 1, "Генерального директора Кузнецовой Ольги Викторовны"},
          {N_("Head acts on the basis of (genitive)"), &settings_[8], false, -1, "Устава"},
          {N_("Bank"), &settings_[3]},
          {N_("BIK"), &settings_[4]},
          {N_("Account"), &settings_[5]},
          {N_("Correspondent account"), &settings_[6]},
          {N_("Processors of personal data (a line each)"), &settings_[12], true},
          {N_("Contract: waiting times for services"), &settings_[13], true},
          {N_("Contract: how a company pays"), &settings_[15], true},
          {N_("Where the desk is (for the kiosk)"), &c.desk_location}};
}

// The rules' form for the head's «в лице …» or the authority's «выданной …», from what is typed.
void RequisitesView::suggest(std::size_t index) {
  const db::Clinic& c = *clinic_;
  db::Declined d;
  if (index == 1) {
    const db::Declined pos = db::decline_phrase(c.head_position, db::GramCase::Genitive);
    const db::Declined name = db::decline_name(db::split_full_name(c.head_name), db::GramCase::Genitive);
    d = {pos.text + " " + name.text, pos.sure && name.sure};
  } else {
    d = db::decline_phrase(c.licence_authority, db::GramCase::Instrumental);
  }
  settings_[index] = d.text;
  notice_ = d.sure ? _("Suggested by the rules: check it and save.")
                   : _("The rules are not sure of this form: correct it if needed, then save.");
  notice_is_error_ = !d.sure;
}

void RequisitesView::save() {
  db::Clinic c = *clinic_;
  if (licence_date_.empty()) {
    c.licence_date.reset();
  } else if (auto d = Date::parse_ru(licence_date_)) {
    c.licence_date = d->iso();
  } else {
    notice_ = _("Type the licence date as 15.07.2021."), notice_is_error_ = true;
    return;
  }
  std::vector<std::pair<std::string, std::string>> values;
  for (std::size_t i = 0; i < std::size(kKeys); ++i) values.emplace_back(kKeys[i], settings_[i]);
  const db::Actor actor = ctx_.actor();
  busy_ = true;
  ctx_.worker.submit([this, c, values, actor](db::Database& db) -> db::Worker::Continuation {
    Status st = db::save_requisites(db, c, values, actor);
    return [this, st, c]() {
      busy_ = false;
      notice_ = st ? std::string(_("Saved. New documents print these requisites.")) : st.error().message;
      notice_is_error_ = !st;
      if (st) ctx_.clinic = c;
    };
  });
}

void RequisitesView::draw() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Clinic requisites"));
  ImGui::PopFont();
  if (!clinic_) {
    if (!notice_.empty()) ImGui::TextColored(kError, "%s", notice_.c_str());
    return;
  }
  ImGui::BeginChild("fields", ImVec2(0, ImGui::GetContentRegionAvail().y - 60), false);
  for (const Field& f : fields()) {
    ImGui::PushID(f.label);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(_(f.label));
    ImGui::SameLine(300);
    const char* take = _("From the rules");
    const float take_w = f.suggest >= 0 ? ImGui::CalcTextSize(take).x + 24 : 0;
    ImGui::SetNextItemWidth(f.suggest >= 0 ? -take_w : -1);
    if (f.multiline) {
      ImGui::InputTextMultiline("##v", f.value->data(), f.value->capacity() + 1,
                                ImVec2(-1, ImGui::GetTextLineHeight() * 3), ImGuiInputTextFlags_CallbackResize,
                                grow, f.value);
    } else {
      ImGui::InputTextWithHint("##v", f.hint, f.value->data(), f.value->capacity() + 1, ImGuiInputTextFlags_CallbackResize,
                               grow, f.value);
    }
    if (f.suggest >= 0) {
      ImGui::SameLine();
      if (ImGui::Button(take, ImVec2(take_w - 8, 0))) suggest(std::size_t(f.suggest));
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::BeginDisabled(busy_);
  if (ui::button(_("Save"), ImVec2(200, 40))) save();
  ImGui::EndDisabled();
  if (!notice_.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(notice_is_error_ ? kError : kGreen, "%s", notice_.c_str());
  }
}

}  // namespace rg::desk
