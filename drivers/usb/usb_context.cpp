// The libusb context and its event thread: libusb_handle_events_timeout_completed in a loop,
// a rescan every poll interval (and at once after a hotplug callback), listeners told of the
// difference between two scans.
#include "usb/usb_context.h"

#include <algorithm>

#include "i18n.h"
#include "usb/usb_internal.h"

namespace rg::drivers::usb {
namespace {

int LIBUSB_CALL on_hotplug(libusb_context*, libusb_device*, libusb_hotplug_event, void* user) {
  // Only a flag: the scan runs on the event loop, outside libusb's hotplug lock.
  static_cast<UsbContext::Impl*>(user)->rescan_requested = true;
  return 0;  // stay registered
}

}  // namespace

UsbContext::Impl::~Impl() {
  if (ctx) libusb_exit(ctx);
}

void UsbContext::Impl::run() {
  using clock = std::chrono::steady_clock;
  auto next_scan = clock::now();
  while (!stopping) {
    if (rescan_requested.exchange(false) || clock::now() >= next_scan) {
      scan();
      next_scan = clock::now() + options.poll_interval;
    }
    timeval tv{0, 100 * 1000};  // wake at least every 100 ms to poll and to see `stopping`
    libusb_handle_events_timeout_completed(ctx, &tv, nullptr);
  }
}

void UsbContext::Impl::scan() {
  std::map<std::string, DeviceInfo> now;
  libusb_device** list = nullptr;
  const ssize_t n = libusb_get_device_list(ctx, &list);
  for (ssize_t i = 0; i < n; ++i) {
    DeviceInfo d = describe(list[i]);
    now.emplace(d.key(), std::move(d));
  }
  if (n >= 0) libusb_free_device_list(list, 1);

  std::vector<std::pair<DeviceInfo, bool>> changes;
  std::vector<Listener> to_tell;
  {
    std::lock_guard lock(mu);
    for (auto& [k, d] : known)
      if (auto it = now.find(k); it == now.end() || !(it->second == d)) changes.emplace_back(d, false);
    for (auto& [k, d] : now)
      if (auto it = known.find(k); it == known.end() || !(it->second == d)) changes.emplace_back(d, true);
    known = std::move(now);
    if (changes.empty()) return;
    for (auto& [id, l] : listeners) to_tell.push_back(l);
  }
  for (auto& [d, arrived] : changes)
    for (auto& l : to_tell) l(d, arrived);
}

Result<std::shared_ptr<UsbContext>> UsbContext::create(ContextOptions options) {
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  if (int r = libusb_init(&impl->ctx); r != 0) {
    impl->ctx = nullptr;
    return fail(ErrorCode::Io, _("USB is not available; only simulated devices can be used"),
                std::string("libusb_init: ") + libusb_error_name(r));
  }
  if (options.use_hotplug && libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
    const int r = libusb_hotplug_register_callback(
        impl->ctx,
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        LIBUSB_HOTPLUG_NO_FLAGS, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
        LIBUSB_HOTPLUG_MATCH_ANY, on_hotplug, impl.get(), &impl->hotplug);
    impl->hotplug_on = r == LIBUSB_SUCCESS;
  }
  impl->events = std::thread([raw = impl.get()] { raw->run(); });
  return std::shared_ptr<UsbContext>(new UsbContext(std::move(impl)));
}

UsbContext::UsbContext(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

UsbContext::~UsbContext() { stop(); }

void UsbContext::stop() {
  if (!impl_ || impl_->stopping.exchange(true)) return;
  libusb_interrupt_event_handler(impl_->ctx);
  if (impl_->events.joinable()) impl_->events.join();
  if (impl_->hotplug_on) libusb_hotplug_deregister_callback(impl_->ctx, impl_->hotplug);
  impl_->hotplug_on = false;
}

bool UsbContext::hotplug_active() const { return impl_->hotplug_on; }

void UsbContext::rescan() {
  impl_->rescan_requested = true;
  libusb_interrupt_event_handler(impl_->ctx);
}

std::vector<DeviceInfo> UsbContext::devices() {
  std::vector<DeviceInfo> out;
  libusb_device** list = nullptr;
  const ssize_t n = libusb_get_device_list(impl_->ctx, &list);
  for (ssize_t i = 0; i < n; ++i) out.push_back(describe(list[i]));
  if (n >= 0) libusb_free_device_list(list, 1);
  return out;
}

int UsbContext::subscribe(Listener listener) {
  std::vector<DeviceInfo> present;
  int id;
  {
    std::lock_guard lock(impl_->mu);
    id = impl_->next_listener++;
    impl_->listeners[id] = listener;
    for (auto& [k, d] : impl_->known) present.push_back(d);
  }
  for (auto& d : present) listener(d, true);
  return id;
}

void UsbContext::unsubscribe(int id) {
  std::lock_guard lock(impl_->mu);
  impl_->listeners.erase(id);
}

Result<std::shared_ptr<UsbDevice>> UsbContext::open(const DeviceInfo& info) {
  libusb_device** list = nullptr;
  const ssize_t n = libusb_get_device_list(impl_->ctx, &list);
  libusb_device* found = nullptr;
  for (ssize_t i = 0; i < n && !found; ++i) {
    const DeviceInfo d = describe(list[i]);
    if (d.bus == info.bus && d.port_path == info.port_path && d.vendor_id == info.vendor_id &&
        d.product_id == info.product_id)
      found = list[i];
  }
  for (ssize_t i = 0; i < n && !found; ++i)
    if (libusb_get_bus_number(list[i]) == info.bus && libusb_get_device_address(list[i]) == info.address)
      found = list[i];
  if (!found) {
    if (n >= 0) libusb_free_device_list(list, 1);
    return fail(ErrorCode::NotFound, _("The USB device is not connected"), info.key() + " " + info.vid_pid());
  }
  libusb_device_handle* h = nullptr;
  const int r = libusb_open(found, &h);
  auto impl = std::make_unique<UsbDevice::Impl>();
  impl->info = describe(found);
  libusb_free_device_list(list, 1);
  const std::string detail = info.key() + " " + info.vid_pid() + ": libusb_open: " + libusb_error_name(r);
  switch (r) {
    case LIBUSB_SUCCESS: break;
    case LIBUSB_ERROR_NO_DEVICE:
      return fail(ErrorCode::NotFound, _("The USB device is not connected"), detail);
    case LIBUSB_ERROR_ACCESS:
      return fail(ErrorCode::Io,
                  _("No permission to use the USB device — install the udev rule or ask the administrator"),
                  detail);
    case LIBUSB_ERROR_BUSY:
      return fail(ErrorCode::Busy, _("The USB device is used by another program"), detail);
    default: return fail(ErrorCode::Io, _("The USB device cannot be opened"), detail);
  }
  impl->context = impl_;
  impl->handle = h;
  return std::shared_ptr<UsbDevice>(new UsbDevice(std::move(impl)));
}

}  // namespace rg::drivers::usb
