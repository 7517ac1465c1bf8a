// The ATOL driver whole — AtolRegistrar over UsbBulkChannel over the real libusb — against an
// ATOL registrar replayed by umockdev (data/*.urbs: every frame the driver must send, byte for
// byte, and what the device answers). Run by ctest under umockdev-run, one case per replay.
#include <doctest/doctest.h>

#include "fiscal/atol/atol_registrar.h"
#include "fiscal/atol/usb_atol.h"
#include "fiscal/current_registrar.h"
#include "replay_support.h"
#include "usb/usb_bulk_channel.h"

using namespace rg;
using namespace rg::drivers;
using namespace rg::drivers::fiscal;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<atol::AtolRegistrar> atol_on_usb(std::shared_ptr<usb::UsbContext>& ctx, atol::AtolOptions options = {}) {
  ctx = test::usb_context();
  auto dev = ctx->open(test::usb_device(*ctx, "usb:1-7"));
  REQUIRE(dev.has_value());
  auto ch = usb::UsbBulkChannel::open(*dev, 1, "USB");
  REQUIRE_MESSAGE(ch.has_value(), (ch ? "" : ch.error().detail));
  return std::make_unique<atol::AtolRegistrar>(std::move(*ch), options);
}

Receipt consultation() {
  Receipt r;
  r.cashier = {"Администратор Иванова А. П.", ""};
  Item i;
  i.name = "Приём врача-терапевта первичный";
  i.price = 150000;
  r.items.push_back(i);
  r.cash = 200000;  // tendered; the registrar counts the change
  r.customer_contact = "+79161234567";
  r.payment_ref = "pay-17";
  return r;
}

}  // namespace

TEST_CASE("atol: a sale receipt goes out frame for frame and comes back as the fiscal storage's document with its ref") {
  if (!test::under_umockdev()) return;
  std::shared_ptr<usb::UsbContext> ctx;
  auto atol = atol_on_usb(ctx);
  auto doc = atol->register_receipt(consultation());
  REQUIRE_MESSAGE(doc.has_value(), (doc ? "" : doc.error().message + " / " + doc.error().detail));
  CHECK(doc->type == DocumentType::Receipt);
  CHECK(doc->number == 42u);
  CHECK(doc->fiscal_sign == 0x12345678u);
  CHECK(doc->operation == Operation::Sale);
  CHECK(doc->total == 150000);
  CHECK(doc->receipt_number == 7);
  CHECK(doc->date_time == "2026-12-06T10:31:00");
  CHECK(atol->name().find("57") != std::string::npos);  // the model number the state reported
  CHECK(doc->payment_ref == "pay-17");  // tag 1192 read back from the document's TLV, in two parts

  // A firmware that refuses to read the TLV: the document still comes back, without the ref
  // (the cash desk then matches it by number, operation and total).
  auto again = atol->last_document();
  REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error().message + " / " + again.error().detail));
  CHECK(again->number == 42u);
  CHECK(again->total == 150000);
  CHECK(again->payment_ref.empty());
}

TEST_CASE("atol: a shift opened and closed names the cashier and comes back as the fiscal storage's reports") {
  if (!test::under_umockdev()) return;
  std::shared_ptr<usb::UsbContext> ctx;
  auto atol = atol_on_usb(ctx);
  const Cashier cashier{"Администратор Иванова А. П.", ""};
  auto opened = atol->open_shift(cashier);
  REQUIRE_MESSAGE(opened.has_value(), (opened ? "" : opened.error().message + " / " + opened.error().detail));
  CHECK(opened->type == DocumentType::OpenShift);
  CHECK(opened->number == 43u);
  CHECK(opened->fiscal_sign == 0x0A0B0C0Du);
  CHECK(opened->shift_number == 13);
  auto closed = atol->close_shift(cashier);
  REQUIRE_MESSAGE(closed.has_value(), (closed ? "" : closed.error().message + " / " + closed.error().detail));
  CHECK(closed->type == DocumentType::CloseShift);
  CHECK(closed->number == 44u);
  CHECK(closed->shift_number == 13);
}

TEST_CASE("atol: a line refused for want of paper cancels the receipt and says so") {
  if (!test::under_umockdev()) return;
  std::shared_ptr<usb::UsbContext> ctx;
  auto atol = atol_on_usb(ctx);
  auto doc = atol->register_receipt(consultation());
  REQUIRE_FALSE(doc.has_value());
  CHECK(doc.error().message == "out of paper");
  CHECK(doc.error().code == ErrorCode::Io);
  // The replay holds the cancel (59h) and the mode left (48h): had the driver not sent them
  // byte for byte, the replay would have stopped and the call failed otherwise.
  CHECK(doc.error().detail == "ATOL error 103.0");
}

TEST_CASE("atol: a receipt left open is cancelled and a silent device is an error in time") {
  if (!test::under_umockdev()) return;
  std::shared_ptr<usb::UsbContext> ctx;
  atol::AtolOptions options;
  options.link.reply_timeout = 800ms;
  auto atol = atol_on_usb(ctx, options);
  auto st = atol->status();
  REQUIRE_MESSAGE(st.has_value(), (st ? "" : st.error().message));
  CHECK(st->receipt_open);
  CHECK(st->shift_open);
  CHECK(st->last_document_number == 41u);
  CHECK(st->fn_ok);
  CHECK(st->paper_present);
  REQUIRE(atol->cancel_open_receipt().has_value());
  const auto started = std::chrono::steady_clock::now();
  auto silent = atol->status();
  REQUIRE_FALSE(silent.has_value());
  CHECK(silent.error().message.find("not answering") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < 20s);  // a guard against hanging
}

TEST_CASE("atol: found by the device source then checked by the manager and used by the till until unplugged") {
  if (!test::under_umockdev()) return;
  auto ctx = test::usb_context();
  DeviceManager manager({.start_worker = false});
  usb::UsbDeviceSource source(ctx, manager, usb::DeviceRegistry::builtin());
  atol::register_usb_atol(source);
  source.start();  // 1-7 matches the built-in fiscal_registrar rule (2912:*, CDC data interface)
  // Keyed by the port and the interface it drives.
  REQUIRE(test::eventually([&] { return manager.get("usb:1-7#1") != nullptr; }));
  manager.check_all();
  auto views = manager.devices();
  REQUIRE(views.size() == 1);
  CHECK(views[0].kind == DeviceKind::FiscalRegistrar);
  CHECK(views[0].state == DeviceState::Ready);
  CHECK(views[0].message == "Fiscal registrar: ready, the shift is open");
  CHECK(manager.readiness({DeviceKind::FiscalRegistrar}).ok());

  // The till reaches it through the manager: real ones only.
  fiscal::CurrentRegistrar till(manager, true);
  auto st = till.status();
  REQUIRE_MESSAGE(st.has_value(), (st ? "" : st.error().message));
  CHECK_FALSE(st->paper_present);
  CHECK(st->last_document_number == 40u);

  auto gone = till.status();  // the cable is pulled
  REQUIRE_FALSE(gone.has_value());
  manager.check_all();
  CHECK(manager.devices().at(0).state == DeviceState::Absent);
  source.stop();
  auto none = till.status();
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().message == "not connected — check the cable and that it is switched on");
}
