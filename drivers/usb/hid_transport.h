// The USB side of a HID interface (HID 1.11, section 7: class requests): the report descriptor,
// SET_REPORT / GET_REPORT / SET_IDLE over control transfers, and reports from the interrupt IN
// endpoint (UsbDevice::start_reading). Parsing the descriptor and the reports is drivers/hid's.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "error.h"
#include "usb/usb_device.h"

namespace rg::drivers::usb {

enum class HidReportType : std::uint8_t { Input = 1, Output = 2, Feature = 3 };

class HidTransport {
 public:
  using ms = std::chrono::milliseconds;
  // Claims `interface_number` (detaching usbhid when possible).
  static Result<std::unique_ptr<HidTransport>> open(std::shared_ptr<UsbDevice> device,
                                                    std::uint8_t interface_number,
                                                    std::string device_name);

  // GET_DESCRIPTOR (bmRequestType 0x81, bRequest 6, wValue 0x2200, wIndex interface) asking for
  // `length` bytes (the wDescriptorLength of the HID descriptor; 4096 at most).
  Result<std::vector<std::uint8_t>> report_descriptor(std::uint16_t length, ms timeout = ms(1000));
  // SET_REPORT (0x21, 9, wValue type<<8 | id). `data` starts with the report id when id != 0.
  Status set_report(HidReportType type, std::uint8_t report_id, std::span<const std::uint8_t> data,
                    ms timeout = ms(1000));
  // GET_REPORT (0xA1, 1, wValue type<<8 | id), asking for `length` bytes.
  Result<std::vector<std::uint8_t>> get_report(HidReportType type, std::uint8_t report_id,
                                               std::uint16_t length, ms timeout = ms(1000));
  // SET_IDLE (0x21, 0x0A, wValue duration<<8 | id): 0 = report only on change.
  Status set_idle(std::uint8_t duration_4ms = 0, std::uint8_t report_id = 0, ms timeout = ms(1000));

  // The interrupt IN endpoint's reports, on the event thread (see UsbDevice::start_reading).
  Status start_reports(UsbDevice::OnData on_report, UsbDevice::OnEnd on_end = {});
  void stop_reports();
  // Interrupt OUT when the interface has one; SET_REPORT(Output) otherwise.
  Status send_output(std::uint8_t report_id, std::span<const std::uint8_t> data, ms timeout = ms(1000));

  const InterfaceInfo& interface() const { return iface_; }
  UsbDevice& device() { return *device_; }
  bool gone() const { return device_->gone(); }

 private:
  HidTransport(std::shared_ptr<UsbDevice> d, InterfaceInfo iface, std::string name)
      : device_(std::move(d)), iface_(std::move(iface)), name_(std::move(name)) {}
  std::shared_ptr<UsbDevice> device_;
  InterfaceInfo iface_;
  std::string name_;
};

}  // namespace rg::drivers::usb
