// What the view keeps is the last answer of the worker: the file's table (shared, read once), the
// mapping on screen, and the report of the last check or import. Every change of the mapping, a
// decision or the «skip bad rows» box sends a new check, so the counts always match the screen.
#include "import_view.h"

#include "palette.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "dialog.h"
#include "text.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr std::size_t kPreviewRows = 20;

// pgettext as ui/format.cpp has it: «М»/«Ж» for the sex column, apart from other one-letter words.
const char* pgettext_rg(const char* combined, const char* msgid) {
  const char* t = dgettext(RG_TEXT_DOMAIN, combined);
  return t == combined ? msgid : t;
}
#define C_(ctx, s) pgettext_rg(ctx "\004" s, s)

std::string column_label(const db::CsvTable& t, bool header, int c) {
  std::string name;
  if (!t.rows.empty() && static_cast<std::size_t>(c) < t.rows[0].size()) name = t.rows[0][static_cast<std::size_t>(c)];
  name = utf8_truncate(fold_spaces(name), 28);
  // Without a header row the first row's value shows what the column holds.
  return header || name.empty() ? format_text("%d · %s", c + 1, name.c_str())
                                : format_text(_("%d · e.g. %s"), c + 1, name.c_str());
}

std::size_t columns_of(const db::CsvTable& t) {
  std::size_t n = 0;
  for (std::size_t r = 0; r < t.rows.size() && r < 50; ++r) n = std::max(n, t.rows[r].size());
  return n;
}

// A cell as read: red with its reason on hover when it does not read.
void cell(const db::ImportRow& row, std::initializer_list<db::ImportField> fields, const std::string& shown,
          const std::string& raw) {
  const db::ImportCellError* bad = nullptr;
  for (auto f : fields)
    if (!bad) bad = row.error_in(f);
  if (bad) {
    ImGui::TextColored(kError, "%s", raw.empty() ? _("(empty)") : raw.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", bad->reason.c_str());
  } else {
    ImGui::TextUnformatted(shown.c_str());
    if (!shown.empty() && ImGui::IsItemHovered() && ImGui::CalcTextSize(shown.c_str()).x > ImGui::GetColumnWidth())
      ImGui::SetTooltip("%s", shown.c_str());
  }
}

// The name on its line, the date of birth and the phone on the next (a date is never broken).
void person(const db::PatientSummary& p, const std::string& where) {
  ImGui::TextWrapped("%s", full_name(p.surname, p.name, p.patronymic).c_str());
  std::string s;
  if (auto d = Date::parse_iso(p.birth_date)) s = d->ru();
  if (!p.phone.empty()) s += (s.empty() ? "" : " · ") + format_phone(p.phone);
  ImGui::TextUnformatted(s.c_str());
  if (!where.empty()) ImGui::TextColored(kQuiet, "%s", where.c_str());
}

}  // namespace

void ImportView::prepare_shot(int tab) {
#ifdef REGISTRATURA_IMPORT_SAMPLE
  std::snprintf(path_, sizeof path_, "%s", REGISTRATURA_IMPORT_SAMPLE);
#endif
  want_tab_ = tab == 1 ? Tab::Errors : tab == 2 ? Tab::Skipped : Tab::Duplicates;
  skip_bad_ = tab == 1;  // the second shot: the bad rows skipped, the import ready
  decisions_.clear();
  read();
}

void ImportView::read() {
  const std::string path = fold_spaces(path_);
  if (path.empty()) return;
  busy_ = true;
  error_.clear();
  notice_.clear();
  const int gen = ++generation_;
  const db::Actor actor = ctx_.actor();
  const bool skip_bad = skip_bad_;
  ctx_.worker.submit([this, gen, path, actor, skip_bad](db::Database& db) -> db::Worker::Continuation {
    auto read = db::read_csv(path);
    std::shared_ptr<const db::CsvTable> table;
    db::ImportMapping mapping;
    auto report = std::make_shared<std::optional<Result<db::ImportReport>>>();
    std::string problem = read ? std::string() : read.error().message;
    if (read) {
      table = std::make_shared<const db::CsvTable>(std::move(*read));
      mapping = db::detect_mapping(*table);
      if (db::mapping_problem(mapping).empty()) {
        db::ImportOptions o;
        o.mapping = mapping;
        o.dry_run = true;
        o.skip_bad_rows = skip_bad;
        o.preview_rows = kPreviewRows;
        *report = db::import_patients(db, *table, o, actor);
      }
    }
    return [this, gen, path, table, mapping, report, problem]() {
      if (gen != generation_) return;
      busy_ = false;
      if (!table) {
        error_ = problem;
        return;
      }
      table_ = table;
      table_file_ = path;
      mapping_ = mapping;
      decisions_.clear();
      report_.reset();
      report_is_import_ = false;
      if (*report && !**report) error_ = (**report).error().message;
      else if (*report) report_ = std::move(***report);
    };
  });
}

