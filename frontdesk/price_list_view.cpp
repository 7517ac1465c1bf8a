#include "price_list_view.h"

#include "palette.h"

#include <imgui.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "dialog.h"
#include "money.h"
#include "text.h"
#include "tomorrow_view.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

constexpr float kField = 250.f;

Date local_today() { return to_local(db::now_unix()).date; }

// «2030-06-03-101502»: export files never overwrite each other.
std::string file_stamp() {
  const std::int64_t now = db::now_unix();
  const LocalTime t = to_local(now);
  char s[16];
  std::snprintf(s, sizeof s, "%02d%02d%02d", t.minutes / 60, t.minutes % 60, static_cast<int>(((now % 60) + 60) % 60));
  return t.date.iso() + "-" + s;
}

std::optional<Date> read_day(const char* text) {
  auto d = Date::parse_ru(fold_spaces(text));
  if (!d) d = Date::parse_iso(fold_spaces(text));
  if (d && !d->valid()) return std::nullopt;
  return d;
}

std::string price_since(const db::PriceRow& p) {
  return format_text(_("%s from %s"), ui::money(p.price).c_str(), p.from.ru().c_str());
}

}  // namespace

void PriceListView::load() {
  if (loading_) return;
  loading_ = true;
  ctx_.worker.submit([this](db::Database& db) -> db::Worker::Continuation {
    auto cards = db::list_service_cards(db, db::now_unix());
    auto specialties = db::service_specialties(db);
    return [this, cards = std::move(cards), specialties = std::move(specialties)]() mutable {
      loading_ = false;
      loaded_ = true;
      if (cards) services_ = std::move(*cards);
      else action_.error = cards.error().message;
      if (specialties) specialties_ = std::move(*specialties);
      // The open service as the database has it now.
      if (form_ && form_->id)
        for (const auto& c : services_)
          if (c.id == *form_->id) form_->active = c.active, form_->history = c.history;
      if (pending_edit_shot_ && !services_.empty()) {
        pending_edit_shot_ = false;
        edit(&services_.front());
        copy_to(form_->price, "1 750,00");
      }
    };
  });
}

void PriceListView::edit(const db::ServiceCard* c) {
  form_.emplace();
  form_open_ = form_just_opened_ = true;
  form_action_ = {};
  Form& f = *form_;
  if (!c) {
    copy_to(f.from, local_today().ru());
    return;
  }
  f.id = c->id;
  f.active = c->active;
  copy_to(f.code, c->service.code);
  copy_to(f.name, c->service.name);
  copy_to(f.short_name, c->service.short_name);
  copy_to(f.category, c->service.category);
  f.specialty = c->service.specialty_id;
  f.duration = c->service.duration_min;
  f.tax_code = c->service.tax_code;
  f.history = c->history;
  copy_to(f.from, local_today().plus_days(1).ru());
}

std::string PriceListView::form_problem(db::ServiceDraft& d, std::optional<db::NewPrice>& price) const {
  const Form& f = *form_;
  d.code = f.code;
  d.name = f.name;
  d.short_name = f.short_name;
  d.category = f.category;
  d.specialty_id = f.specialty;
  d.duration_min = f.duration;
  d.tax_code = f.tax_code;
  if (blank(f.code)) return _("Give the service's code (order 804н), e.g. B01.047.001.");
  if (blank(f.name)) return _("Give the service's name.");
  if (blank(f.price)) return {};
  auto kopecks = db::parse_rubles(f.price);
  if (!kopecks) return _("The price does not read as an amount in roubles, such as 1500,00.");
  auto from = read_day(f.from);
  if (!from) return _("Give the day the new price takes effect, as 01.07.2030.");
  if (*from < local_today())
    return _("A new price starts today or later: a past day would change what patients were already charged.");
  price = db::NewPrice{*from, *kopecks};
  return {};
}

