// The kinds of device the front desk knows, shared by the USB registry and the device manager.
#pragma once

#include <optional>
#include <string_view>

namespace rg::drivers {

enum class DeviceKind {
  ReceiptPrinter,   // USB printer class 7/1/2, ESC/POS
  FiscalRegistrar,  // CDC-ACM data interface (class 0x0A), by VID:PID
  BarcodeScanner,   // HID POS, usage page 0x8C (or a keyboard wedge)
  Handset,          // HID Telephony, usage page 0x0B
  Hid,              // a class-3 interface whose usage page drivers/hid decides
};

// "receipt_printer", "fiscal_registrar", "barcode_scanner", "handset", "hid".
std::string_view to_string(DeviceKind k);
std::optional<DeviceKind> device_kind_from(std::string_view s);
// For people, translated: "Receipt printer", "Fiscal registrar", "Barcode scanner", "Handset".
const char* device_kind_title(DeviceKind k);

}  // namespace rg::drivers