void ImportView::check(bool write) {
  if (!table_ || !db::mapping_problem(mapping_).empty()) return;
  busy_ = true;
  error_.clear();
  notice_.clear();
  const int gen = ++generation_;
  db::ImportOptions o;
  o.mapping = mapping_;
  o.dry_run = !write;
  o.skip_bad_rows = skip_bad_;
  o.decisions = decisions_;
  o.preview_rows = kPreviewRows;
  o.file_name = std::filesystem::path(table_file_).filename().string();
  ctx_.worker.submit([this, gen, o, table = table_, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    auto report = std::make_shared<Result<db::ImportReport>>(db::import_patients(db, *table, o, actor));
    return [this, gen, report]() {
      if (gen != generation_) return;
      busy_ = false;
      if (!*report) {
        error_ = report->error().message;
        return;
      }
      report_ = std::move(**report);
      report_is_import_ = report_->written;
      if (report_->written)
        notice_ = format_text(_("Done: imported %zu, merged into existing cards %zu, skipped %zu."),
                              report_->imported.size(), report_->merged.size(), report_->skipped.size());
      if (report_->written && !report_->skipped.empty()) want_tab_ = Tab::Skipped;
    };
  });
}

void ImportView::draw_mapping() {
  const db::CsvTable& t = *table_;
  const std::size_t ncols = columns_of(t);
  // Three fields a row; each label column as wide as its own longest label, the combos share the rest.
  float label_w[3] = {0, 0, 0};
  int n = 0;
  for (auto f : db::kImportFields)
    label_w[n % 3] = std::max(label_w[n % 3], ImGui::CalcTextSize(db::import_field_title(f).c_str()).x), ++n;
  bool changed = false;
  if (ImGui::BeginTable("mapping", 6, ImGuiTableFlags_SizingStretchSame)) {
    for (int k = 0; k < 3; ++k) {
      ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, label_w[k] + 8);
      ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch);
    }
    int i = 0;
    for (auto f : db::kImportFields) {
      if (i % 3 == 0) ImGui::TableNextRow();
      ++i;
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(db::import_field_title(f).c_str());
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(f));
      ImGui::SetNextItemWidth(-8);
      const int cur = mapping_[f];
      const std::string preview = cur < 0 ? std::string(_("— not in the file")) : column_label(t, mapping_.header, cur);
      if (ImGui::BeginCombo("##col", preview.c_str())) {
        if (ImGui::Selectable(_("— not in the file"), cur < 0)) mapping_[f] = -1, changed = true;
        for (std::size_t c = 0; c < ncols; ++c) {
          const int ci = static_cast<int>(c);
          if (ImGui::Selectable(column_label(t, mapping_.header, ci).c_str(), cur == ci)) mapping_[f] = ci, changed = true;
        }
        ImGui::EndCombo();
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (ImGui::Checkbox(_("The first row names the columns"), &mapping_.header)) changed = true;
  if (changed) check(false);
}