void PriceListView::export_to(const char* extension) {
  exporting_ = true;
  action_.error.clear();
  action_.notice.clear();
  const std::string path =
      (std::filesystem::path(TomorrowView::export_dir()) / ("prices-" + file_stamp() + extension)).string();
  ctx_.worker.submit([this, path, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    auto n = db::export_price_list(db, path, db::now_unix(), actor);
    return [this, path, n = std::move(n)]() {
      exporting_ = false;
      if (n) action_.notice = format_text(_("Saved: %s (services: %lld)."), path.c_str(), static_cast<long long>(*n));
      else action_.error = n.error().message;
    };
  });
}

void PriceListView::check_import() {
  import_.error.clear();
  import_.preview.reset();
  form_action_ = {};
  auto from = read_day(import_.from);
  if (!from) {
    import_.error = _("Give the day the new prices take effect, as 01.07.2030.");
    return;
  }
  if (blank(import_.path)) {
    import_.error = _("Give the file's path.");
    return;
  }
  import_.checking = true;
  ctx_.worker.submit([this, path = fold_spaces(import_.path), from = *from](db::Database& db) -> db::Worker::Continuation {
    auto preview = db::preview_price_import_file(db, path, from, db::now_unix());
    return [this, preview = std::move(preview)]() mutable {
      import_.checking = false;
      if (preview) import_.preview = std::move(*preview);
      else import_.error = preview.error().message;
    };
  });
}

void PriceListView::prepare_edit_shot() {
  pending_edit_shot_ = true;
  load();
}

void PriceListView::prepare_import_shot() {
  import_ = {};
  import_open_ = import_just_opened_ = true;
  const std::string path =
      (std::filesystem::temp_directory_path() / ("registratura-price-sample-" + std::to_string(::getpid()) + ".csv"))
          .string();
  copy_to(import_.path, path);
  copy_to(import_.from, local_today().plus_days(1).ru());
  import_.checking = true;
  // A made-up file from the clinic's own list: one price raised, one duration longer, a new
  // service, a code not in the 804н form and a price that does not read.
  ctx_.worker.submit([this, path](db::Database& db) -> db::Worker::Continuation {
    const std::int64_t now = db::now_unix();
    std::string text = "Код;Наименование;Цена, ₽;Длительность, мин;Категория\r\n";
    auto cards = db::list_service_cards(db, now);
    if (cards && cards->size() >= 3) {
      const auto& a = (*cards)[0];
      const auto& b = (*cards)[1];
      const auto& c = (*cards)[2];
      auto price = [](const db::ServiceCard& s, db::Kopecks add) {
        const db::Kopecks k = (s.current ? s.current->price : 0) + add;
        char p[32];
        std::snprintf(p, sizeof p, "%lld,%02lld", static_cast<long long>(k / 100), static_cast<long long>(k % 100));
        return std::string(p);
      };
      db::csv_line(text, {a.service.code, a.service.name, price(a, 20000), std::to_string(a.service.duration_min),
                          a.service.category});
      db::csv_line(text, {b.service.code, b.service.name, price(b, 0), std::to_string(b.service.duration_min + 10),
                          b.service.category});
      db::csv_line(text, {c.service.code, c.service.name, "полторы тысячи", std::to_string(c.service.duration_min),
                          c.service.category});
    }
    text += "B01.047.009;Приём (осмотр, консультация) врача-терапевта на дому;4 500,00;60;Консультации\r\n";
    text += "B01.47.1;Консультация по телефону;500;15;Консультации\r\n";
    std::ofstream(path, std::ios::binary) << text;
    auto preview = db::preview_price_import_file(db, path, to_local(now).date.plus_days(1), now);
    std::error_code ec;
    std::filesystem::remove(path, ec);  // the preview holds what it read
    return [this, preview = std::move(preview)]() mutable {
      import_.checking = false;
      if (preview) import_.preview = std::move(*preview);
      else import_.error = preview.error().message;
    };
  });
}

