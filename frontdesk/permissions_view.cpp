#include "permissions_view.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {


}  // namespace

void PermissionsView::load() {
  busy_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto grants = db::role_permissions(db);
    return [this, grants = std::move(grants)]() {
      busy_ = false;
      loaded_ = true;
      if (grants) grants_ = *grants;
      else error_ = grants.error().message;
    };
  });
}

bool PermissionsView::granted(db::Role r, db::Permission p) const {
  return std::any_of(grants_.begin(), grants_.end(),
                     [&](const db::Grant& g) { return g.role == r && g.permission == p; });
}

void PermissionsView::draw() {
  if (!loaded_ && !busy_) load();
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Permissions"));
  ImGui::PopFont();
  ImGui::TextColored(kQuiet, "%s",
                     _("What each role may do. The core checks it at every change, at every desk, from the next "
                       "action on."));
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
  ImGui::Spacing();
  const int columns = 1 + static_cast<int>(std::size(db::kRoles));
  if (!ImGui::BeginTable("grants", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                               ImGuiTableFlags_ScrollY))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn(_("Permission"), ImGuiTableColumnFlags_WidthStretch);
  // A role's column is as wide as the longest word of its name: the words go one under another.
  for (db::Role r : db::kRoles) {
    std::string head = db::role_title(r);
    float widest = 0;
    for (size_t from = 0; from <= head.size();) {
      size_t to = head.find(' ', from);
      if (to == std::string::npos) to = head.size();
      widest = std::max(widest, ImGui::CalcTextSize(head.data() + from, head.data() + to).x);
      if (to < head.size()) head[to] = '\n';
      from = to + 1;
    }
    ImGui::TableSetupColumn(head.c_str(), ImGuiTableColumnFlags_WidthFixed, std::max(widest, 60.f) + 8);
  }
  ImGui::TableHeadersRow();
  ImGui::BeginDisabled(busy_);
  for (db::Permission p : db::kPermissions) {
    ImGui::PushID(static_cast<int>(p));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", db::permission_title(p).c_str());
    for (db::Role r : db::kRoles) {
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(r));
      bool on = granted(r, p);
      if (ImGui::Checkbox("##g", &on)) {
        busy_ = true;
        error_.clear();
        ctx_.worker.submit([this, r, p, on, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
          Status st = db::set_role_permission(db, r, p, on, actor);
          auto grants = db::role_permissions(db);
          return [this, st, grants = std::move(grants)]() {
            busy_ = false;
            if (!st) error_ = st.error().message;
            if (grants) grants_ = *grants;
          };
        });
      }
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  ImGui::EndDisabled();
  ImGui::EndTable();
}

}  // namespace rg::desk
