// The list and the file come from db/day_list: this view only draws and queues the worker.
#include "tomorrow_view.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>

#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

const ImVec4 kSaved(0.10f, 0.45f, 0.20f, 1);
const ImU32 kDoctorRow = IM_COL32(0xE4, 0xEB, 0xF5, 0xFF);

// A cell's text, with the whole of it in a tooltip when the column cuts it off.
void cell(const std::string& text) {
  if (text.empty()) {
    ImGui::TextDisabled("—");
    return;
  }
  const float room = ImGui::GetContentRegionAvail().x;
  ImGui::TextUnformatted(text.c_str());
  if (ImGui::IsItemHovered() && ImGui::CalcTextSize(text.c_str()).x > room)
    ImGui::SetTooltip("%s", text.c_str());
}

}  // namespace

std::string TomorrowView::export_dir() {
  const char* env = std::getenv("REGISTRATURA_EXPORT_DIR");
  std::filesystem::path dir = env && *env ? std::filesystem::path(env) : std::filesystem::path("var") / "export";
  std::error_code ec;
  auto abs = std::filesystem::absolute(dir, ec);
  return (ec ? dir : abs).lexically_normal().string();
}

void TomorrowView::set_day(Date day) {
  day_ = day;
  saved_path_.clear();
  save_error_.clear();
  reload();
}

void TomorrowView::reload() {
  int gen = ++generation_;
  loading_ = true;
  Date day = day_;
  ctx_.worker.submit([this, gen, day](db::Database& db) -> db::Worker::Continuation {
    auto rows = db::day_list(db, day);
    return [this, gen, rows = std::move(rows)]() mutable {
      if (gen != generation_) return;  // another day was asked for since
      loading_ = false;
      if (!rows) {
        error_ = rows.error().message;
        return;
      }
      error_.clear();
      rows_ = std::move(*rows);
    };
  });
}

void TomorrowView::save_csv() {
  saving_ = true;
  saved_path_.clear();
  save_error_.clear();
  Date day = day_;
  std::string dir = export_dir();
  // The list is read again on the worker: the file has what is booked at the moment of saving.
  // The export is audited (who took the patients' list out, and where to).
  ctx_.worker.submit([this, day, dir, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    std::string path = (std::filesystem::path(dir) / ("tomorrow-" + day.iso() + ".csv")).string();
    auto written = db::export_day_list(db, day, path, actor);
    Status st = written ? Status{} : Status(std::unexpected(written.error()));
    return [this, st, path]() {
      saving_ = false;
      if (st) saved_path_ = path;
      else save_error_ = st.error().message;
    };
  });
}

void TomorrowView::draw_heading() {
  std::string heading;
  if (day_ == today().plus_days(1)) heading = std::string(_("Tomorrow")) + ", ";
  else if (day_ == today()) heading = std::string(_("Today")) + ", ";
  heading += ui::weekday_name(day_.iso_weekday()) + ", " + ui::long_date(day_.year(), day_.month(), day_.day());
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(heading.c_str());
  ImGui::PopFont();

  // Counts on the left, the export on the right of the same line.
  if (rows_) {
    std::set<std::int64_t> patients, first;
    for (const auto& r : *rows_) {
      patients.insert(r.patient_id);
      if (r.first_visit) first.insert(r.patient_id);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s %zu · %s %zu · %s %zu", _("Patients:"), patients.size(), _("first visits:"),
                        first.size(), _("appointments:"), rows_->size());
  } else {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", _("Loading the list…"));
  }
  const char* label = _("Save CSV");
  float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 16, ImGui::GetWindowContentRegionMax().x - w));
  ImGui::BeginDisabled(saving_ || !rows_);
  if (ui::button(label)) save_csv();
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", (std::string(_("A file for Excel in the folder")) + " " + export_dir()).c_str());

  if (saving_) ImGui::TextDisabled("%s", _("Saving…"));
  if (!saved_path_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kSaved);
    ImGui::TextWrapped("%s %s", _("Saved:"), saved_path_.c_str());
    ImGui::PopStyleColor();
  }
  if (!save_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", save_error_.c_str());
    ImGui::PopStyleColor();
  }
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
}

