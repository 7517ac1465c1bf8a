// Barcode scanners and phone handsets as the DeviceManager lists them — USB ones and the
// simulated twins alike: each reports its trouble in words, none means ready. The applications
// reach the scanner or handset behind them with DeviceManager::all<ScannerDevice>() / find<…>()
// and ->driver().
#pragma once

#include <memory>
#include <string>

#include "device_manager.h"
#include "hid/handset.h"
#include "hid/scan.h"

namespace rg::drivers::hid {

// The drivers' problems already name the device ("Barcode scanner: not connected").
DeviceHealth hid_health(DeviceKind kind, const std::string& problem);

template <typename Driver, DeviceKind Kind>
class HidDevice final : public ManagedDevice {
 public:
  HidDevice(std::shared_ptr<Driver> driver, std::string name, bool simulated = false)
      : driver_(std::move(driver)), name_(std::move(name)), simulated_(simulated) {}
  DeviceKind kind() const override { return Kind; }
  std::string name() const override { return name_; }
  bool simulated() const override { return simulated_; }
  DeviceHealth check() override { return hid_health(Kind, driver_->problem()); }
  bool gone() const override { return driver_->gone(); }
  Driver& driver() { return *driver_; }

 private:
  std::shared_ptr<Driver> driver_;
  std::string name_;
  bool simulated_;
};

using ScannerDevice = HidDevice<ScanSource, DeviceKind::BarcodeScanner>;
using HandsetDevice = HidDevice<Handset, DeviceKind::Handset>;

}  // namespace rg::drivers::hid
