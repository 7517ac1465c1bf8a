// The devices of this desk as the applications see them: each with a state and a sentence for
// the administrator, changes posted as events the UI drains at the start of a frame, and the
// readiness check before a cash shift opens. The manager never talks to hardware on the caller's
// thread: checks run on its own worker thread; devices(), drain_events() and readiness() only
// copy under a short lock, so a frame never waits for a device.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "device_kind.h"

namespace rg::drivers {

enum class DeviceState { Absent, Connecting, Ready, Warning, Error };
const char* to_string(DeviceState s);  // "absent", "connecting", …

struct DeviceHealth {
  DeviceState state = DeviceState::Connecting;
  std::string message;  // translated: "Receipt printer: the cover is open"
  bool operator==(const DeviceHealth&) const = default;
};

// A device the manager drives: USB drivers and the simulated twins implement it (see
// receipt_printer/printer_device.h). The other interfaces (ReceiptPrinter, FiscalRegistrar…)
// are reached with DeviceManager::find<T>().
class ManagedDevice {
 public:
  virtual ~ManagedDevice() = default;
  virtual DeviceKind kind() const = 0;
  virtual std::string name() const = 0;  // "EPSON TM-T20II", "Simulated receipt printer (80 mm)"
  virtual bool simulated() const { return false; }
  // How the device is now. Runs on the manager's worker thread; may block for a few seconds
  // (a status query with a timeout), never forever.
  virtual DeviceHealth check() = 0;
  // True when the hardware is gone (unplugged mid-transfer): the manager shows it Absent and
  // its source drops it until the device is enumerated again.
  virtual bool gone() const { return false; }
};

struct DeviceView {
  std::string id;  // "usb:1-3", "sim:receipt-printer"
  DeviceKind kind = DeviceKind::ReceiptPrinter;
  std::string name;
  DeviceState state = DeviceState::Absent;
  std::string message;
  bool simulated = false;
};

struct DeviceEvent {
  std::string id;
  DeviceKind kind = DeviceKind::ReceiptPrinter;
  DeviceState state = DeviceState::Absent;
  std::string message;
};

enum class Readiness { Ready, Missing, Problem };
struct ReadinessItem {
  DeviceKind kind = DeviceKind::ReceiptPrinter;
  Readiness readiness = Readiness::Missing;
  std::string message;  // "Receipt printer: ready", "Fiscal registrar: not connected"
};
struct ShiftReadiness {
  std::vector<ReadinessItem> items;
  bool ok() const;  // every item Ready
};

class DeviceManager {
 public:
  struct Options {
    std::chrono::milliseconds check_interval{2000};
    bool start_worker = true;  // false: checks run only in check_all() (tests)
  };
  DeviceManager();
  explicit DeviceManager(Options options);
  ~DeviceManager();  // stops the worker (waits for a check in progress)
  DeviceManager(const DeviceManager&) = delete;
  DeviceManager& operator=(const DeviceManager&) = delete;

  // Adds or replaces the device under `id` (state Connecting until its first check, which is
  // queued at once).
  void attach(const std::string& id, std::shared_ptr<ManagedDevice> device);
  // The device left: it stays listed as Absent with `message` (default "<kind>: not
  // connected"), the object is released.
  void detach(const std::string& id, std::string message = {});
  // Lists a device that is expected but not there (e.g. "usb:1-3" while connecting fails).
  void set_state(const std::string& id, DeviceKind kind, std::string name, DeviceHealth health);
  // Removes it from the list altogether.
  void forget(const std::string& id);

  // A driver noticed trouble between checks (a transfer came back Gone or timed out).
  void report(const std::string& id, DeviceHealth health);

  // Runs every device's check now, on the calling thread (tests; the worker does it otherwise).
  void check_all();
  void check_soon();  // wakes the worker

  std::vector<DeviceView> devices() const;
  std::vector<DeviceEvent> drain_events();
  std::shared_ptr<ManagedDevice> get(const std::string& id) const;

  // The first device of `kind` that is a T, a Ready/Warning real one before a simulated one;
  // `real_only`: no simulated one at all.
  template <typename T>
  std::shared_ptr<T> find(DeviceKind kind, bool real_only = false) const {
    for (auto& d : ranked(kind))
      if (auto t = std::dynamic_pointer_cast<T>(d); t && !(real_only && d->simulated())) return t;
    return nullptr;
  }

  // Every device of `kind` that is a T, in the same order (scanners: each one's scans are read).
  template <typename T>
  std::vector<std::shared_ptr<T>> all(DeviceKind kind) const {
    std::vector<std::shared_ptr<T>> out;
    for (auto& d : ranked(kind))
      if (auto t = std::dynamic_pointer_cast<T>(d)) out.push_back(std::move(t));
    return out;
  }

  // For opening a cash shift: one item per kind asked (default: printer, fiscal registrar,
  // scanner, handset). Ready when a device of that kind is Ready or Warning; Problem when
  // there is one but it is in Error or still Connecting; Missing when there is none.
  ShiftReadiness readiness(std::vector<DeviceKind> kinds = {DeviceKind::ReceiptPrinter,
                                                           DeviceKind::FiscalRegistrar,
                                                           DeviceKind::BarcodeScanner,
                                                           DeviceKind::Handset}) const;

 private:
  struct Entry {
    DeviceView view;
    std::shared_ptr<ManagedDevice> device;  // null while Absent
  };
  std::vector<std::shared_ptr<ManagedDevice>> ranked(DeviceKind kind) const;
  void update_locked(Entry& e, DeviceHealth h);
  void run();

  Options options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false, soon_ = false;
  std::map<std::string, Entry> entries_;
  std::vector<DeviceEvent> events_;
  std::thread worker_;
};

}  // namespace rg::drivers
