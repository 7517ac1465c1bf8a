#include "hid/hid_devices.h"

#include "i18n.h"

namespace rg::drivers::hid {
namespace {

// The drivers' problems already name the device ("Barcode scanner: not connected").
DeviceHealth health(DeviceKind kind, const std::string& problem) {
  if (!problem.empty()) return {DeviceState::Error, problem};
  return {DeviceState::Ready, std::string(device_kind_title(kind)) + ": " + _("ready")};
}

}  // namespace

DeviceHealth ScannerDevice::check() { return health(kind(), source_->problem()); }
DeviceHealth HandsetDevice::check() { return health(kind(), handset_->problem()); }

}  // namespace rg::drivers::hid
