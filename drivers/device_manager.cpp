// The device list, its worker thread of checks, the UI's event queue, shift readiness.
#include "device_manager.h"

#include <algorithm>
#include <utility>

#include "i18n.h"

namespace rg::drivers {
namespace {

std::string not_connected(DeviceKind k) {
  return std::string(device_kind_title(k)) + ": " + _("not connected");
}

int rank(const DeviceView& v) {
  const bool usable = v.state == DeviceState::Ready || v.state == DeviceState::Warning;
  return (usable ? 0 : 2) + (v.simulated ? 1 : 0);
}

}  // namespace

const char* to_string(DeviceState s) {
  switch (s) {
    case DeviceState::Absent: return "absent";
    case DeviceState::Connecting: return "connecting";
    case DeviceState::Ready: return "ready";
    case DeviceState::Warning: return "warning";
    case DeviceState::Error: return "error";
  }
  return "error";
}

bool ShiftReadiness::ok() const {
  return std::all_of(items.begin(), items.end(), [](const ReadinessItem& i) { return i.readiness == Readiness::Ready; });
}

DeviceManager::DeviceManager() : DeviceManager(Options{}) {}

DeviceManager::DeviceManager(Options options) : options_(options) {
  if (options_.start_worker) worker_ = std::thread([this] { run(); });
}

DeviceManager::~DeviceManager() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void DeviceManager::update_locked(Entry& e, DeviceHealth h) {
  if (e.view.state == h.state && e.view.message == h.message) return;
  e.view.state = h.state;
  e.view.message = std::move(h.message);
  events_.push_back({e.view.id, e.view.kind, e.view.state, e.view.message});
}

void DeviceManager::attach(const std::string& id, std::shared_ptr<ManagedDevice> device) {
  {
    std::lock_guard lock(mu_);
    Entry& e = entries_[id];
    e.view.id = id;
    e.view.kind = device->kind();
    e.view.name = device->name();
    e.view.simulated = device->simulated();
    e.device = std::move(device);
    update_locked(e, {DeviceState::Connecting, std::string(device_kind_title(e.view.kind)) + ": " + _("connecting…")});
    soon_ = true;
  }
  wake_.notify_all();
}

void DeviceManager::detach(const std::string& id, std::string message) {
  std::shared_ptr<ManagedDevice> dropped;  // released outside the lock
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  dropped = std::move(it->second.device);
  update_locked(it->second, {DeviceState::Absent, message.empty() ? not_connected(it->second.view.kind) : message});
}

void DeviceManager::set_state(const std::string& id, DeviceKind kind, std::string name, DeviceHealth health) {
  std::lock_guard lock(mu_);
  Entry& e = entries_[id];
  e.view.id = id;
  e.view.kind = kind;
  if (!name.empty()) e.view.name = std::move(name);
  update_locked(e, std::move(health));
}

void DeviceManager::forget(const std::string& id) {
  std::lock_guard lock(mu_);
  entries_.erase(id);
}

void DeviceManager::report(const std::string& id, DeviceHealth health) {
  std::lock_guard lock(mu_);
  if (auto it = entries_.find(id); it != entries_.end()) update_locked(it->second, std::move(health));
}

void DeviceManager::check_all() {
  std::vector<std::pair<std::string, std::shared_ptr<ManagedDevice>>> todo;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, e] : entries_)
      if (e.device) todo.emplace_back(id, e.device);
  }
  for (auto& [id, d] : todo) {
    DeviceHealth h = d->check();  // may block: never under the lock
    if (d->gone()) h = {DeviceState::Absent, not_connected(d->kind())};
    std::lock_guard lock(mu_);
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.device != d) continue;  // replaced meanwhile
    it->second.view.name = d->name();
    update_locked(it->second, std::move(h));
  }
}

void DeviceManager::check_soon() {
  {
    std::lock_guard lock(mu_);
    soon_ = true;
  }
  wake_.notify_all();
}

void DeviceManager::run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, options_.check_interval, [&] { return stop_ || soon_; });
    if (stop_) break;
    soon_ = false;
    lock.unlock();
    check_all();
    lock.lock();
  }
}

std::vector<DeviceView> DeviceManager::devices() const {
  std::lock_guard lock(mu_);
  std::vector<DeviceView> out;
  for (auto& [id, e] : entries_) out.push_back(e.view);
  return out;
}

std::vector<DeviceEvent> DeviceManager::drain_events() {
  std::lock_guard lock(mu_);
  return std::exchange(events_, {});
}

std::shared_ptr<ManagedDevice> DeviceManager::get(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.device;
}

std::vector<std::shared_ptr<ManagedDevice>> DeviceManager::ranked(DeviceKind kind) const {
  std::lock_guard lock(mu_);
  std::vector<const Entry*> es;
  for (auto& [id, e] : entries_)
    if (e.device && e.view.kind == kind) es.push_back(&e);
  std::stable_sort(es.begin(), es.end(), [](const Entry* a, const Entry* b) { return rank(a->view) < rank(b->view); });
  std::vector<std::shared_ptr<ManagedDevice>> out;
  for (const Entry* e : es) out.push_back(e->device);
  return out;
}

ShiftReadiness DeviceManager::readiness(std::vector<DeviceKind> kinds) const {
  std::lock_guard lock(mu_);
  ShiftReadiness r;
  for (DeviceKind k : kinds) {
    ReadinessItem item{k, Readiness::Missing, not_connected(k)};
    const DeviceView* best = nullptr;
    for (auto& [id, e] : entries_) {
      if (e.view.kind != k || e.view.state == DeviceState::Absent) continue;
      if (!best || rank(e.view) < rank(*best)) best = &e.view;
    }
    if (best) {
      const bool usable = best->state == DeviceState::Ready || best->state == DeviceState::Warning;
      item.readiness = usable ? Readiness::Ready : Readiness::Problem;
      item.message = best->message;
    }
    r.items.push_back(std::move(item));
  }
  return r;
}

}  // namespace rg::drivers
