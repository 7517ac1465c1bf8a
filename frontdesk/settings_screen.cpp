// The routing is three settings read and written on the worker, and handed to the print
// service at once; the queues come from the print service's own thread (refreshed on show);
// templates are read from the templates folder on the worker.
#include "settings_screen.h"

#include "palette.h"

#include <imgui.h>

#include <filesystem>

#include "clinic.h"
#include "cups_output.h"
#include "desk_devices.h"
#include "doc_template.h"
#include "hid/aim.h"
#include "print_service.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {


ImVec4 queue_colour(const cups::Queue& q) {
  if (q.state == cups::QueueState::Stopped || !q.accepting) return kAmber;
  return kGreen;
}

}  // namespace

std::string SettingsScreen::title() const { return _("Settings"); }

void SettingsScreen::on_show() {
  if (ctx_.printing) ctx_.printing->refresh_queues();
  requisites_.load();
  if (!loading_) load();
}

void SettingsScreen::load() {
  loading_ = true;
  ctx_.worker.submit([this](db::Database&) -> db::Worker::Continuation {
    std::vector<TemplateRow> rows;
    const auto dir = docs::templates_dir();
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
      if (e.path().extension() == ".md" && e.path().filename() != "README.md") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      TemplateRow row;
      row.file = f.filename().string();
      auto t = docs::load_template_file(f);
      if (t) {
        row.id = t->id, row.title = t->title, row.version = t->version, row.copies = t->copies;
        row.sha = t->sha256.substr(0, 12);
        row.text = t->text;
      } else {
        row.error = t.error().message;
      }
      rows.push_back(std::move(row));
    }
    return [this, rows = std::move(rows), dir = dir.string()]() mutable {
      loading_ = false;
      templates_ = std::move(rows);
      templates_dir_ = dir;
    };
  });
}

void SettingsScreen::choose(const char* key, const std::string& queue) {
  const std::string k = key;
  ctx_.worker.submit([this, k, queue, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    Status st = db::change_setting(db, k, queue, actor);
    return [this, st, k, queue]() {
      notice_ = st ? std::string(_("Saved.")) : st.error().message;
      if (st && ctx_.printing) {
        // Only the queue changes: the folder stays the one the service uses.
        cups::PrintRouting r = ctx_.printing->routing();
        (k == "print.queue.slips" ? r.slips_queue : r.documents_queue) = queue;
        ctx_.printing->set_routing(r);
      }
    };
  });
}

