#include "fiscal/registrar_health.h"

#include "i18n.h"

namespace rg::drivers::fiscal {

DeviceHealth registrar_health(FiscalRegistrar& registrar) {
  auto titled = [](const std::string& what) { return std::string(device_kind_title(DeviceKind::FiscalRegistrar)) + ": " + what; };
  auto s = registrar.status();
  if (!s) return {DeviceState::Error, titled(s.error().message)};
  if (!s->fn_ok) return {DeviceState::Error, titled(s->fn_message)};
  if (!s->paper_present) return {DeviceState::Error, titled(_("no paper"))};
  if (s->cover_open) return {DeviceState::Error, titled(_("the cover is open"))};
  if (s->shift_expired)
    return {DeviceState::Warning, titled(_("the shift has lasted more than 24 hours: close it with the Z report."))};
  if (s->receipt_open) return {DeviceState::Warning, titled(_("a receipt was left open; it will be cancelled"))};
  if (!s->shift_open) return {DeviceState::Ready, titled(_("ready, the shift is closed"))};
  return {DeviceState::Ready, titled(_("ready, the shift is open"))};
}

}  // namespace rg::drivers::fiscal
