// «Настройки»: the devices (each with its state in words and a test), the printers (which CUPS queue prints A4 documents and which prints slips, each
// queue with its state; where documents go when no printer can take them) and the document
// templates (id, title, version, and the mistake with its line when one does not read).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "queues.h"
#include "backup_view.h"
#include "doctors_view.h"
#include "import_view.h"
#include "my_account_view.h"
#include "permissions_view.h"
#include "price_list_view.h"
#include "requisites_view.h"
#include "rooms_view.h"
#include "schedules_view.h"
#include "screen.h"
#include "staff_view.h"

namespace rg::desk {

class SettingsScreen : public Screen {
 public:
  explicit SettingsScreen(DeskContext& ctx)
      : Screen(ctx), requisites_(ctx), rooms_(ctx), doctors_(ctx), schedules_(ctx), prices_(ctx), staff_(ctx), permissions_(ctx), account_(ctx) {}
  const char* id() const override { return "settings"; }
  std::string title() const override;
  void on_show() override;
  void draw() override;
  bool on_scan(const drivers::hid::Scan& scan) override;
  // «requisites», «rooms», «doctors», «schedules», «prices», «staff», «printers», «devices».
  void open_section(std::string_view name);
  std::vector<std::string> extra_shots() const override;
  void prepare_extra_shot(const std::string& name) override;

 private:
  enum class Section { Requisites, Rooms, Doctors, Schedules, Prices, Printers, Templates, Devices, Staff, Permissions, MyAccount, Import, Backups };
  struct TemplateRow {
    std::string file, id, title, sha;
    int version = 0, copies = 0;
    std::string error;  // empty: it reads
    std::string text;
  };

  void load();  // the templates, read on the worker
  void choose(const char* key, const std::string& queue);
  void draw_printers();
  void draw_templates();
  void draw_devices();

  Section section_ = Section::Requisites;
  RequisitesView requisites_;
  RoomsView rooms_;
  DoctorsView doctors_;
  BackupView backups_{ctx_};
  SchedulesView schedules_;
  PriceListView prices_;
  StaffView staff_;
  PermissionsView permissions_;
  MyAccountView account_;
  ImportView import_{ctx_};  // «Импорт пациентов», for who may edit patient cards
  std::vector<TemplateRow> templates_;
  std::string templates_dir_;
  int chosen_template_ = -1;
  std::string notice_;
  std::string device_notice_;  // what the last device test did
  bool loading_ = false;
  bool pending_staff_shot_ = false;  // screenshots: open a person once the list is in
};

}  // namespace rg::desk
