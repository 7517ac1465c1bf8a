// A USB phone handset: only the HID interface of the composite audio + HID device is claimed;
// hook, flash, mute and keypad from interrupt IN reports, LEDs by SET_REPORT(Output) sent from
// the handset's own thread, so set_leds() never blocks the UI.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "hid/handset.h"
#include "usb/hid_transport.h"

namespace rg::drivers::hid {

class UsbHandset final : public Handset {
 public:
  // Blocking (control transfers): call it on a worker, never on the UI thread.
  static Result<std::unique_ptr<UsbHandset>> open(std::shared_ptr<usb::UsbDevice> device,
                                                  std::uint8_t interface_number);
  // Starts on an interface already opened (hid/usb_hid.h) whose descriptor has this layout.
  static Result<std::unique_ptr<UsbHandset>> start(std::unique_ptr<usb::HidTransport> transport,
                                                   HandsetLayout layout);
  ~UsbHandset() override;

  std::vector<HandsetEvent> poll() override;
  void set_leds(const HandsetLeds& leds) override;
  std::string problem() const override;
  bool gone() const override { return transport_->gone(); }
  // LED states sent so far (tests wait on it; the device thread counts).
  std::size_t leds_sent() const;

 private:
  struct Shared;  // what the event thread, the LED thread and the UI share
  UsbHandset(std::unique_ptr<usb::HidTransport> transport, HandsetLayout layout);
  void send_leds();

  std::unique_ptr<usb::HidTransport> transport_;
  std::shared_ptr<Shared> shared_;
  std::thread led_thread_;
};

}  // namespace rg::drivers::hid