void PriceListView::draw() {
  if (!loaded_ && !loading_) load();
  const bool may = ctx_.may(db::Permission::PricesEdit);
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Price list"));
  ImGui::PopFont();
  ImGui::PushTextWrapPos(0);
  if (!action_.error.empty()) ImGui::TextColored(kError, "%s", action_.error.c_str());
  if (!action_.notice.empty()) ImGui::TextColored(kGreen, "%s", action_.notice.c_str());
  ImGui::PopTextWrapPos();

  ImGui::SetNextItemWidth(300);
  ImGui::InputTextWithHint("##query", _("Code or words of the name"), query_, sizeof query_);
  ImGui::SameLine();
  ImGui::Checkbox(_("Show inactive"), &show_inactive_);
  ImGui::SameLine(0, 24);
  if (guarded_button(_("New service…"), may, db::Permission::PricesEdit)) edit(nullptr);
  ImGui::SameLine();
  ImGui::BeginDisabled(exporting_);
  if (ImGui::Button(_("Export to CSV"))) export_to(".csv");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", (std::string(_("A file for Excel in the folder")) + " " + TomorrowView::export_dir()).c_str());
  ImGui::SameLine();
  if (ImGui::Button(_("Export to XLSX"))) export_to(".xlsx");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", (std::string(_("A file for Excel in the folder")) + " " + TomorrowView::export_dir()).c_str());
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (guarded_button(_("Import CSV…"), may, db::Permission::PricesEdit)) {
    import_ = {};
    form_action_ = {};
    import_open_ = import_just_opened_ = true;
    copy_to(import_.path, (std::filesystem::path(TomorrowView::export_dir()) / "").string());
    copy_to(import_.from, local_today().plus_days(1).ru());
  }
  ImGui::Spacing();
  draw_table();
  draw_form();
  draw_import();
}

