// The front desk's screens in navigation order.
#include "audit_screen.h"
#include "calls_screen.h"
#include "cash_screen.h"
#include "documents_screen.h"
#include "flow_screen.h"
#include "my_day_screen.h"
#include "patients_screen.h"
#include "reports_screen.h"
#include "schedule_screen.h"
#include "screen.h"
#include "settings_screen.h"
#include "setup_screen.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

using P = db::Permission;

template <class S>
void add(std::vector<std::unique_ptr<Screen>>& screens, DeskContext& ctx, std::optional<P> needs) {
  if (!needs || ctx.may(*needs)) screens.push_back(std::make_unique<S>(ctx));
}

}  // namespace

std::vector<std::unique_ptr<Screen>> make_screens(DeskContext& ctx, bool setup) {
  std::vector<std::unique_ptr<Screen>> s;
  if (setup) add<SetupScreen>(s, ctx, P::SettingsEdit);  // a clinic not set up yet: its first steps
  add<MyDayScreen>(s, ctx, P::DoctorOwnDay);  // a doctor: his day first
  add<ScheduleScreen>(s, ctx, P::AppointmentsBook);
  add<PatientsScreen>(s, ctx, P::PatientsEdit);
  add<FlowScreen>(s, ctx, P::VisitsFlow);
  add<CashScreen>(s, ctx, P::CashPayments);
  add<CallsScreen>(s, ctx, P::CallsWork);
  add<DocumentsScreen>(s, ctx, P::DocumentsPrint);
  add<ReportsScreen>(s, ctx, P::ReportsView);
  add<AuditScreen>(s, ctx, P::AuditView);
  add<SettingsScreen>(s, ctx, std::nullopt);  // everyone: their own password and PIN
  return s;
}

}  // namespace rg::desk
