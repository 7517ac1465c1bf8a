// The rows, their count and the file all come from db/audit_query on the worker (which checks
// the reader's AuditView again); the screen keeps the filters and draws.
#include "audit_screen.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "text.h"
#include "tomorrow_view.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

const ImVec4 kSaved(0.10f, 0.45f, 0.20f, 1);

// A cell's text, wrapped to the column; a dash when there is none.
void wrapped_cell(const std::string& text) {
  if (text.empty()) {
    ImGui::TextDisabled("—");
    return;
  }
  ImGui::PushTextWrapPos(0.f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

// A label before a filter's field, on the field's baseline.
void filter_label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(kQuiet, "%s", text);
  ImGui::SameLine();
}

std::string staff_line(const db::StaffMember& m) {
  std::string roles;
  for (db::Role r : m.roles) roles += (roles.empty() ? "" : ", ") + db::role_title(r);
  std::string s = m.full_name;
  if (!roles.empty()) s += " · " + roles;
  return s;
}

std::string patient_choice(const db::PatientSummary& p) {
  return format_text(_("%s (card %s)"), masked_name(p.surname, p.name, p.patronymic).c_str(), p.card_no.c_str());
}

}  // namespace

AuditScreen::AuditScreen(DeskContext& ctx) : Screen(ctx), picker_(ctx) {
  to_ = today();
  from_ = to_.plus_days(-6);
  std::snprintf(from_text_, sizeof from_text_, "%s", from_.ru().c_str());
  std::snprintf(to_text_, sizeof to_text_, "%s", to_.ru().c_str());
}

std::string AuditScreen::title() const { return _("Audit journal"); }

void AuditScreen::on_show() {
  if (!staff_loaded_) {
    staff_loaded_ = true;
    ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
      auto staff = db::list_staff(db);
      return [this, staff = std::move(staff)]() mutable {
        if (staff) staff_ = std::move(*staff);
      };
    });
  }
  if (!rows_ && !loading_) reload();
}

void AuditScreen::on_data_changed() {
  // Whatever is shown is read again (new rows come in at the top); the pages loaded stay loaded.
  if (rows_) reload(std::max(kPage, int(rows_->size())));
}

void AuditScreen::prepare_screenshot() {
  // A week of everything: the supervisor's usual first look.
  person_.reset();
  patient_.reset();
  kind_ = db::AuditKind::All;
  set_period(Period::Week);
}

void AuditScreen::prepare_extra_shot(const std::string& name) {
  if (name != "patient") return;
  auto done = std::make_shared<bool>(false);
  ctx_.worker.submit([this, done, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    std::optional<db::PatientSummary> who;
    db::AuditFilter f;
    f.action_prefixes = {"patient"};
    f.limit = 50;
    if (auto rows = db::read_audit(db, f, actor))
      for (const auto& r : *rows)
        if (r.patient_id) {
          if (auto p = db::get_patient(db, *r.patient_id)) who = db::summary_of(*p);
          break;
        }
    return [this, done, who]() {
      *done = true;
      set_period(Period::Month);
      if (who) set_patient(who);
    };
  });
  ctx_.shell.render_until([this] { draw(); }, [this, done] { return *done && ctx_.worker.idle(); }, 400);
}

void AuditScreen::set_period(Period p) {
  period_ = p;
  if (p != Period::Custom) {
    to_ = today();
    from_ = p == Period::Today ? to_ : p == Period::Week ? to_.plus_days(-6) : to_.plus_days(-29);
    std::snprintf(from_text_, sizeof from_text_, "%s", from_.ru().c_str());
    std::snprintf(to_text_, sizeof to_text_, "%s", to_.ru().c_str());
  }
  reload();
}

void AuditScreen::set_kind(db::AuditKind k) {
  kind_ = k;
  reload();
}

void AuditScreen::set_person(std::optional<std::int64_t> user_id) {
  person_ = user_id;
  reload();
}

void AuditScreen::set_patient(std::optional<db::PatientSummary> patient) {
  patient_ = std::move(patient);
  reload();
}

db::AuditFilter AuditScreen::filter() const {
  db::AuditFilter f;
  f.user_id = person_;
  if (patient_) f.patient_id = patient_->id;
  f.action_prefixes = db::audit_kind_prefixes(kind_);
  f.from = std::min(from_, to_);
  f.to = std::max(from_, to_);
  f.limit = kPage;
  return f;
}