void TomorrowView::draw_table(const std::vector<db::DayListRow>& rows) {
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("day_list", 7, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("Time"), ImGuiTableColumnFlags_WidthFixed, 120.f);
  ImGui::TableSetupColumn(_("Patient"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(_("Card No."), ImGuiTableColumnFlags_WidthFixed, 90.f);
  ImGui::TableSetupColumn(_("Date of birth"), ImGuiTableColumnFlags_WidthFixed, 125.f);
  ImGui::TableSetupColumn(_("Phone"), ImGuiTableColumnFlags_WidthFixed, 170.f);
  ImGui::TableSetupColumn(_("1st"), ImGuiTableColumnFlags_WidthFixed, 36.f);
  ImGui::TableSetupColumn(_("Services"), ImGuiTableColumnFlags_WidthStretch, 1.7f);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < 7; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    if (c == 5 && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("First visit"));
  }

  const float row_h = ImGui::GetTextLineHeightWithSpacing() + 6;
  for (size_t i = 0; i < rows.size(); ++i) {
    const db::DayListRow& r = rows[i];
    if (i == 0 || rows[i - 1].doctor_id != r.doctor_id) {
      // The doctor's heading: name, specialty, the rooms of the day.
      std::set<std::string> rooms;
      for (size_t j = i; j < rows.size() && rows[j].doctor_id == r.doctor_id; ++j)
        if (!rows[j].room.empty()) rooms.insert(rows[j].room);
      std::string heading = r.doctor;
      if (!r.specialty.empty()) heading += " · " + r.specialty;
      if (!rooms.empty()) {
        heading += std::string(" · ") + _("Room");
        bool first = true;
        for (const auto& room : rooms) heading += (first ? " " : ", ") + room, first = false;
      }
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, kDoctorRow);
      ImGui::TableSetColumnIndex(0);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3);
      // Drawn across the whole row: a wider clip rect than the column's for this one line.
      ImVec2 at = ImGui::GetCursorScreenPos();
      ImVec2 win = ImGui::GetWindowPos();
      ImGui::PushClipRect(ImVec2(win.x, at.y - 3), ImVec2(win.x + ImGui::GetWindowWidth(), at.y + row_h), false);
      ImGui::PushFont(ctx_.shell.bold_font());
      ImGui::TextUnformatted(heading.c_str());
      ImGui::PopFont();
      ImGui::PopClipRect();
    }
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableSetColumnIndex(0);
    ImGui::Text("%s–%s", r.start.c_str(), r.end.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", r.patient.c_str());
    ImGui::TableSetColumnIndex(2);
    cell(r.card_no);
    ImGui::TableSetColumnIndex(3);
    cell(r.birth_date);
    ImGui::TableSetColumnIndex(4);
    cell(r.phone);
    ImGui::TableSetColumnIndex(5);
    if (r.first_visit) {
      ImGui::PushFont(ctx_.shell.bold_font());
      ImGui::TextColored(ImVec4(0.13f, 0.27f, 0.53f, 1), "%s", _("1st"));
      ImGui::PopFont();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("First visit: fill in a new card"));
    }
    ImGui::TableSetColumnIndex(6);
    if (r.services.empty()) ImGui::TextDisabled("—");
    else ImGui::TextWrapped("%s", r.services.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void TomorrowView::draw() {
  if (!rows_ && !loading_ && error_.empty()) reload();
  draw_heading();
  ImGui::Spacing();
  if (!rows_) return;
  if (rows_->empty()) {
    ImGui::Spacing();
    ImGui::TextUnformatted(_("Nobody is booked for this day."));
    return;
  }
  draw_table(*rows_);
}

}  // namespace rg::desk