void PriceListView::draw_table() {
  std::vector<const db::ServiceCard*> shown;
  for (const auto& c : services_)
    if ((show_inactive_ || c.active) && c.matches(query_)) shown.push_back(&c);
  // The category's column only once some service has one; a code two services share (one service
  // for two specialties) is told apart by the specialty after the name.
  bool categories = false;
  std::map<std::string, int> codes;
  for (const auto& c : services_) {
    categories = categories || !c.service.category.empty();
    ++codes[c.service.code];
  }
  if (loaded_ && services_.empty()) {
    ImGui::TextColored(kQuiet, "%s", _("The price list is empty: add a service or import a CSV file."));
    return;
  }
  const bool may = ctx_.may(db::Permission::PricesEdit);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("prices", categories ? 6 : 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("Code"), ImGuiTableColumnFlags_WidthFixed, 130);
  ImGui::TableSetupColumn(_("Service"), ImGuiTableColumnFlags_WidthStretch);
  if (categories) ImGui::TableSetupColumn(_("Category"), ImGuiTableColumnFlags_WidthFixed, 170);
  ImGui::TableSetupColumn(_("Minutes"), ImGuiTableColumnFlags_WidthFixed, 80);
  ImGui::TableSetupColumn(_("Price now"), ImGuiTableColumnFlags_WidthFixed, 120);
  ImGui::TableSetupColumn(_("Next price"), ImGuiTableColumnFlags_WidthFixed, 220);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const db::ServiceCard& c = *shown[static_cast<std::size_t>(i)];
      ImGui::PushID(static_cast<int>(c.id));
      ImGui::TableNextRow();
      if (!c.active) ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      ImGui::TableNextColumn();
      if (ImGui::Selectable(c.service.code.c_str(), form_open_ && form_ && form_->id == c.id,
                            ImGuiSelectableFlags_SpanAllColumns) &&
          may)
        edit(&c);
      ImGui::TableNextColumn();
      std::string name = c.service.name;
      if (codes[c.service.code] > 1 && !c.specialty.empty()) name += " · " + c.specialty;
      if (!c.active) name += std::string(" · ") + _("inactive");
      const float cell = ImGui::GetContentRegionAvail().x;
      ImGui::TextUnformatted(name.c_str());
      whole_on_hover(name, cell);
      if (categories) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.service.category.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::Text("%d", c.service.duration_min);
      ImGui::TableNextColumn();
      if (c.current) {
        const std::string m = ui::money(c.current->price);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetColumnWidth() - ImGui::CalcTextSize(m.c_str()).x);
        ImGui::TextUnformatted(m.c_str());
      } else {
        ImGui::TextColored(kAmber, "%s", _("no price"));
      }
      ImGui::TableNextColumn();
      if (c.next) ImGui::TextUnformatted(price_since(*c.next).c_str());
      if (!c.active) ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void PriceListView::draw_form() {
  if (!form_) return;
  Form& f = *form_;
  const std::string title = f.id ? format_text(_("Service %s"), f.code) : std::string(_("New service"));
  if (!begin_dialog("##service", title.c_str(), form_open_, form_just_opened_, ctx_.shell, 1120.f, 700.f)) {
    if (!form_open_) form_.reset();
    return;
  }
  form_label(_("Code (order 804н)"), kField);
  ImGui::SetNextItemWidth(200);
  ImGui::InputTextWithHint("##code", "B01.047.001", f.code, sizeof f.code);
  form_label(_("Service name"), kField);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##name", _("as on contracts and receipts"), f.name, sizeof f.name);
  form_label(_("Short name"), kField);
  ImGui::SetNextItemWidth(420);
  ImGui::InputTextWithHint("##short", _("as on the schedule, e.g. Первичный приём"), f.short_name, sizeof f.short_name);
  form_label(_("Category"), kField);
  ImGui::SetNextItemWidth(420);
  ImGui::InputTextWithHint("##category", _("e.g. Консультации"), f.category, sizeof f.category);
  form_label(_("Specialty"), kField);
  ImGui::SetNextItemWidth(420);
  std::string chosen = _("no specialty");
  for (const auto& s : specialties_)
    if (f.specialty == s.id) chosen = s.name;
  if (ImGui::BeginCombo("##specialty", chosen.c_str())) {
    if (ImGui::Selectable(_("no specialty"), !f.specialty)) f.specialty.reset();
    for (const auto& s : specialties_)
      if (ImGui::Selectable(s.name.c_str(), f.specialty == s.id)) f.specialty = s.id;
    ImGui::EndCombo();
  }
  form_label(_("Duration, minutes"), kField);
  ImGui::SetNextItemWidth(140);
  ImGui::InputInt("##duration", &f.duration, 5, 15);
  f.duration = std::clamp(f.duration, 5, 720);
  form_label(_("Tax certificate code"), kField);
  ImGui::RadioButton(_("1 · medical services"), &f.tax_code, 1);
  ImGui::SameLine();
  ImGui::RadioButton(_("2 · expensive treatment"), &f.tax_code, 2);

  ImGui::Spacing();
  ImGui::Separator();
  form_label(_("New price from the day"), kField);
  ImGui::SetNextItemWidth(160);
  ImGui::InputTextWithHint("##price", "1 500,00", f.price, sizeof f.price);
  ImGui::SameLine();
  ImGui::TextUnformatted(_("₽ from"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  ImGui::InputTextWithHint("##from", "01.07.2030", f.from, sizeof f.from);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + kField);
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kQuiet, "%s",
                     _("A price in force is never changed: the new one starts on the day given, invoices already made "
                       "keep theirs. A second price for the same day replaces the planned one."));
  ImGui::PopTextWrapPos();

  // The history: every row, the planned ones last.
  if (f.id) {
    ImGui::Spacing();
    ImGui::TextColored(kQuiet, "%s", _("PRICE HISTORY"));
    const Date today = local_today();
    std::optional<std::size_t> in_force;
    for (std::size_t i = 0; i < f.history.size(); ++i)
      if (f.history[i].from <= today) in_force = i;
    if (f.history.empty()) ImGui::TextColored(kAmber, "%s", _("No price yet: the service cannot be billed."));
    else if (ImGui::BeginTable("history", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                               ImVec2(640, std::min(150.f, 34.f * static_cast<float>(f.history.size() + 1))))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(_("From"), ImGuiTableColumnFlags_WidthFixed, 140);
      ImGui::TableSetupColumn(_("Price"), ImGuiTableColumnFlags_WidthFixed, 160);
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      for (std::size_t i = f.history.size(); i-- > 0;) {
        const auto& p = f.history[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.from.ru().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ui::money(p.price).c_str());
        ImGui::TableNextColumn();
        if (p.from > today) ImGui::TextColored(kBlue, "%s", _("planned"));
        else if (in_force == i) ImGui::TextColored(kGreen, "%s", _("in force"));
        else ImGui::TextColored(kQuiet, "%s", _("earlier"));
      }
      ImGui::EndTable();
    }
  }

  db::ServiceDraft d;
  std::optional<db::NewPrice> price;
  const std::string problem = form_problem(d, price);
  const db::Actor actor = ctx_.actor();
  if (!form_action_.notice.empty()) ImGui::TextColored(kGreen, "%s", form_action_.notice.c_str());
  auto after = [this](std::string done) {
    return [this, done] {
      action_.error.clear();
      action_.notice = done;
      form_open_ = false;
      load();
    };
  };
  if (dialog_footer(form_action_.error, problem, form_action_.busy, f.id ? _("Save") : _("Add the service"),
                    _("Saving…"))) {
    if (!f.id) {
      const std::string done = format_text(_("The service %s is added."), db::normalize_service_code(d.code).c_str());
      run_action(ctx_.worker, form_action_, [d, price, actor](db::Database& db) -> Status {
        auto id = db::create_service(db, d, price, db::now_unix(), actor);
        return id ? Status{} : Status(std::unexpected(id.error()));
      }, done, after(done));
    } else {
      const std::int64_t id = *f.id;
      run_action(ctx_.worker, form_action_, [id, d, price, actor](db::Database& db) {
        return db::update_service(db, id, d, price, db::now_unix(), actor);
      }, _("Saved."), after(format_text(_("The service %s is saved."), db::normalize_service_code(d.code).c_str())));
    }
  }
  if (f.id) {
    const std::int64_t id = *f.id;
    const bool active = f.active;
    ImGui::SameLine(0, 24);
    ImGui::BeginDisabled(form_action_.busy);
    if (ImGui::Button(active ? _("Make inactive") : _("Make active again"), ImVec2(260, 44)))
      run_action(ctx_.worker, form_action_, [id, active, actor](db::Database& db) {
        return db::set_service_active(db, id, !active, db::now_unix(), actor);
      }, active ? _("The service is inactive: it is no longer offered for booking.") : _("The service is active again."),
                 [this] { load(); });
    ImGui::EndDisabled();
  }
  ImGui::EndPopup();
}

