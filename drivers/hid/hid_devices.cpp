#include "hid/hid_devices.h"

#include "i18n.h"

namespace rg::drivers::hid {

DeviceHealth hid_health(DeviceKind kind, const std::string& problem) {
  if (!problem.empty()) return {DeviceState::Error, problem};
  return {DeviceState::Ready, std::string(device_kind_title(kind)) + ": " + _("ready")};
}

}  // namespace rg::drivers::hid
