// The search runs on the worker on every change of the text; a generation counter keeps only
// the answer to the latest text.
#include "patient_picker.h"

#include <imgui.h>

#include "text.h"
#include "ui/i18n.h"

namespace rg::desk {

std::string patient_line(const db::PatientSummary& p) {
  std::string s = full_name(p.surname, p.name, p.patronymic);
  if (auto b = Date::parse_iso(p.birth_date)) s += ", " + b->ru();
  if (!p.phone.empty()) s += ", " + format_phone(p.phone);
  return s;
}

void PatientPicker::reset() {
  query_[0] = 0;
  searched_.clear();
  found_.clear();
  picked.reset();
  error.clear();
  ++generation_;
}

void PatientPicker::set_query(const std::string& text, bool pick_first) {
  std::snprintf(query_, sizeof query_, "%s", text.c_str());
  pick_first_ = pick_first;
}

void PatientPicker::search() {
  std::string q = query_;
  if (q == searched_) return;
  searched_ = q;
  int gen = ++generation_;
  auto parsed = db::parse_patient_query(q);
  ctx_.worker.submit([this, gen, parsed](db::Database& db) -> db::Worker::Continuation {
    auto rows = db::search_patients(db, parsed, 0, 8);
    return [this, gen, rows = std::move(rows)]() mutable {
      if (gen != generation_) return;
      if (!rows) {
        error = rows.error().message;
        return;
      }
      found_ = std::move(*rows);
      if (pick_first_ && !found_.empty()) picked = found_.front(), pick_first_ = false;
    };
  });
}

bool PatientPicker::draw(const char* id) {
  ImGui::PushID(id);
  if (focus_) ImGui::SetKeyboardFocusHere(), focus_ = false;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##who", _("Surname, phone, card or date of birth"), query_, sizeof query_);
  search();
  bool chosen = false;
  for (size_t i = 0; i < found_.size(); ++i) {
    ImGui::PushID(int(i));
    if (ImGui::Selectable(patient_line(found_[i]).c_str())) picked = found_[i], chosen = true;
    ImGui::PopID();
  }
  if (searched_.size() >= 2 && found_.empty()) ImGui::TextDisabled("%s", _("Nobody found."));
  ImGui::PopID();
  return chosen;
}

}  // namespace rg::desk

namespace rg::desk {

void PatientPicker::draw_choice(const char* id, ui::Shell& shell) {
  ImGui::TextUnformatted(_("Patient"));
  if (picked) {
    ImGui::SameLine();
    ImGui::PushFont(shell.bold_font());
    ImGui::TextUnformatted(patient_line(*picked).c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::SmallButton(_("Change patient"))) reset(), focus();
    return;
  }
  ImGui::BeginChild(id, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 5), false);
  draw(id);
  ImGui::EndChild();
}

}  // namespace rg::desk