void PriceListView::draw_import() {
  if (!begin_dialog("##price-import", _("Import the price list from CSV"), import_open_, import_just_opened_,
                    ctx_.shell, 1400.f, 860.f))
    return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kQuiet, "%s",
                     _("The first line of the file names its columns, in Russian or English: Code, Name and Price are "
                       "needed; Short name, Category, Specialty, Duration, Tax code and Active may be there, in any "
                       "order. A price in force does not change: the file's prices take effect from the day below. "
                       "Nothing is written until «Apply», and then all of it or nothing."));
  ImGui::PopTextWrapPos();
  form_label(_("File"), 230);
  ImGui::SetNextItemWidth(-220);
  if (ImGui::InputTextWithHint("##path", _("the path of a .csv file"), import_.path, sizeof import_.path))
    import_.preview.reset();
  ImGui::SameLine();
  ImGui::BeginDisabled(import_.checking || form_action_.busy);
  if (ImGui::Button(_("Check the file"), ImVec2(-1, 0))) check_import();
  ImGui::EndDisabled();
  form_label(_("New prices from"), 230);
  ImGui::SetNextItemWidth(140);
  if (ImGui::InputTextWithHint("##from", "01.07.2030", import_.from, sizeof import_.from)) import_.preview.reset();
  ImGui::Spacing();
  if (import_.checking) ImGui::TextColored(kQuiet, "%s", _("Reading the file…"));
  if (!import_.error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kError, "%s", import_.error.c_str());
    ImGui::PopTextWrapPos();
  }
  const auto& p = import_.preview;
  if (p) {
    ImGui::TextColored(kQuiet, _("Read as %s, columns separated by «%s»."), p->encoding.c_str(),
                       p->separator == '\t' ? _("tab") : std::string(1, p->separator).c_str());
    ImGui::Text(_("New: %d · to change: %d (prices: %d) · unchanged: %d"), p->added, p->changed, p->prices, p->same);
    if (p->wrong > 0) {
      ImGui::SameLine();
      ImGui::TextColored(kError, _("· wrong: %d (lines %s)"), p->wrong, p->wrong_lines().c_str());
    }
    ImGui::PushTextWrapPos(0);
    for (const auto& problem : p->problems) ImGui::TextColored(kError, "%s", problem.c_str());
    for (const auto& note : p->notes) ImGui::TextColored(kAmber, "%s", note.c_str());
    ImGui::PopTextWrapPos();
    const float h = ImGui::GetContentRegionAvail().y - 80;
    if (p->added + p->changed + p->wrong > 0 &&
        ImGui::BeginTable("preview", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                          ImVec2(0, std::max(h, 120.f)))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(_("Line"), ImGuiTableColumnFlags_WidthFixed, 70);
      ImGui::TableSetupColumn(_("Code"), ImGuiTableColumnFlags_WidthFixed, 130);
      ImGui::TableSetupColumn(_("Service"), ImGuiTableColumnFlags_WidthStretch, 1.f);
      ImGui::TableSetupColumn(_("What happens"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGui::TableHeadersRow();
      for (const auto& l : p->lines) {
        if (l.kind == db::ImportLineKind::Same) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%zu", l.line);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l.code.c_str());
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(l.name.c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0);
        if (l.kind == db::ImportLineKind::Wrong) {
          ImGui::TextColored(kError, "%s", l.problem.c_str());
        } else {
          for (const auto& c : l.changes)
            ImGui::TextColored(l.kind == db::ImportLineKind::New ? kGreen : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                               "%s", c.c_str());
        }
        ImGui::PopTextWrapPos();
      }
      ImGui::EndTable();
    }
  }
  std::string problem;
  if (!p) problem = import_.checking ? "" : _("Check the file first: its preview shows what the import would do.");
  else if (!p->ok()) problem = _("Nothing can be imported while the file has wrong lines: correct them and check it again.");
  else if (p->added + p->changed == 0) problem = _("The file changes nothing in the price list.");
  if (import_.checking && problem.empty()) problem = " ";
  if (dialog_footer(form_action_.error, problem, form_action_.busy, _("Apply"), _("Applying…"))) {
    const db::CsvTable table = p->table;
    const std::string file = p->file;
    const Date from = p->from;
    const std::string done = format_text(_("Imported from %s: %d new, %d changed; new prices from %s."), file.c_str(),
                                         p->added, p->changed, from.ru().c_str());
    run_action(ctx_.worker, form_action_, [table, file, from, actor = ctx_.actor()](db::Database& db) -> Status {
      auto applied = db::apply_price_import(db, table, file, from, db::now_unix(), actor);
      return applied ? Status{} : Status(std::unexpected(applied.error()));
    }, done, [this, done] {
      action_.error.clear();
      action_.notice = done;
      import_open_ = false;
      load();
    });
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
