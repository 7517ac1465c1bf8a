// One worker job loads the period's revenue, the insurers and the chosen insurer's register;
// the screen only draws them.
#include "reports_screen.h"

#include "palette.h"

#include <imgui.h>

#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {


void amount_row(const char* label, db::Kopecks k) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(label);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(ui::money(k).c_str());
}

void rows_table(const char* id, const char* head, const std::vector<db::RevenueRow>& rows, float height) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                         ImVec2(0, height)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(head, ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(_("Amount"), ImGuiTableColumnFlags_WidthFixed, 140);
  ImGui::TableHeadersRow();
  for (const auto& r : rows) amount_row(r.label.c_str(), r.amount);
  ImGui::EndTable();
}

}  // namespace

std::string ReportsScreen::title() const { return _("Reports"); }

void ReportsScreen::on_show() {
  if (!data_ && !loading_) set_period(period_);
}

void ReportsScreen::set_period(Period p) {
  period_ = p;
  to_ = today();
  from_ = p == Period::Today ? to_ : p == Period::Week ? to_.plus_days(-6) : to_.plus_days(-29);
  reload();
}

void ReportsScreen::reload() {
  const int gen = ++generation_;
  loading_ = true;
  const Date from = from_, to = to_;
  const auto insurer = insurer_;
  ctx_.worker.submit([this, gen, from, to, insurer, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    auto load = [&]() -> Result<Data> {
      Data d;
      RG_TRY_ASSIGN(d.revenue, db::revenue_report(db, from, to, actor));
      RG_TRY_ASSIGN(d.insurers, db::list_insurers(db));
      const auto chosen = insurer ? insurer : (d.insurers.empty() ? std::nullopt : std::optional(d.insurers.front().id));
      if (chosen) {
        RG_TRY_ASSIGN(d.dms, db::insurance_register(db, *chosen, from, to, actor));
      }
      return d;
    };
    auto data = load();
    return [this, gen, data = std::move(data)]() mutable {
      if (gen != generation_) return;
      loading_ = false;
      if (!data) {
        error_ = data.error().message;
        return;
      }
      error_.clear();
      if (!insurer_ && !data->insurers.empty()) insurer_ = data->insurers.front().id;
      data_ = std::move(*data);
    };
  });
}

void ReportsScreen::draw_revenue(float width, float height) {
  ImGui::BeginChild("revenue", ImVec2(width, height), true);
  const auto& r = data_->revenue;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::Text("%s %s", _("Revenue:"), ui::money(r.total()).c_str());
  ImGui::PopFont();
  if (ImGui::BeginTable("methods", 2, ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("m", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("a", ImGuiTableColumnFlags_WidthFixed, 140);
    amount_row(_("In cash"), r.cash);
    amount_row(_("By card"), r.card);
    amount_row(_("From personal accounts"), r.balance);
    amount_row(_("Advances taken (net)"), r.deposits);
    ImGui::EndTable();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::TextWrapped("%s", _("Refunds are subtracted; advances are not revenue until spent."));
  ImGui::PopStyleColor();
  const float rest = ImGui::GetContentRegionAvail().y;
  rows_table("doctors", _("Doctor"), r.by_doctor, rest * 0.45f);
  rows_table("services", _("Service"), r.by_service, rest * 0.5f);
  ImGui::EndChild();
}

void ReportsScreen::draw_register(float width, float height) {
  ImGui::BeginChild("register", ImVec2(width, height), true);
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("DMS register"));
  ImGui::PopFont();
  for (const auto& ins : data_->insurers) {
    if (ImGui::RadioButton(ins.name.c_str(), insurer_ == ins.id)) {
      insurer_ = ins.id;
      reload();
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  db::Kopecks total = 0;
  for (const auto& row : data_->dms) total += row.amount;
  ImGui::Text("%s %zu · %s %s", _("services:"), data_->dms.size(), _("to invoice the insurer:"), ui::money(total).c_str());
  if (ImGui::BeginTable("dms", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("Date"), ImGuiTableColumnFlags_WidthFixed, 100);
    ImGui::TableSetupColumn(_("Patient"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(_("Letter"), ImGuiTableColumnFlags_WidthFixed, 120);
    ImGui::TableSetupColumn(_("Service"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(_("Amount"), ImGuiTableColumnFlags_WidthFixed, 120);
    ImGui::TableHeadersRow();
    for (const auto& row : data_->dms) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(row.visit_date.ru().c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(row.patient_name.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(row.letter_number.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::Text("%s %s", row.code.c_str(), row.service.c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(ui::money(row.amount).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
}

void ReportsScreen::draw() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Reports"));
  ImGui::PopFont();
  ImGui::SameLine(200);
  const std::pair<Period, const char*> periods[] = {
      {Period::Today, _("Today")}, {Period::Week, _("7 days")}, {Period::Month, _("30 days")}};
  for (const auto& [p, label] : periods) {
    if (ImGui::RadioButton(label, period_ == p)) set_period(p);
    ImGui::SameLine();
  }
  ImGui::TextColored(kQuiet, "%s — %s", from_.ru().c_str(), to_.ru().c_str());
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
  if (!data_) {
    ImGui::TextColored(kQuiet, "%s", _("Loading…"));
    return;
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = avail.x * 0.42f;
  draw_revenue(left, avail.y);
  ImGui::SameLine();
  draw_register(avail.x - left - ImGui::GetStyle().ItemSpacing.x, avail.y);
}

}  // namespace rg::desk
