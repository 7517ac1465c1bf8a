// A USB HID interface told apart by its report descriptor: a HID POS barcode scanner (usage
// page 0x8C) or a telephony handset (0x0B) gets its driver; anything else — a keyboard's
// media keys, a mouse, a UPS — is handed back to the system untouched. Boot keyboards and
// mice are declined before their interface is even claimed, so the administrator's keyboard
// never stops typing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "hid/report_descriptor.h"
#include "usb/hid_transport.h"
#include "usb/usb_device_source.h"

namespace rg::drivers::hid {

struct OpenedHid {
  std::unique_ptr<usb::HidTransport> transport;
  ReportDescriptor descriptor;
};

// Claims the interface and reads and parses its report descriptor (blocking: a worker's call).
// Errors carry `device_name` in front.
Result<OpenedHid> open_hid(std::shared_ptr<usb::UsbDevice> device, std::uint8_t interface_number,
                           const std::string& device_name);

// Opens the interface and starts `Driver` on it (Driver::start(transport, layout)) when
// `find_layout` finds its layout in the descriptor.
template <typename Driver, typename FindLayout>
Result<std::unique_ptr<Driver>> open_as(std::shared_ptr<usb::UsbDevice> device, std::uint8_t interface_number,
                                        const std::string& device_name, FindLayout find_layout) {
  auto opened = open_hid(std::move(device), interface_number, device_name);
  if (!opened) return std::unexpected(opened.error());
  auto layout = find_layout(std::move(opened->descriptor));
  if (!layout) return fail(layout.error().code, device_name + ": " + layout.error().message, layout.error().detail);
  return Driver::start(std::move(opened->transport), std::move(*layout));
}

// True for the HID boot keyboard and boot mouse interfaces (subclass 1, protocol 1 or 2).
bool boot_keyboard_or_mouse(const usb::InterfaceInfo& iface);

// Which HID devices an application takes: the desk both, the kiosk only scanners (a handset
// plugged into a kiosk stays the system's).
struct HidRoles {
  bool scanners = true;
  bool handsets = true;
};

// The factory for HID rules (kinds hid, barcode_scanner, handset): a ScannerDevice or a
// HandsetDevice (hid/hid_devices.h) when `roles` wants it, or NotFound — "not ours", which the
// source leaves alone.
void register_usb_hid(usb::UsbDeviceSource& source, HidRoles roles = {});

}  // namespace rg::drivers::hid
