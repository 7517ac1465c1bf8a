// Matched USB devices in and out of the DeviceManager, opened on this source's thread.
#include "usb/usb_device_source.h"

#include "i18n.h"

namespace rg::drivers::usb {

std::string UsbDeviceSource::device_id(const DeviceInfo& d, const Match& m) {
  std::string id = d.key();
  if (m.interface.number != 0) id += "#" + std::to_string(m.interface.number);
  return id;
}

UsbDeviceSource::UsbDeviceSource(std::shared_ptr<UsbContext> context, DeviceManager& manager,
                                 DeviceRegistry registry)
    : context_(std::move(context)), manager_(manager), registry_(std::move(registry)) {}

UsbDeviceSource::~UsbDeviceSource() { stop(); }

void UsbDeviceSource::register_driver(DeviceKind kind, Factory factory) {
  std::lock_guard lock(mu_);
  factories_[kind] = std::move(factory);
}

void UsbDeviceSource::start() {
  if (worker_.joinable()) return;
  listener_ = context_->subscribe([this](const DeviceInfo&, bool) { rescan(); });
  worker_ = std::thread([this] { run(); });
}

void UsbDeviceSource::stop() {
  if (listener_ >= 0) context_->unsubscribe(listener_), listener_ = -1;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
  for (auto& [id, a] : attached_) manager_.detach(id);
  attached_.clear();
}

void UsbDeviceSource::rescan() {
  {
    std::lock_guard lock(mu_);
    soon_ = true;
  }
  wake_.notify_all();
}

void UsbDeviceSource::run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    scan();
    lock.lock();
    // The context polls too; this is the retry for devices that failed to open or went away.
    wake_.wait_for(lock, std::chrono::milliseconds(1500), [&] { return stop_ || soon_; });
    soon_ = false;
  }
}

void UsbDeviceSource::scan() {
  std::map<std::string, std::pair<DeviceInfo, Match>> present;
  for (const DeviceInfo& d : context_->devices())
    for (Match& m : registry_.match(d)) present.emplace(device_id(d, m), std::make_pair(d, std::move(m)));

  // Departed, or found gone by a transfer: out of the manager (re-opened below if still listed).
  for (auto it = attached_.begin(); it != attached_.end();) {
    auto p = present.find(it->first);
    const bool left = p == present.end() || !(p->second.first == it->second.info);
    const bool dead = it->second.device && it->second.device->gone();
    if (left || dead) {
      manager_.detach(it->first);
      it = attached_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [id, pm] : present) {
    auto& [info, match] = pm;
    auto a = attached_.find(id);
    if (a != attached_.end() && (a->second.device || a->second.declined)) continue;
    Factory factory;
    {
      std::lock_guard lock(mu_);
      if (auto f = factories_.find(match.rule.kind); f != factories_.end()) factory = f->second;
    }
    if (!factory) continue;  // nobody drives this kind in this application
    const std::string title = device_kind_title(match.rule.kind);
    if (a == attached_.end())
      manager_.set_state(id, match.rule.kind, match.rule.name.empty() ? title : match.rule.name,
                         {DeviceState::Connecting, title + ": " + _("connecting…")});
    auto opened = context_->open(info);
    Result<std::shared_ptr<ManagedDevice>> driver =
        opened ? factory(*opened, match) : Result<std::shared_ptr<ManagedDevice>>(std::unexpected(opened.error()));
    if (driver) {
      attached_[id] = {info, *driver};
      manager_.attach(id, *driver);
    } else if (driver.error().code == ErrorCode::NotFound && opened) {
      manager_.forget(id);  // the driver declined it (a keyboard on a HID rule): not ours
      attached_[id] = {info, nullptr, true};
    } else {
      attached_[id] = {info, nullptr};
      manager_.set_state(id, match.rule.kind, {}, {DeviceState::Error, driver.error().message});
    }
  }
}

}  // namespace rg::drivers::usb