void SettingsScreen::draw_printers() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Printers"));
  ImGui::PopFont();
  if (!ctx_.printing) {
    ImGui::TextColored(kAmber, "%s", _("Printing is not set up on this desk."));
    return;
  }
  const auto queues = ctx_.printing->queues();
  if (ImGui::Button(_("Refresh"))) ctx_.printing->refresh_queues();
  if (!queues.loaded) ImGui::TextColored(kQuiet, "%s", _("Asking the print server…"));
  else if (!queues.error.empty()) ImGui::TextColored(kError, "%s", queues.error.c_str());
  else if (queues.queues.empty()) ImGui::TextColored(kAmber, "%s", _("The print server has no printers."));
  // What the print service follows: the settings as saved.
  const cups::PrintRouting routing = ctx_.printing->routing();
  const std::string& documents = routing.documents_queue;
  const std::string& slips = routing.slips_queue;
  if (!queues.queues.empty() &&
      ImGui::BeginTable("queues", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn(_("Printer"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(_("State"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(_("Documents (A4)"), ImGuiTableColumnFlags_WidthFixed, 150);
    ImGui::TableSetupColumn(_("Slips"), ImGuiTableColumnFlags_WidthFixed, 120);
    ImGui::TableHeadersRow();
    for (const auto& q : queues.queues) {
      ImGui::PushID(q.name.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(q.description.empty() ? q.name.c_str() : q.description.c_str());
      ImGui::TextColored(kQuiet, "%s%s%s", q.name.c_str(), q.location.empty() ? "" : " · ", q.location.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(queue_colour(q), "%s", cups::describe(q).c_str());
      ImGui::TableNextColumn();
      if (ImGui::RadioButton("##doc", documents == q.name)) choose("print.queue.documents", q.name);
      ImGui::TableNextColumn();
      if (ImGui::RadioButton("##slip", slips == q.name)) choose("print.queue.slips", q.name);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(_("Documents print on:"));
  ImGui::SameLine();
  ImGui::TextColored(documents.empty() ? kAmber : kGreen, "%s", documents.empty() ? _("not chosen") : documents.c_str());
  if (!documents.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton(_("Do not print documents"))) choose("print.queue.documents", "");
  }
  ImGui::TextUnformatted(_("Slips print on:"));
  ImGui::SameLine();
  ImGui::TextColored(slips.empty() ? kAmber : kGreen, "%s", slips.empty() ? _("not chosen") : slips.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::TextWrapped("%s", _("With no printer chosen, or when the print server does not answer, documents are saved as "
                             "PDF files to the folder below and the desk says where; nothing is lost."));
  ImGui::PopStyleColor();
  ImGui::TextUnformatted(_("Folder:"));
  ImGui::SameLine();
  ImGui::TextUnformatted(routing.fallback_dir.c_str());
}

void SettingsScreen::draw_templates() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Document templates"));
  ImGui::PopFont();
  ImGui::TextColored(kQuiet, "%s %s", _("Folder:"), templates_dir_.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
  ImGui::TextWrapped("%s", _("The clinic edits the wording in these files (README.md there explains how). Raise the "
                             "version when the text changes: every printed document records the version it used."));
  ImGui::PopStyleColor();
  const float list_h = ImGui::GetContentRegionAvail().y * 0.45f;
  if (ImGui::BeginTable("templates", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                        ImVec2(0, list_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("Document"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(_("File"), ImGuiTableColumnFlags_WidthFixed, 220);
    ImGui::TableSetupColumn(_("Version"), ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableSetupColumn(_("Copies"), ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableHeadersRow();
    for (int i = 0; i < static_cast<int>(templates_.size()); ++i) {
      const auto& t = templates_[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(t.error.empty() ? t.title.c_str() : _("(does not read)"), chosen_template_ == i,
                            ImGuiSelectableFlags_SpanAllColumns))
        chosen_template_ = i;
      if (!t.error.empty()) ImGui::TextColored(kError, "%s", t.error.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.file.c_str());
      ImGui::TableNextColumn();
      if (t.error.empty()) ImGui::Text("%d", t.version);
      ImGui::TableNextColumn();
      if (t.error.empty()) ImGui::Text("%d", t.copies);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (chosen_template_ >= 0 && chosen_template_ < static_cast<int>(templates_.size())) {
    const auto& t = templates_[static_cast<std::size_t>(chosen_template_)];
    ImGui::TextColored(kQuiet, "%s %s · SHA-256 %s…", _("The text of"), t.file.c_str(), t.sha.c_str());
    ImGui::InputTextMultiline("##text", const_cast<char*>(t.text.c_str()), t.text.size() + 1, ImVec2(-1, -1),
                              ImGuiInputTextFlags_ReadOnly);
  }
}

void SettingsScreen::draw_devices() {
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextUnformatted(_("Devices"));
  ImGui::PopFont();
  if (!ctx_.devices) {
    ImGui::TextColored(kAmber, "%s", _("No devices are set up on this desk."));
    return;
  }
  auto& devices = *ctx_.devices;
  if (!devices.usb_problem().empty()) ImGui::TextColored(kAmber, "USB: %s", devices.usb_problem().c_str());
  const auto list = devices.manager().devices();
  if (ImGui::BeginTable("devices", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn(_("Device"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(_("State"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(_("Test"), ImGuiTableColumnFlags_WidthFixed, 340);
    ImGui::TableHeadersRow();
    for (const auto& d : list) {
      ImGui::PushID(d.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(drivers::device_kind_title(d.kind));
      ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
      ImGui::TextWrapped("%s%s", d.name.c_str(), d.simulated ? (std::string(" · ") + _("simulated")).c_str() : "");
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      const ImVec4 colour = d.state == drivers::DeviceState::Ready     ? kGreen
                            : d.state == drivers::DeviceState::Warning ? kAmber
                            : d.state == drivers::DeviceState::Error   ? kError
                                                                       : kQuiet;
      ImGui::PushStyleColor(ImGuiCol_Text, colour);
      ImGui::TextWrapped("%s", d.message.c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      auto report = [this](std::string problem) {
        ctx_.shell.tasks().post([this, problem] { device_notice_ = problem.empty() ? _("Done.") : problem; });
      };
      switch (d.kind) {
        case drivers::DeviceKind::ReceiptPrinter:
          if (ImGui::SmallButton(_("Print a test receipt"))) devices.print_test_receipt(d.id, report);
          break;
        case drivers::DeviceKind::FiscalRegistrar:
          if (ImGui::SmallButton(_("Open the cash drawer"))) devices.open_drawer(d.id, report);
          break;
        case drivers::DeviceKind::BarcodeScanner:
          // Scans reach on_scan() while this screen is shown, from any scanner.
          if (!d.simulated) ImGui::TextColored(kQuiet, "%s", _("Scan any code to test"));
          else if (ImGui::SmallButton(_("Simulate a scan"))) devices.scanner().scan("10042");
          break;
        case drivers::DeviceKind::Handset: {
          // The phone line (desk_devices' PhoneLine) is driven by every handset: a call rung on
          // the simulated one lights a real one too, and lifting either answers it; the top bar
          // shows the call.
          auto& h = devices.handset();
          if (!d.simulated) {
            if (ImGui::SmallButton(_("Ring the handset"))) h.ring(_("test call"));
            break;
          }
          if (ImGui::SmallButton(_("Simulate an incoming call"))) h.ring("+7 916 123-45-67");
          if (ImGui::SmallButton(h.off_hook() ? _("Hang up") : _("Lift"))) h.off_hook() ? h.hang_up() : h.lift();
          const auto leds = h.leds();
          ImGui::TextColored(kQuiet, "%s: %s", _("Ring light"), leds.ring ? _("lit") : _("not lit"));
          ImGui::TextColored(kQuiet, "%s: %s", _("Line light"), leds.off_hook ? _("lit") : _("not lit"));
          break;
        }
        case drivers::DeviceKind::Hid: break;
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (!device_notice_.empty()) ImGui::TextColored(kQuiet, "%s", device_notice_.c_str());
  const auto ready = devices.manager().readiness();
  ImGui::Spacing();
  ImGui::TextUnformatted(_("Ready to open a cash shift:"));
  ImGui::SameLine();
  ImGui::TextColored(ready.ok() ? kGreen : kAmber, "%s", ready.ok() ? _("yes") : _("not everything"));
  for (const auto& item : ready.items)
    if (item.readiness != drivers::Readiness::Ready) ImGui::TextColored(kAmber, "  %s", item.message.c_str());
}

void SettingsScreen::open_section(std::string_view name) {
  if (name == "requisites") section_ = Section::Requisites, requisites_.load();
  else if (name == "rooms") section_ = Section::Rooms, rooms_.load();
  else if (name == "doctors") section_ = Section::Doctors, doctors_.load();
  else if (name == "schedules") section_ = Section::Schedules, schedules_.load();
  else if (name == "prices") section_ = Section::Prices, prices_.load();
  else if (name == "staff") section_ = Section::Staff, staff_.load();
  else if (name == "printers") section_ = Section::Printers;
  else if (name == "devices") section_ = Section::Devices;
  else if (name == "backups") section_ = Section::Backups, backups_.load();
}

void SettingsScreen::draw() {
  ImGui::BeginChild("sections", ImVec2(220, 0), true);
  if (ImGui::Selectable(_("Clinic requisites"), section_ == Section::Requisites)) section_ = Section::Requisites;
  if (ImGui::Selectable(_("Rooms"), section_ == Section::Rooms)) {
    section_ = Section::Rooms;
    rooms_.load();
  }
  if (ImGui::Selectable(_("Doctors"), section_ == Section::Doctors)) {
    section_ = Section::Doctors;
    doctors_.load();
  }
  if (ImGui::Selectable(_("Doctors' schedules"), section_ == Section::Schedules)) {
    section_ = Section::Schedules;
    schedules_.load();
  }
  if (ctx_.may(db::Permission::PricesEdit) && ImGui::Selectable(_("Price list"), section_ == Section::Prices)) {
    section_ = Section::Prices;
    prices_.load();
  }
  if (ctx_.may(db::Permission::PatientsEdit) && ImGui::Selectable(_("Patient import"), section_ == Section::Import))
    section_ = Section::Import;
  if (ctx_.may(db::Permission::SettingsEdit) && ImGui::Selectable(_("Backups"), section_ == Section::Backups)) {
    section_ = Section::Backups;
    backups_.load();
  }
  if (ImGui::Selectable(_("Printers"), section_ == Section::Printers)) section_ = Section::Printers;
  if (ImGui::Selectable(_("Document templates"), section_ == Section::Templates)) section_ = Section::Templates;
  if (ImGui::Selectable(_("Devices"), section_ == Section::Devices)) section_ = Section::Devices;
  if (ctx_.may(db::Permission::StaffManage) && ImGui::Selectable(_("Employees"), section_ == Section::Staff)) {
    section_ = Section::Staff;
    staff_.load();
  }
  if (ctx_.may(db::Permission::PermissionsEdit) &&
      ImGui::Selectable(_("Permissions"), section_ == Section::Permissions)) {
    section_ = Section::Permissions;
    permissions_.load();
  }
  if (ImGui::Selectable(_("My password and PIN"), section_ == Section::MyAccount)) section_ = Section::MyAccount;
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("section", ImVec2(0, 0), true);
  if (!notice_.empty()) ImGui::TextColored(kGreen, "%s", notice_.c_str());
  if (section_ == Section::Requisites) requisites_.draw();
  else if (section_ == Section::Printers) draw_printers();
  else if (section_ == Section::Rooms) rooms_.draw();
  else if (section_ == Section::Doctors) doctors_.draw();
  else if (section_ == Section::Backups) backups_.draw();
  else if (section_ == Section::Schedules) schedules_.draw();
  else if (section_ == Section::Prices) prices_.draw();
  else if (section_ == Section::Import) import_.draw();
  else if (section_ == Section::Templates) draw_templates();
  else if (section_ == Section::Staff) {
    if (pending_staff_shot_ && staff_.loaded()) staff_.prepare_shot(), pending_staff_shot_ = false;
    staff_.draw();
  }
  else if (section_ == Section::Permissions) permissions_.draw();
  else if (section_ == Section::MyAccount) account_.draw();
  else draw_devices();
  ImGui::EndChild();
}

bool SettingsScreen::on_scan(const drivers::hid::Scan& scan) {
  if (section_ != Section::Devices) return false;  // elsewhere a scan opens the patient's card
  std::string shown = scan.data.size() > 80 ? scan.data.substr(0, 80) + "…" : scan.data;
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  char text[256];
  const char* symbology = scan.symbology == drivers::hid::Symbology::Unknown ? _("no symbology prefix")
                                                                             : drivers::hid::symbology_name(scan.symbology);
  std::snprintf(text, sizeof text, _("Scanned: %s (%s)"), shown.c_str(), symbology);
  device_notice_ = text;
  return true;
}

std::vector<std::string> SettingsScreen::extra_shots() const {
  std::vector<std::string> shots{"rooms", "doctors", "schedules", "printers", "templates", "devices", "call", "account"};
  if (ctx_.may(db::Permission::PricesEdit))
    for (const char* s : {"prices", "prices-edit", "prices-import"}) shots.push_back(s);
  if (ctx_.may(db::Permission::StaffManage)) shots.push_back("staff");
  if (ctx_.may(db::Permission::SettingsEdit)) shots.push_back("backups");
  if (ctx_.may(db::Permission::PermissionsEdit)) shots.push_back("permissions");
  if (ctx_.may(db::Permission::PatientsEdit))
    for (const char* s : {"import", "import-errors"}) shots.push_back(s);
  return shots;
}

void SettingsScreen::prepare_extra_shot(const std::string& name) {
  if (name == "account") {
    section_ = Section::MyAccount;
  } else if (name == "rooms") {
    section_ = Section::Rooms;
    rooms_.load();
  } else if (name == "backups") {
    section_ = Section::Backups;
    backups_.load();
  } else if (name == "doctors") {
    section_ = Section::Doctors;
    doctors_.open_first_when_loaded();
    doctors_.load();
  } else if (name == "schedules") {
    section_ = Section::Schedules;
    schedules_.demo_check();
    schedules_.load();
  } else if (name == "prices" || name == "prices-edit" || name == "prices-import") {
    section_ = Section::Prices;
    prices_.load();
    if (name == "prices-edit") prices_.prepare_edit_shot();
    if (name == "prices-import") prices_.prepare_import_shot();
  } else if (name == "import" || name == "import-errors") {  // the sample file: errors and duplicates
    section_ = Section::Import;
    import_.prepare_shot(name == "import" ? 0 : 1);
  } else if (name == "staff") {
    section_ = Section::Staff;
    staff_.load();
    pending_staff_shot_ = true;
  } else if (name == "permissions") {
    section_ = Section::Permissions;
    permissions_.load();
  } else if (name == "printers") {
    section_ = Section::Printers;
  } else if (name == "templates") {
    section_ = Section::Templates;
    chosen_template_ = 0;
  } else if (name == "devices") {
    section_ = Section::Devices;
    if (ctx_.devices) {
      ctx_.devices->manager().check_all();
      ctx_.devices->scanner().scan("]C010042");  // the test scan's line under the table
    }
  } else if (name == "call") {  // a call ringing: the top bar says who calls
    section_ = Section::Devices;
    if (ctx_.devices) ctx_.devices->handset().ring("+7 916 123-45-67");
  }
}

}  // namespace rg::desk