void AuditScreen::reload(int limit) {
  const int gen = ++generation_;
  loading_ = true;
  loading_more_ = false;
  db::AuditFilter f = filter();
  f.limit = limit;
  ctx_.worker.submit([this, gen, f, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    auto total = db::count_audit(db, f, actor);
    auto rows = total ? db::read_audit(db, f, actor) : Result<std::vector<db::AuditRow>>(std::unexpected(total.error()));
    return [this, gen, total, rows = std::move(rows)]() mutable {
      if (gen != generation_) return;  // the filters changed since
      loading_ = false;
      if (!rows) {
        error_ = rows.error().message;
        rows_ = std::vector<db::AuditRow>{};
        total_ = 0;
        return;
      }
      error_.clear();
      total_ = *total;
      rows_ = std::move(*rows);
    };
  });
}

void AuditScreen::load_more() {
  if (!rows_ || loading_more_) return;
  loading_more_ = true;
  const int gen = generation_;
  db::AuditFilter f = filter();
  f.offset = int(rows_->size());
  ctx_.worker.submit([this, gen, f, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    auto rows = db::read_audit(db, f, actor);
    return [this, gen, rows = std::move(rows)]() mutable {
      if (gen != generation_ || !rows_) return;
      loading_more_ = false;
      if (!rows) {
        error_ = rows.error().message;
        return;
      }
      for (auto& r : *rows) rows_->push_back(std::move(r));
    };
  });
}

void AuditScreen::save_csv() {
  saving_ = true;
  saved_path_.clear();
  save_error_.clear();
  const std::int64_t now = db::now_unix();
  const LocalTime t = to_local(now);
  char stamp[16];
  std::snprintf(stamp, sizeof stamp, "%02d%02d%02d", t.minutes / 60, t.minutes % 60, int(((now % 60) + 60) % 60));
  const std::string path =
      (std::filesystem::path(TomorrowView::export_dir()) / ("audit-" + t.date.iso() + "-" + stamp + ".csv")).string();
  ctx_.worker.submit([this, f = filter(), path, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    auto written = db::export_audit(db, f, path, actor);
    return [this, path, written = std::move(written)]() {
      saving_ = false;
      if (written) {
        saved_path_ = path;
        saved_rows_ = *written;
      } else {
        save_error_ = written.error().message;
      }
    };
  });
}

void AuditScreen::draw_filters() {
  // Who did it.
  filter_label(_("Who"));
  std::string who = _("All staff");
  for (const auto& m : staff_)
    if (person_ == m.id) who = m.full_name;
  ImGui::SetNextItemWidth(290);
  if (ImGui::BeginCombo("##person", who.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(_("All staff"), !person_)) set_person(std::nullopt);
    for (const auto& m : staff_) {
      ImGui::PushID(int(m.id));
      if (ImGui::Selectable(staff_line(m).c_str(), person_ == m.id)) set_person(m.id);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }

  // Whose data: a patient found by name, phone or card No.
  ImGui::SameLine(0, 28);
  filter_label(_("Patient"));
  const std::string whose = patient_ ? patient_choice(*patient_) : std::string(_("All patients"));
  ImGui::SetNextItemWidth(300);
  ImGui::SetNextWindowSizeConstraints(ImVec2(560, 0), ImVec2(760, 420));
  if (ImGui::BeginCombo("##patient", whose.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::IsWindowAppearing()) picker_.focus();
    if (patient_ && ImGui::Selectable(_("All patients"))) set_patient(std::nullopt), picker_.reset();
    if (picker_.draw("audit_patient") && picker_.picked) {
      set_patient(picker_.picked);
      picker_.reset();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndCombo();
  }

  // What kind of action.
  ImGui::SameLine(0, 28);
  filter_label(_("Actions"));
  ImGui::SetNextItemWidth(270);
  if (ImGui::BeginCombo("##kind", db::audit_kind_title(kind_).c_str(), ImGuiComboFlags_HeightLarge)) {
    for (db::AuditKind k : db::kAuditKinds)
      if (ImGui::Selectable(db::audit_kind_title(k).c_str(), kind_ == k)) set_kind(k);
    ImGui::EndCombo();
  }
  draw_period();
}

void AuditScreen::draw_period() {
  filter_label(_("Period"));
  auto date_field = [this](const char* id, char* text, size_t size, Date& date) {
    const bool bad = !Date::parse_ru(text);
    if (bad) ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00.00.00000").x + ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::InputText(id, text, size, ImGuiInputTextFlags_CharsDecimal)) {
      if (auto d = Date::parse_ru(text); d && d->year() >= 2000) {
        date = *d;
        period_ = Period::Custom;
        reload();
      }
    }
    if (bad) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", _("A date as 01.06.2025"));
  };
  date_field("##from", from_text_, sizeof from_text_, from_);
  ImGui::SameLine();
  ImGui::TextUnformatted("–");
  ImGui::SameLine();
  date_field("##to", to_text_, sizeof to_text_, to_);
  ImGui::SameLine(0, 20);
  const std::pair<Period, const char*> quick[] = {
      {Period::Today, _("Today")}, {Period::Week, _("7 days")}, {Period::Month, _("30 days")}};
  for (const auto& [p, label] : quick) {
    if (ImGui::RadioButton(label, period_ == p)) set_period(p);
    ImGui::SameLine();
  }
  const bool filtered = person_ || patient_ || kind_ != db::AuditKind::All || period_ != Period::Week;
  if (filtered) {
    ImGui::SameLine(0, 20);
    if (ImGui::SmallButton(_("Clear the filters"))) {
      person_.reset();
      patient_.reset();
      kind_ = db::AuditKind::All;
      set_period(Period::Week);
    }
  } else {
    ImGui::NewLine();
  }
}

void AuditScreen::draw_export_line() {
  if (saving_) ImGui::TextColored(kQuiet, "%s", _("Saving…"));
  if (!saved_path_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kSaved);
    ImGui::TextWrapped("%s %s (%s)", _("Saved:"), saved_path_.c_str(),
                       format_text(_("rows: %lld"), static_cast<long long>(saved_rows_)).c_str());
    ImGui::PopStyleColor();
  }
  if (!save_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", save_error_.c_str());
    ImGui::PopStyleColor();
  }
}

