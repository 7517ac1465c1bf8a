// open: claim the HID interface → GET_DESCRIPTOR(report) → layout → read interrupt IN; the LED
// thread sends only the newest LED state (a burst of changes collapses into one SET_REPORT).
#include "hid/usb_handset.h"

#include "hid/usb_hid.h"
#include "i18n.h"

namespace rg::drivers::hid {
struct UsbHandset::Shared {
  explicit Shared(HandsetLayout l) : decoder(std::move(l)) {}
  HandsetDecoder decoder;  // event thread only
  mutable std::mutex mu;
  std::condition_variable cv;
  std::deque<HandsetEvent> events;
  std::optional<HandsetLeds> wanted;
  bool stop = false;
  std::size_t sent = 0;
  std::string problem;
};

Result<std::unique_ptr<UsbHandset>> UsbHandset::open(std::shared_ptr<usb::UsbDevice> device,
                                                     std::uint8_t interface_number) {
  return open_as<UsbHandset>(std::move(device), interface_number, _("Phone handset"), find_handset_layout);
}

Result<std::unique_ptr<UsbHandset>> UsbHandset::start(std::unique_ptr<usb::HidTransport> transport,
                                                      HandsetLayout layout) {
  std::unique_ptr<UsbHandset> h(new UsbHandset(std::move(transport), std::move(layout)));
  auto shared = h->shared_;
  auto started = h->transport_->start_reports(
      [shared](std::span<const std::uint8_t> report) {
        auto events = shared->decoder.feed(report);
        if (events.empty()) return;
        std::lock_guard lock(shared->mu);
        for (auto& e : events) {
          if (shared->events.size() >= 256) shared->events.pop_front();
          shared->events.push_back(std::move(e));
        }
      },
      [shared](usb::Outcome how) {
        if (how == usb::Outcome::Cancelled) return;
        std::lock_guard lock(shared->mu);
        shared->problem = _("Phone handset: not connected");
      });
  if (!started) return std::unexpected(started.error());
  h->led_thread_ = std::thread([raw = h.get()] { raw->send_leds(); });
  return h;
}

UsbHandset::UsbHandset(std::unique_ptr<usb::HidTransport> transport, HandsetLayout layout)
    : transport_(std::move(transport)), shared_(std::make_shared<Shared>(std::move(layout))) {}

UsbHandset::~UsbHandset() {
  {
    std::lock_guard lock(shared_->mu);
    shared_->stop = true;
  }
  shared_->cv.notify_all();
  if (led_thread_.joinable()) led_thread_.join();
  transport_->stop_reports();
}

std::vector<HandsetEvent> UsbHandset::poll() {
  std::lock_guard lock(shared_->mu);
  std::vector<HandsetEvent> out(shared_->events.begin(), shared_->events.end());
  shared_->events.clear();
  return out;
}

void UsbHandset::set_leds(const HandsetLeds& leds) {
  {
    std::lock_guard lock(shared_->mu);
    shared_->wanted = leds;
  }
  shared_->cv.notify_all();
}

std::string UsbHandset::problem() const {
  std::lock_guard lock(shared_->mu);
  return shared_->problem;
}

std::size_t UsbHandset::leds_sent() const {
  std::lock_guard lock(shared_->mu);
  return shared_->sent;
}

void UsbHandset::send_leds() {
  const HandsetLayout& layout = shared_->decoder.layout();  // immutable after open
  for (;;) {
    HandsetLeds leds;
    {
      std::unique_lock lock(shared_->mu);
      shared_->cv.wait(lock, [&] { return shared_->stop || shared_->wanted; });
      if (shared_->stop) return;
      leds = *shared_->wanted;
      shared_->wanted.reset();
    }
    std::string problem;
    for (const OutputReport& r : led_reports(layout, leds))
      if (auto s = transport_->set_report(usb::HidReportType::Output, r.id, r.bytes); !s) problem = s.error().message;
    std::lock_guard lock(shared_->mu);
    ++shared_->sent;
    if (!problem.empty()) shared_->problem = problem;
  }
}

}  // namespace rg::drivers::hid