void ImportView::draw_preview(float height) {
  const db::ImportReport& r = *report_;
  std::map<std::size_t, const db::ImportDuplicate*> dups;
  for (const auto& d : r.duplicates) dups[d.line] = &d;
  using F = db::ImportField;
  if (!ImGui::BeginTable("preview", 8,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_Resizable,
                         ImVec2(0, height)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("Line"), ImGuiTableColumnFlags_WidthFixed, 58);
  ImGui::TableSetupColumn(_("Card No."), ImGuiTableColumnFlags_WidthFixed, 80);
  ImGui::TableSetupColumn(_("Full name"), ImGuiTableColumnFlags_WidthStretch, 2.f);
  ImGui::TableSetupColumn(_("Date of birth"), ImGuiTableColumnFlags_WidthFixed, 126);
  ImGui::TableSetupColumn(_("Sex"), ImGuiTableColumnFlags_WidthFixed, 40);
  ImGui::TableSetupColumn(_("Phones"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(_("Other fields"), ImGuiTableColumnFlags_WidthStretch, 1.f);
  ImGui::TableSetupColumn(_("What is wrong"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableHeadersRow();
  for (const auto& row : r.preview) {
    const auto& d = row.draft;
    auto raw = [&row](F f) { return row.text[static_cast<std::size_t>(f)]; };
    ImGui::PushID(static_cast<int>(row.line));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(row.ok() ? kQuiet : kError, "%zu", row.line);
    ImGui::TableNextColumn();
    cell(row, {F::CardNo}, row.card_no, raw(F::CardNo));
    ImGui::TableNextColumn();
    const std::string name = full_name(d.surname, d.name, d.patronymic);
    cell(row, {F::Surname, F::Name, F::Patronymic, F::FullName}, name,
         mapping_.has(F::FullName) && raw(F::Surname).empty()
             ? raw(F::FullName)
             : fold_spaces(raw(F::Surname) + " " + raw(F::Name) + " " + raw(F::Patronymic)));
    ImGui::TableNextColumn();
    cell(row, {F::BirthDate}, row.error_in(F::BirthDate) ? std::string() : d.birth_date.ru(), raw(F::BirthDate));
    ImGui::TableNextColumn();
    cell(row, {F::Sex}, row.error_in(F::Sex) ? std::string() : std::string(d.sex == 'M' ? C_("sex", "M") : C_("sex", "F")), raw(F::Sex));
    ImGui::TableNextColumn();
    std::string phones;
    for (const auto& p : d.phones) phones += (phones.empty() ? "" : ", ") + format_phone(p.number);
    cell(row, {F::Phones, F::Phones2}, phones,
         fold_spaces(raw(F::Phones) + (raw(F::Phones2).empty() ? "" : "; " + raw(F::Phones2))));
    ImGui::TableNextColumn();
    std::string other;
    for (const std::string& s : {d.email, d.snils.value_or(""), d.address, d.notes})
      if (!s.empty()) other += (other.empty() ? "" : " · ") + fold_spaces(s);
    const db::ImportCellError* other_bad = nullptr;
    for (auto f : {F::Email, F::Snils, F::Address, F::Notes})
      if (!other_bad) other_bad = row.error_in(f);
    cell(row, {F::Email, F::Snils, F::Address, F::Notes}, other,
         other_bad ? raw(other_bad->field) : std::string());
    ImGui::TableNextColumn();
    if (!row.ok()) {
      std::string why;
      for (const auto& e : row.errors) why += (why.empty() ? "" : " ") + e.reason;
      ImGui::PushStyleColor(ImGuiCol_Text, kError);
      ImGui::TextWrapped("%s", why.c_str());
      ImGui::PopStyleColor();
    } else if (auto it = dups.find(row.line); it != dups.end()) {
      const auto& dup = *it->second;
      const std::string where = dup.patient_id ? format_text(_("A duplicate of card No. %s"), dup.other.card_no.c_str())
                                               : format_text(_("A duplicate of line %zu"), dup.other_line);
      ImGui::TextColored(kAmber, "%s", where.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", dup.why.c_str());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void ImportView::draw_lists(float height) {
  const db::ImportReport& r = *report_;
  if (!ImGui::BeginTabBar("lists")) return;
  auto tab = [this](Tab t, const std::string& label) {
    ImGuiTabItemFlags flags = 0;
    if (want_tab_ == t) flags |= ImGuiTabItemFlags_SetSelected;
    return ImGui::BeginTabItem(label.c_str(), nullptr, flags);
  };
  const float h = std::max(80.f, height - ImGui::GetFrameHeightWithSpacing());
  if (tab(Tab::Duplicates, format_text(_("Duplicates (%zu)"), r.duplicates.size()) + "###dups")) {
    if (r.duplicates.empty()) ImGui::TextColored(kQuiet, "%s", _("No row repeats a card or another row."));
    else if (ImGui::BeginTable("dups", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                               ImVec2(0, h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(_("Line"), ImGuiTableColumnFlags_WidthFixed, 64);
      ImGui::TableSetupColumn(_("What matches"), ImGuiTableColumnFlags_WidthStretch, 1.f);
      ImGui::TableSetupColumn(_("In the file"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGui::TableSetupColumn(_("Already there"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
      ImGui::TableSetupColumn(_("What to do"), ImGuiTableColumnFlags_WidthFixed, 290);
      ImGui::TableHeadersRow();
      bool changed = false;
      for (const auto& d : r.duplicates) {
        ImGui::PushID(static_cast<int>(d.line));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%zu", d.line);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", d.why.c_str());
        ImGui::TableNextColumn();
        person(d.row, d.row.card_no.empty() ? std::string() : format_text(_("card No. %s"), d.row.card_no.c_str()));
        ImGui::TableNextColumn();
        person(d.other, d.patient_id ? format_text(_("card No. %s in the database"), d.other.card_no.c_str())
                                     : format_text(_("line %zu of the file"), d.other_line));
        ImGui::TableNextColumn();
        auto it = decisions_.find(d.line);
        const db::DuplicateAction cur = it != decisions_.end() ? it->second : db::DuplicateAction::Skip;
        ImGui::SetNextItemWidth(-1);
        ImGui::BeginDisabled(busy_ || report_is_import_);
        if (ImGui::BeginCombo("##what", db::duplicate_action_title(cur).c_str())) {
          for (auto a : {db::DuplicateAction::Skip, db::DuplicateAction::Merge, db::DuplicateAction::Separate})
            if (ImGui::Selectable(db::duplicate_action_title(a).c_str(), a == cur)) decisions_[d.line] = a, changed = true;
          ImGui::EndCombo();
        }
        ImGui::EndDisabled();
        ImGui::PopID();
      }
      ImGui::EndTable();
      if (changed) check(false);
    }
    ImGui::EndTabItem();
  }
  if (tab(Tab::Errors, format_text(_("Errors (%zu)"), r.errors.size()) + "###errors")) {
    if (r.errors.empty()) ImGui::TextColored(kGreen, "%s", _("Every row reads."));
    else if (ImGui::BeginTable("errors", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                               ImVec2(0, h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(_("Line"), ImGuiTableColumnFlags_WidthFixed, 64);
      ImGui::TableSetupColumn(_("Column"), ImGuiTableColumnFlags_WidthFixed, 260);
      ImGui::TableSetupColumn(_("What is wrong"), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(r.errors.size()));
      while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const auto& e = r.errors[static_cast<std::size_t>(i)];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::Text("%zu", e.line);
          ImGui::TableNextColumn();
          if (e.column >= 0) ImGui::TextUnformatted(column_label(*table_, mapping_.header, e.column).c_str());
          ImGui::TableNextColumn();
          ImGui::TextColored(kError, "%s", e.reason.c_str());
        }
      ImGui::EndTable();
    }
    ImGui::EndTabItem();
  }
  if (tab(Tab::Skipped, format_text(_("Skipped (%zu)"), r.skipped.size()) + "###skipped")) {
    if (r.blocked) ImGui::TextColored(kQuiet, "%s", _("Nothing is imported while rows have errors."));
    else if (r.skipped.empty()) ImGui::TextColored(kQuiet, "%s", _("No row is skipped."));
    else if (ImGui::BeginTable("skipped", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                               ImVec2(0, h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(_("Line"), ImGuiTableColumnFlags_WidthFixed, 64);
      ImGui::TableSetupColumn(_("Why"), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(r.skipped.size()));
      while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const auto& s = r.skipped[static_cast<std::size_t>(i)];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::Text("%zu", s.line);
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(s.why.c_str());
        }
      ImGui::EndTable();
    }
    ImGui::EndTabItem();
  }
  want_tab_.reset();
  ImGui::EndTabBar();
}

void ImportView::draw_footer() {
  const db::ImportReport& r = *report_;
  if (r.blocked) {
    std::set<std::size_t> bad;
    for (const auto& e : r.errors) bad.insert(e.line);
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped(_("Rows with errors: %zu. Nothing is imported until they are fixed in the file, or tick "
                         "«Skip the rows with errors»."),
                       bad.size());
    ImGui::PopStyleColor();
  } else {
    ImGui::TextUnformatted(format_text(report_is_import_ ? _("Imported: %zu · merged into existing cards: %zu · skipped: %zu")
                                                         : _("Will be imported: %zu · merged into existing cards: %zu · "
                                                             "skipped: %zu"),
                                       r.imported.size(), r.merged.size(), r.skipped.size())
                               .c_str());
  }
  constexpr float kButtonH = 40;
  const float y = ImGui::GetCursorPosY();
  const float centred = y + (kButtonH - ImGui::GetFrameHeight()) / 2;
  ImGui::BeginDisabled(busy_ || report_is_import_);
  ImGui::SetCursorPosY(centred);
  if (ImGui::Checkbox(_("Skip the rows with errors"), &skip_bad_)) check(false);
  ImGui::SameLine(0, 30);
  ImGui::SetCursorPosY(y);
  if (ImGui::Button(_("Check (nothing is written)"), ImVec2(280, kButtonH))) check(false);
  ImGui::SameLine();
  ImGui::BeginDisabled(r.blocked || (r.imported.empty() && r.merged.empty()));
  if (primary_button(busy_ ? _("Working…") : _("Import"), ImVec2(220, kButtonH))) check(true);
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  if (report_is_import_) {
    ImGui::SameLine();
    ImGui::SetCursorPosY(centred + ImGui::GetStyle().FramePadding.y);
    ImGui::TextColored(kQuiet, "%s", _("To import another file, read it."));
  }
}

void ImportView::draw() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Patient import"));
  ImGui::PopFont();
  if (!ctx_.may(db::Permission::PatientsEdit)) {
    ImGui::TextColored(kAmber, _("Needs the permission «%s»: ask a person who has it."),
                       db::permission_title(db::Permission::PatientsEdit).c_str());
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::TextWrapped("%s", _("A CSV file from the old program or Excel (UTF-8 or Windows-1251; separated by «;», «,» "
                             "or tab). Nothing is written until «Import», and then the file goes in whole or not at all."));
  ImGui::PopStyleColor();
  form_label(_("File"), 70);
  const float button_w = 180;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x);
  const bool enter = ImGui::InputTextWithHint("##path", _("the full path, e.g. /home/registrar/patients.csv"), path_,
                                              sizeof path_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(busy_ || blank(path_));
  if (ImGui::Button(_("Read"), ImVec2(button_w, 0)) || (enter && !busy_ && !blank(path_))) read();
  ImGui::EndDisabled();
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
  if (!notice_.empty()) ImGui::TextColored(kGreen, "%s", notice_.c_str());
  if (busy_) ImGui::TextColored(kQuiet, "%s", _("Reading and checking the file…"));
  if (!table_) return;
  const std::size_t data_rows = table_->rows.size() - (mapping_.header && !table_->rows.empty() ? 1 : 0);
  ImGui::TextColored(kQuiet, _("%s · %s, separated by «%s» · rows: %zu"),
                     std::filesystem::path(table_file_).filename().string().c_str(), table_->encoding.c_str(),
                     table_->separator == '\t' ? _("tab") : std::string(1, table_->separator).c_str(), data_rows);
  ImGui::BeginDisabled(busy_ || report_is_import_);
  draw_mapping();
  ImGui::EndDisabled();
  if (auto problem = db::mapping_problem(mapping_); !problem.empty()) {
    ImGui::TextColored(kAmber, "%s", problem.c_str());
    return;
  }
  if (!report_) return;
  const float footer = 2 * ImGui::GetFrameHeightWithSpacing() + 30;
  const float avail = std::max(200.f, ImGui::GetContentRegionAvail().y - footer);
  ImGui::TextColored(kQuiet, _("The first %zu rows as read (a cell in red does not read: point at it for the reason):"),
                     std::min(report_->rows, kPreviewRows));
  draw_preview(avail * 0.5f - ImGui::GetTextLineHeightWithSpacing());
  draw_lists(avail * 0.5f);
  draw_footer();
}

}  // namespace rg::desk
