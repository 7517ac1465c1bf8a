// The front desk's screens in navigation order.
#include "calls_screen.h"
#include "cash_screen.h"
#include "documents_screen.h"
#include "flow_screen.h"
#include "patients_screen.h"
#include "reports_screen.h"
#include "schedule_screen.h"
#include "screen.h"
#include "settings_screen.h"
#include "ui/i18n.h"

namespace rg::desk {

std::vector<std::unique_ptr<Screen>> make_screens(DeskContext& ctx) {
  std::vector<std::unique_ptr<Screen>> s;
  s.push_back(std::make_unique<ScheduleScreen>(ctx));
  s.push_back(std::make_unique<PatientsScreen>(ctx));
  s.push_back(std::make_unique<FlowScreen>(ctx));
  s.push_back(std::make_unique<CashScreen>(ctx));
  s.push_back(std::make_unique<CallsScreen>(ctx));
  s.push_back(std::make_unique<DocumentsScreen>(ctx));
  s.push_back(std::make_unique<ReportsScreen>(ctx));
  s.push_back(std::make_unique<SettingsScreen>(ctx));
  return s;
}

}  // namespace rg::desk
