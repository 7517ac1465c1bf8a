#include "backup_view.h"

#include "palette.h"

#include <imgui.h>

#include <filesystem>

#include "clinic.h"
#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

std::string size_text(std::uintmax_t bytes) {
  if (bytes >= (1ull << 30)) return format_text(_("%.1f GB"), double(bytes) / double(1ull << 30));
  return format_text(_("%.1f MB"), double(bytes) / double(1ull << 20));
}

std::string when_text(std::int64_t at) {
  const LocalTime t = to_local(at);
  return t.date.ru() + " " + hhmm(t.minutes);
}

}  // namespace

void BackupView::load() {
  if (loading_) return;
  loading_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto status = db::backup_status(db, db::now_unix());
    std::vector<Copy> copies;
    if (status)
      if (auto files = db::list_backups(status->dir))
        for (auto& f : *files) {
          std::error_code ec;
          const auto bytes = std::filesystem::file_size(f.path, ec);
          copies.push_back({std::move(f), ec ? 0 : bytes});
        }
    auto dir = db::get_setting(db, "backup.dir");
    auto time = db::get_setting(db, "backup.time");
    return [this, status = std::move(status), copies = std::move(copies), dir = std::move(dir),
            time = std::move(time)]() mutable {
      loading_ = false;
      loaded_ = true;
      if (!status) {
        action_.error = status.error().message;
        return;
      }
      status_ = std::move(*status);
      copies_ = std::move(copies);
      copy_to(dir_, dir && *dir ? **dir : std::string());
      copy_to(time_, time && *time && !(*time)->empty() ? **time : std::string("13:00"));
    };
  });
}

void BackupView::draw() {
  if (!loaded_ && !loading_) load();
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Backups"));
  ImGui::PopFont();
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  if (!action_.notice.empty()) ImGui::TextColored(kGreen, "%s", action_.notice.c_str());
  if (!status_) return;
  const db::BackupStatus& s = *status_;
  const bool may = ctx_.may(db::Permission::SettingsEdit);
  const std::int64_t now = db::now_unix();
  constexpr float kField = 260.f;

  form_label(_("Last good copy"), kField);
  if (s.last_ok_at) {
    const double hours = double(now - *s.last_ok_at) / 3600.0;
    ImGui::TextColored(s.stale ? kAmber : kGreen, _("%s (%.0f h ago)"), when_text(*s.last_ok_at).c_str(), hours);
  } else {
    ImGui::TextColored(kAmber, "%s", _("none yet"));
  }
  form_label(_("Folder"), kField);
  ImGui::TextColored(s.folder_missing ? kError : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s%s", s.dir.c_str(),
                     s.folder_missing ? _(" — not available (a disk unplugged? a share not mounted?)") : "");
  if (s.free_bytes) {
    form_label(_("Free there"), kField);
    ImGui::TextColored(s.low_space ? kAmber : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s%s",
                       size_text(*s.free_bytes).c_str(), s.low_space ? _(" — nearly full: the next copies may not fit") : "");
  }
  if (!s.last_error.empty()) {
    form_label(_("Last try failed"), kField);
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", s.last_error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + kField);
  ImGui::BeginDisabled(action_.busy);
  if (guarded_button(action_.busy ? _("Copying…") : _("Make a copy now"), may, db::Permission::SettingsEdit,
                     ImVec2(260, 40))) {
    const db::Actor actor = ctx_.actor();
    run_action(
        ctx_.worker, action_,
        [actor](db::Database& db) -> Status {
          RG_TRY_ASSIGN(auto dir, db::backup_dir(db));
          auto made = db::take_backup(db, dir, db::now_unix(), actor);
          return made ? Status{} : Status(std::unexpected(made.error()));
        },
        _("The copy is made and checked."), [this] { load(); });
  }
  ImGui::EndDisabled();

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted(_("Where and when"));
  form_label(_("Folder for copies"), kField);
  ImGui::SetNextItemWidth(-170);
  ImGui::InputTextWithHint("##dir", _("empty: backups/ next to the database"), dir_, sizeof dir_);
  ImGui::SameLine();
  const db::Actor actor = ctx_.actor();
  if (guarded_button((std::string(_("Save")) + "##dir").c_str(), may && !action_.busy, db::Permission::SettingsEdit, ImVec2(150, 0))) {
    const std::string dir = fold_spaces(dir_);
    run_action(ctx_.worker, action_,
               [dir, actor](db::Database& db) { return db::change_setting(db, "backup.dir", dir, actor); }, _("Saved."),
               [this] { load(); });
  }
  form_label(_("Daily copy after"), kField);
  ImGui::SetNextItemWidth(90);
  ImGui::InputText("##time", time_, sizeof time_);
  ImGui::SameLine();
  const auto minutes = parse_hhmm(time_);
  if (guarded_button((std::string(_("Save")) + "##time").c_str(), may && !action_.busy && minutes.has_value(), db::Permission::SettingsEdit,
                     ImVec2(150, 0))) {
    const std::string at = hhmm(*minutes);
    run_action(ctx_.worker, action_,
               [at, actor](db::Database& db) { return db::change_setting(db, "backup.time", at, actor); }, _("Saved."),
               [this] { load(); });
  }
  ImGui::SameLine();
  ImGui::TextColored(kQuiet, "%s", _("(and at every till shift close)"));

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Text(_("Copies kept: %zu (7 daily, 4 weekly, 12 monthly)"), copies_.size());
  if (ImGui::BeginTable("copies", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                        ImVec2(0, std::max(120.f, ImGui::GetContentRegionAvail().y - 90)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("Taken"), ImGuiTableColumnFlags_WidthFixed, 180);
    ImGui::TableSetupColumn(_("Size"), ImGuiTableColumnFlags_WidthFixed, 120);
    ImGui::TableSetupColumn(_("File"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const auto& c : copies_) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(when_text(c.file.taken_at).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(size_text(c.bytes).c_str());
      ImGui::TableNextColumn();
      const float cell = ImGui::GetContentRegionAvail().x;
      ImGui::TextUnformatted(c.file.path.c_str());
      whole_on_hover(c.file.path, cell);
    }
    ImGui::EndTable();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::TextWrapped("%s", _("To put a copy back, close Registratura on every computer (desks, the kiosk), then run "
                             "on this one: registratura restore --from FILE. The current database is kept aside, the "
                             "copy is checked first, and an older copy is brought up to date."));
  ImGui::PopStyleColor();
}

}  // namespace rg::desk
