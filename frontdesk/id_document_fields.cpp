#include "id_document_fields.h"

#include <imgui.h>

#include <cstdio>
#include <iterator>

#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

struct DocType {
  const char* id;
  const char* name;  // msgid
};
constexpr DocType kDocTypes[] = {{"passport_ru", N_("Russian passport")},
                                 {"birth_certificate", N_("Birth certificate")},
                                 {"foreign_passport", N_("Foreign passport")},
                                 {"residence_permit", N_("Residence permit")}};

void copy(char* dst, std::size_t n, const std::string& s) { std::snprintf(dst, n, "%s", s.c_str()); }

}  // namespace

void IdDocumentFields::load(const db::IdDocument& d) {
  copy(series_, sizeof series_, d.series);
  copy(number_, sizeof number_, d.number);
  copy(issued_by_, sizeof issued_by_, d.issued_by);
  copy(issued_on_, sizeof issued_on_, d.issued_on ? d.issued_on->ru() : "");
  type_ = 0;
  for (int i = 0; i < int(std::size(kDocTypes)); ++i)
    if (d.type == kDocTypes[i].id) type_ = i;
}

db::IdDocument IdDocumentFields::typed() const {
  db::IdDocument d;
  d.type = kDocTypes[type_].id;
  d.series = fold_spaces(series_);
  d.number = fold_spaces(number_);
  d.issued_by = fold_spaces(issued_by_);
  d.issued_on = blank(issued_on_) ? std::nullopt : Date::parse_ru(issued_on_);
  return d;
}

std::string IdDocumentFields::date_problem() const {
  if (!blank(issued_on_) && !Date::parse_ru(issued_on_)) return _("Type the document's date as 01.12.2010.");
  return {};
}

void IdDocumentFields::draw(float field_x) {
  form_label(_("Identity document"), field_x);
  ImGui::SetNextItemWidth(260);
  if (ImGui::BeginCombo("##doctype", _(kDocTypes[type_].name))) {
    for (int i = 0; i < int(std::size(kDocTypes)); ++i)
      if (ImGui::Selectable(_(kDocTypes[i].name), i == type_)) type_ = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100);
  ImGui::InputTextWithHint("##series", _("series"), series_, sizeof series_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  ImGui::InputTextWithHint("##number", _("number"), number_, sizeof number_);
  form_label(_("Issued by, on"), field_x);
  ImGui::SetNextItemWidth(-180);
  ImGui::InputTextWithHint("##issued_by", _("who issued it"), issued_by_, sizeof issued_by_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##issued_on", _("dd.mm.yyyy"), issued_on_, sizeof issued_on_);
}

}  // namespace rg::desk
