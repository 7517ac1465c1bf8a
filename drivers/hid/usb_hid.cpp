// Decide by the report descriptor: a scanner's layout first, then a handset's; neither → decline.
#include "hid/usb_hid.h"

#include "hid/hid_devices.h"
#include "hid/usb_handset.h"
#include "hid/usb_pos_scanner.h"
#include "i18n.h"

namespace rg::drivers::hid {
namespace {

// The HID descriptor's wDescriptorLength is not passed up by drivers/usb yet; 4096 is the
// transport's ceiling, and devices answer a longer request with the descriptor's real length.
constexpr std::uint16_t kDescriptorRequest = 4096;

std::string product_name(const usb::UsbDevice& d, const std::string& fallback) {
  const auto& info = d.info();
  char ids[16];
  std::snprintf(ids, sizeof ids, "%04x:%04x", info.vendor_id, info.product_id);
  return fallback + " (" + ids + ")";
}

}  // namespace

Result<OpenedHid> open_hid(std::shared_ptr<usb::UsbDevice> device, std::uint8_t interface_number,
                           const std::string& device_name) {
  auto transport = usb::HidTransport::open(std::move(device), interface_number, device_name);
  if (!transport) return std::unexpected(transport.error());
  auto bytes = (*transport)->report_descriptor(kDescriptorRequest);
  if (!bytes) return std::unexpected(bytes.error());
  auto desc = parse_report_descriptor(*bytes);
  if (!desc) return fail(desc.error().code, device_name + ": " + desc.error().message, desc.error().detail);
  return OpenedHid{std::move(*transport), std::move(*desc)};
}

bool boot_keyboard_or_mouse(const usb::InterfaceInfo& iface) {
  // HID 1.11, 4.2 and 4.3: subclass 1 = boot interface; protocol 1 = keyboard, 2 = mouse.
  return iface.cls == 0x03 && iface.subclass == 1 && (iface.protocol == 1 || iface.protocol == 2);
}

void register_usb_hid(usb::UsbDeviceSource& source, HidRoles roles) {
  auto factory = [roles](std::shared_ptr<usb::UsbDevice> device,
                    const usb::Match& m) -> Result<std::shared_ptr<ManagedDevice>> {
    if (boot_keyboard_or_mouse(m.interface))
      return fail(ErrorCode::NotFound, _("Not a barcode scanner or a phone handset"), "boot keyboard or mouse");
    const std::string generic = m.rule.name.empty() ? _("USB HID device") : m.rule.name;
    auto opened = open_hid(device, m.interface.number, generic);
    if (!opened) return std::unexpected(opened.error());
    if (auto layout = find_pos_scan_layout(opened->descriptor); layout && roles.scanners) {
      auto scanner = UsbPosScanner::start(std::move(opened->transport), std::move(*layout));
      if (!scanner) return std::unexpected(scanner.error());
      return std::make_shared<ScannerDevice>(std::shared_ptr<ScanSource>(std::move(*scanner)),
                                             product_name(*device, _("HID POS barcode scanner")));
    }
    if (auto layout = find_handset_layout(opened->descriptor); layout && roles.handsets) {
      auto handset = UsbHandset::start(std::move(opened->transport), std::move(*layout));
      if (!handset) return std::unexpected(handset.error());
      return std::make_shared<HandsetDevice>(std::shared_ptr<Handset>(std::move(*handset)),
                                             product_name(*device, _("USB phone handset")));
    }
    // The transport goes here: the interface is released and the kernel's driver given back.
    // (A handset at the kiosk goes the same way.)
    return fail(ErrorCode::NotFound, _("Not a barcode scanner or a phone handset"), "report descriptor");
  };
  source.register_driver(DeviceKind::Hid, factory);
  source.register_driver(DeviceKind::BarcodeScanner, factory);
  source.register_driver(DeviceKind::Handset, factory);
}

}  // namespace rg::drivers::hid