void AuditScreen::draw_table() {
  const auto& rows = *rows_;
  if (rows.empty()) {
    if (!error_.empty()) return;  // refused or failed: the error above says why
    ImGui::Spacing();
    ImGui::TextColored(kQuiet, "%s", _("Nothing was recorded in this period with these filters."));
    return;
  }
  const bool more = std::int64_t(rows.size()) < total_;
  const float footer = more ? ImGui::GetFrameHeightWithSpacing() + 4 : 0.f;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("audit", 6, flags, ImVec2(0, -footer))) {
    const float time_w = ImGui::CalcTextSize("00.00.0000 00:00:00").x + 8;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("Time"), ImGuiTableColumnFlags_WidthFixed, time_w);
    ImGui::TableSetupColumn(_("Person"), ImGuiTableColumnFlags_WidthStretch, 0.65f);
    ImGui::TableSetupColumn(_("Workplace"), ImGuiTableColumnFlags_WidthFixed, 120.f);
    ImGui::TableSetupColumn(_("Action"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(_("Object"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(_("What changed"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableHeadersRow();
    // Every loaded row (a page is 200; rows differ in height as their details wrap, which a
    // clipper would get wrong).
    for (size_t i = 0; i < rows.size(); ++i) {
      const db::AuditRow& r = rows[i];
      ImGui::TableNextRow();
      ImGui::PushID(int(i));
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(db::audit_time(r.at_ms).c_str());
      ImGui::TableSetColumnIndex(1);
      wrapped_cell(r.person_short);
      if (r.person_short != r.person && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.person.c_str());
      ImGui::TableSetColumnIndex(2);
      wrapped_cell(r.workplace);
      ImGui::TableSetColumnIndex(3);
      wrapped_cell(r.what);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.action.c_str());
      ImGui::TableSetColumnIndex(4);
      wrapped_cell(r.object);
      ImGui::TableSetColumnIndex(5);
      wrapped_cell(r.changes);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (more) {
    ImGui::BeginDisabled(loading_more_);
    const std::string label =
        format_text(_("Show more (shown %lld of %lld)"), static_cast<long long>(rows.size()), static_cast<long long>(total_));
    if (ui::button(label.c_str())) load_more();
    ImGui::EndDisabled();
  }
}

void AuditScreen::draw() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Audit journal"));
  ImGui::PopFont();
  ImGui::SameLine(0, 24);
  ImGui::AlignTextToFramePadding();
  if (rows_) ImGui::TextColored(kQuiet, "%s", format_text(_("Records: %lld"), static_cast<long long>(total_)).c_str());
  else ImGui::TextColored(kQuiet, "%s", _("Loading…"));

  // The export on the right of the heading.
  const char* label = _("Export CSV");
  const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 16, ImGui::GetWindowContentRegionMax().x - w));
  ImGui::BeginDisabled(saving_ || !rows_ || rows_->empty());
  if (ui::button(label)) save_csv();
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", (std::string(_("A file for Excel in the folder")) + " " + TomorrowView::export_dir() +
                             "\n" + _("The export is recorded in the journal too."))
                                .c_str());

  ImGui::Spacing();
  draw_filters();
  draw_export_line();
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", error_.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  if (rows_) draw_table();
}

}  // namespace rg::desk
