// Transfers on an opened device: submitted asynchronously, completed on the event thread,
// waited for here on a condition variable; cancellable from any thread; continuous readers.
#include "usb/usb_device.h"

#include <algorithm>
#include <cstring>

#include "i18n.h"
#include "usb/usb_internal.h"

namespace rg::drivers::usb {
namespace {

// How long past a transfer's own timeout we wait for libusb to report it, and then for the
// cancellation to come back, before giving the transfer up (the event thread has stopped).
constexpr std::chrono::milliseconds kGrace{2000};

struct Waiter {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  libusb_transfer_status status = LIBUSB_TRANSFER_ERROR;
  int actual = 0;
};

void LIBUSB_CALL on_done(libusb_transfer* t) {
  auto* w = static_cast<Waiter*>(t->user_data);
  std::lock_guard lock(w->mu);
  w->status = t->status;
  w->actual = t->actual_length;
  w->done = true;
  w->cv.notify_all();
}

}  // namespace

struct UsbDevice::Impl::Reader {
  UsbDevice::Impl* owner = nullptr;
  libusb_transfer* transfer = nullptr;
  std::vector<std::uint8_t> buffer;
  OnData on_data;
  OnEnd on_end;
  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false, ended = false;
};

namespace {

void LIBUSB_CALL on_read(libusb_transfer* t) {
  auto* r = static_cast<UsbDevice::Impl::Reader*>(t->user_data);
  const Outcome o = outcome_of(t->status);
  if (o == Outcome::Ok && t->actual_length > 0 && r->on_data)
    r->on_data(std::span<const std::uint8_t>(t->buffer, static_cast<std::size_t>(t->actual_length)));
  bool resubmit = false;
  {
    std::lock_guard lock(r->mu);
    if (!r->stopping && (o == Outcome::Ok || o == Outcome::Timeout))
      resubmit = libusb_submit_transfer(t) == 0;
  }
  if (resubmit) return;
  const Outcome end = o == Outcome::Ok || o == Outcome::Timeout ? Outcome::Failed : o;
  r->owner->note(end);
  if (r->on_end) r->on_end(r->stopping ? Outcome::Cancelled : end);
  std::lock_guard lock(r->mu);
  r->ended = true;
  r->cv.notify_all();
}

}  // namespace

Transferred UsbDevice::Impl::transfer(unsigned char type, std::uint8_t endpoint, std::uint8_t* buf,
                                      int length, std::chrono::milliseconds timeout) {
  if (gone) return {Outcome::Gone, 0, "device gone earlier"};
  Waiter w;
  libusb_transfer* t = libusb_alloc_transfer(0);
  if (!t) return {Outcome::Failed, 0, "libusb_alloc_transfer"};
  t->dev_handle = handle;
  t->endpoint = endpoint;
  t->type = type;
  t->timeout = static_cast<unsigned>(timeout.count());
  t->buffer = buf;
  t->length = length;
  t->callback = on_done;
  t->user_data = &w;
  {
    std::lock_guard lock(mu);
    if (int r = libusb_submit_transfer(t); r != 0) {
      libusb_free_transfer(t);
      const Outcome o = outcome_of_error(r);
      note(o);
      return {o, 0, std::string("submit: ") + libusb_error_name(r)};
    }
    in_flight.insert(t);
  }
  std::unique_lock lock(w.mu);
  if (!w.cv.wait_for(lock, timeout + kGrace, [&] { return w.done; })) {
    libusb_cancel_transfer(t);
    if (!w.cv.wait_for(lock, kGrace, [&] { return w.done; })) {
      // The event thread is not running: libusb still owns `t` and `w` cannot go away safely.
      // Should it ever complete, its callback frees it without touching `w`.
      std::lock_guard l2(mu);
      in_flight.erase(t);
      t->callback = [](libusb_transfer* x) { libusb_free_transfer(x); };
      return {Outcome::Timeout, 0, "no completion from the event thread"};
    }
  }
  const Transferred result{outcome_of(w.status), static_cast<std::size_t>(std::max(w.actual, 0)),
                           w.status == LIBUSB_TRANSFER_COMPLETED ? "" : libusb_error_name(LIBUSB_ERROR_IO)};
  lock.unlock();
  {
    std::lock_guard l2(mu);
    in_flight.erase(t);
  }
  libusb_free_transfer(t);
  note(result.outcome);
  if (result.outcome == Outcome::Stall && type != LIBUSB_TRANSFER_TYPE_CONTROL)
    libusb_clear_halt(handle, endpoint);
  Transferred r = result;
  r.detail = result.ok() ? "" : to_string(result.outcome);
  return r;
}

UsbDevice::UsbDevice(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

UsbDevice::~UsbDevice() {
  std::vector<std::uint8_t> eps;
  {
    std::lock_guard lock(impl_->mu);
    for (auto& [ep, r] : impl_->readers) eps.push_back(ep);
  }
  for (auto ep : eps) stop_reading(ep);
  cancel_all();
  for (auto i : impl_->claimed) libusb_release_interface(impl_->handle, i);
  // A keyboard's HID interface looked at and declined gets usbhid back, and so does any other.
  for (auto i : impl_->detached) static_cast<void>(libusb_attach_kernel_driver(impl_->handle, i));
  libusb_close(impl_->handle);
}

const DeviceInfo& UsbDevice::info() const { return impl_->info; }
bool UsbDevice::gone() const { return impl_->gone; }

Status UsbDevice::claim(std::uint8_t iface, std::uint8_t alt) {
  // Kernel-driver detach is best effort: under umockdev GETDRIVER is not emulated, and many
  // desks run without usblp/usbhid bound anyway.
  if (libusb_kernel_driver_active(impl_->handle, iface) == 1 && libusb_detach_kernel_driver(impl_->handle, iface) == 0) {
    std::lock_guard lock(impl_->mu);
    impl_->detached.insert(iface);
  }
  const int r = libusb_claim_interface(impl_->handle, iface);
  const std::string detail = impl_->info.key() + " interface " + std::to_string(iface) + ": " +
                             libusb_error_name(r);
  if (r == LIBUSB_ERROR_BUSY)
    return fail(ErrorCode::Busy, _("The USB device is used by another program"), detail);
  if (r == LIBUSB_ERROR_NO_DEVICE) {
    impl_->gone = true;
    return fail(ErrorCode::NotFound, _("The USB device is not connected"), detail);
  }
  if (r != 0) return fail(ErrorCode::Io, _("The USB device cannot be opened"), detail);
  {
    std::lock_guard lock(impl_->mu);
    impl_->claimed.insert(iface);
  }
  if (alt != 0) {
    if (int a = libusb_set_interface_alt_setting(impl_->handle, iface, alt); a != 0)
      return fail(ErrorCode::Io, _("The USB device cannot be opened"),
                  detail + " alt " + std::to_string(alt) + ": " + libusb_error_name(a));
  }
  return {};
}

Transferred UsbDevice::bulk_out(std::uint8_t ep, std::span<const std::uint8_t> bytes, ms timeout) {
  std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());  // libusb wants a mutable buffer
  return impl_->transfer(LIBUSB_TRANSFER_TYPE_BULK, ep & 0x7F, copy.data(), static_cast<int>(copy.size()), timeout);
}

Transferred UsbDevice::bulk_in(std::uint8_t ep, std::span<std::uint8_t> buf, ms timeout) {
  return impl_->transfer(LIBUSB_TRANSFER_TYPE_BULK, ep | 0x80, buf.data(), static_cast<int>(buf.size()), timeout);
}

Transferred UsbDevice::interrupt_in(std::uint8_t ep, std::span<std::uint8_t> buf, ms timeout) {
  return impl_->transfer(LIBUSB_TRANSFER_TYPE_INTERRUPT, ep | 0x80, buf.data(), static_cast<int>(buf.size()),
                         timeout);
}

Transferred UsbDevice::interrupt_out(std::uint8_t ep, std::span<const std::uint8_t> bytes, ms timeout) {
  std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
  return impl_->transfer(LIBUSB_TRANSFER_TYPE_INTERRUPT, ep & 0x7F, copy.data(), static_cast<int>(copy.size()),
                         timeout);
}

Transferred UsbDevice::control_in(std::uint8_t request_type, std::uint8_t request, std::uint16_t value,
                                  std::uint16_t index, std::span<std::uint8_t> data, ms timeout) {
  std::vector<std::uint8_t> buf(LIBUSB_CONTROL_SETUP_SIZE + data.size());
  libusb_fill_control_setup(buf.data(), request_type | 0x80, request, value, index,
                            static_cast<std::uint16_t>(data.size()));
  Transferred t = impl_->transfer(LIBUSB_TRANSFER_TYPE_CONTROL, 0, buf.data(), static_cast<int>(buf.size()), timeout);
  t.length = std::min(t.length, data.size());
  std::memcpy(data.data(), buf.data() + LIBUSB_CONTROL_SETUP_SIZE, t.length);
  return t;
}

Transferred UsbDevice::control_out(std::uint8_t request_type, std::uint8_t request, std::uint16_t value,
                                   std::uint16_t index, std::span<const std::uint8_t> data, ms timeout) {
  std::vector<std::uint8_t> buf(LIBUSB_CONTROL_SETUP_SIZE + data.size());
  libusb_fill_control_setup(buf.data(), request_type & 0x7F, request, value, index,
                            static_cast<std::uint16_t>(data.size()));
  if (!data.empty()) std::memcpy(buf.data() + LIBUSB_CONTROL_SETUP_SIZE, data.data(), data.size());
  return impl_->transfer(LIBUSB_TRANSFER_TYPE_CONTROL, 0, buf.data(), static_cast<int>(buf.size()), timeout);
}

Status UsbDevice::start_reading(std::uint8_t endpoint, std::size_t length, OnData on_data, OnEnd on_end) {
  endpoint |= 0x80;
  unsigned char type = LIBUSB_TRANSFER_TYPE_BULK;
  for (const InterfaceInfo& i : impl_->info.interfaces)
    for (const EndpointInfo& e : i.endpoints)
      if (e.address == endpoint && e.type == EndpointType::Interrupt) type = LIBUSB_TRANSFER_TYPE_INTERRUPT;
  auto r = std::make_shared<Impl::Reader>();
  r->owner = impl_.get();
  r->buffer.resize(length);
  r->on_data = std::move(on_data);
  r->on_end = std::move(on_end);
  r->transfer = libusb_alloc_transfer(0);
  if (!r->transfer) return fail(ErrorCode::Internal, _("The USB device cannot be opened"), "alloc");
  libusb_transfer* t = r->transfer;
  t->dev_handle = impl_->handle;
  t->endpoint = endpoint;
  t->type = type;
  t->timeout = 0;  // a reader waits for as long as it takes; stop_reading() cancels it
  t->buffer = r->buffer.data();
  t->length = static_cast<int>(length);
  t->callback = on_read;
  t->user_data = r.get();
  std::lock_guard lock(impl_->mu);
  if (impl_->readers.contains(endpoint)) {
    libusb_free_transfer(t);
    return fail(ErrorCode::Internal, _("The USB device cannot be opened"), "endpoint already read");
  }
  if (int e = libusb_submit_transfer(t); e != 0) {
    libusb_free_transfer(t);
    const Outcome o = outcome_of_error(e);
    impl_->note(o);
    return std::unexpected(transfer_error({o, 0, libusb_error_name(e)}, _("USB device")));
  }
  impl_->readers[endpoint] = std::move(r);
  return {};
}

void UsbDevice::stop_reading(std::uint8_t endpoint) {
  endpoint |= 0x80;
  std::shared_ptr<Impl::Reader> r;
  {
    std::lock_guard lock(impl_->mu);
    auto it = impl_->readers.find(endpoint);
    if (it == impl_->readers.end()) return;
    r = it->second;
    impl_->readers.erase(it);
  }
  std::unique_lock lock(r->mu);
  r->stopping = true;
  if (!r->ended) libusb_cancel_transfer(r->transfer);
  if (!r->cv.wait_for(lock, kGrace, [&] { return r->ended; })) {
    // The event thread is gone; libusb keeps the transfer. Leak the reader with it.
    new std::shared_ptr<Impl::Reader>(r);
    return;
  }
  libusb_free_transfer(r->transfer);
}

void UsbDevice::cancel_all() {
  std::lock_guard lock(impl_->mu);
  for (libusb_transfer* t : impl_->in_flight) libusb_cancel_transfer(t);
}

}  // namespace rg::drivers::usb
