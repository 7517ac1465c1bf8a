// Barcode scanners and phone handsets as the DeviceManager lists them — USB ones and the
// simulated twins alike: each reports its trouble in words, none means ready. The applications
// reach the scanner or handset behind them with DeviceManager::all<ScannerDevice>() / find<…>().
#pragma once

#include <memory>
#include <string>

#include "device_manager.h"
#include "hid/handset.h"
#include "hid/scan.h"

namespace rg::drivers::hid {

class ScannerDevice final : public ManagedDevice {
 public:
  ScannerDevice(std::shared_ptr<ScanSource> source, std::string name, bool simulated = false)
      : source_(std::move(source)), name_(std::move(name)), simulated_(simulated) {}
  DeviceKind kind() const override { return DeviceKind::BarcodeScanner; }
  std::string name() const override { return name_; }
  bool simulated() const override { return simulated_; }
  DeviceHealth check() override;
  bool gone() const override { return source_->gone(); }
  ScanSource& source() { return *source_; }

 private:
  std::shared_ptr<ScanSource> source_;
  std::string name_;
  bool simulated_;
};

class HandsetDevice final : public ManagedDevice {
 public:
  HandsetDevice(std::shared_ptr<Handset> handset, std::string name, bool simulated = false)
      : handset_(std::move(handset)), name_(std::move(name)), simulated_(simulated) {}
  DeviceKind kind() const override { return DeviceKind::Handset; }
  std::string name() const override { return name_; }
  bool simulated() const override { return simulated_; }
  DeviceHealth check() override;
  bool gone() const override { return handset_->gone(); }
  Handset& handset() { return *handset_; }

 private:
  std::shared_ptr<Handset> handset_;
  std::string name_;
  bool simulated_;
};

}  // namespace rg::drivers::hid
