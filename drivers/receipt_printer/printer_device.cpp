// A printer's status as a device state.
#include "receipt_printer/printer_device.h"

#include "i18n.h"

namespace rg::drivers {

DeviceHealth printer_health(const PrinterStatus& s) {
  if (!s.known) return {DeviceState::Error, _("Receipt printer: does not answer — check that it is switched on")};
  switch (s.severity()) {
    case PrinterSeverity::Ready: return {DeviceState::Ready, status_message(s)};
    case PrinterSeverity::Warning: return {DeviceState::Warning, status_message(s)};
    case PrinterSeverity::Error: return {DeviceState::Error, status_message(s)};
  }
  return {DeviceState::Error, status_message(s)};
}

}  // namespace rg::drivers
