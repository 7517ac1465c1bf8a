// Device kinds: their names in data files and their titles for people.
#include "device_kind.h"

#include "i18n.h"

namespace rg::drivers {

std::string_view to_string(DeviceKind k) {
  switch (k) {
    case DeviceKind::ReceiptPrinter: return "receipt_printer";
    case DeviceKind::FiscalRegistrar: return "fiscal_registrar";
    case DeviceKind::BarcodeScanner: return "barcode_scanner";
    case DeviceKind::Handset: return "handset";
    case DeviceKind::Hid: return "hid";
  }
  return "hid";
}

std::optional<DeviceKind> device_kind_from(std::string_view s) {
  for (DeviceKind k : {DeviceKind::ReceiptPrinter, DeviceKind::FiscalRegistrar, DeviceKind::BarcodeScanner,
                       DeviceKind::Handset, DeviceKind::Hid})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

const char* device_kind_title(DeviceKind k) {
  switch (k) {
    case DeviceKind::ReceiptPrinter: return _("Receipt printer");
    case DeviceKind::FiscalRegistrar: return _("Fiscal registrar");
    case DeviceKind::BarcodeScanner: return _("Barcode scanner");
    case DeviceKind::Handset: return _("Handset");
    case DeviceKind::Hid: return _("USB HID device");
  }
  return "";
}

}  // namespace rg::drivers
