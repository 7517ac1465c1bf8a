#include "hid/hid_devices.h"

#include "i18n.h"

namespace rg::drivers::hid {

DeviceHealth hid_health(DeviceKind kind, const std::string& problem) {
  if (!problem.empty()) return {DeviceState::Error, problem};
  // Whole sentences: "ready" agrees with the device's name in Russian (трубка готова).
  return {DeviceState::Ready, kind == DeviceKind::Handset ? _("Phone handset: ready") : _("Barcode scanner: ready")};
}

}  // namespace rg::drivers::hid
