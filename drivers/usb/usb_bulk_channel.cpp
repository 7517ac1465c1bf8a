// ByteChannel over bulk endpoints, keeping the surplus of a read for the next one.
#include "usb/usb_bulk_channel.h"

#include <algorithm>
#include <cstring>

#include "i18n.h"

namespace rg::drivers::usb {

UsbBulkChannel::UsbBulkChannel(std::shared_ptr<UsbDevice> device, std::uint8_t endpoint_out,
                               std::uint8_t endpoint_in, std::size_t in_transfer_size, std::string device_name)
    : device_(std::move(device)), out_(endpoint_out), in_(endpoint_in),
      in_size_(std::max<std::size_t>(in_transfer_size, 1)), name_(std::move(device_name)) {}

Result<std::unique_ptr<UsbBulkChannel>> UsbBulkChannel::open(std::shared_ptr<UsbDevice> device,
                                                             std::uint8_t interface_number,
                                                             std::string device_name) {
  for (const InterfaceInfo& i : device->info().interfaces) {
    if (i.number != interface_number || i.alt_setting != 0) continue;
    auto out = i.find(EndpointType::Bulk, false);
    auto in = i.find(EndpointType::Bulk, true);
    if (!out || !in) break;
    if (auto c = device->claim(interface_number); !c) return std::unexpected(c.error());
    const std::size_t size = in->max_packet ? in->max_packet : 64;
    return std::make_unique<UsbBulkChannel>(std::move(device), out->address, in->address, size,
                                            std::move(device_name));
  }
  return fail(ErrorCode::Invalid, device_name + ": " + _("the USB interface has no bulk endpoints"),
              device->info().key() + " interface " + std::to_string(interface_number));
}

Status UsbBulkChannel::write(std::span<const std::uint8_t> bytes, std::chrono::milliseconds timeout) {
  Transferred t = device_->bulk_out(out_, bytes, timeout);
  if (!t.ok()) return std::unexpected(transfer_error(t, name_));
  if (t.length != bytes.size())
    return fail(ErrorCode::Io, name_ + ": " + _("USB transfer error — reconnect the device"), "short write");
  return {};
}

Result<std::size_t> UsbBulkChannel::read(std::span<std::uint8_t> buf, std::chrono::milliseconds timeout) {
  std::lock_guard lock(mu_);
  if (buf.empty()) return 0;
  if (pending_.empty()) {
    std::vector<std::uint8_t> in(in_size_);
    Transferred t = device_->bulk_in(in_, in, timeout);
    if (t.outcome == Outcome::Timeout && t.length == 0) return 0;
    if (!t.ok() && t.outcome != Outcome::Timeout) return std::unexpected(transfer_error(t, name_));
    pending_.assign(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(t.length));
  }
  const std::size_t n = std::min(buf.size(), pending_.size());
  std::memcpy(buf.data(), pending_.data(), n);
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
  return n;
}

}  // namespace rg::drivers::usb
