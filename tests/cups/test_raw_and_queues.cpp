// Raw bytes to a slip queue (how ESC/POS could go through CUPS), and the queue list.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "connection.h"
#include "print_helpers.h"
#include "queues.h"
#include "test_pdf.h"

using namespace rg;
using namespace rg::cups;
using rg::test::PrivateCupsd;

TEST_CASE("raw bytes reach a slip queue byte for byte") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_raw_queue("SLIP"));
  PrintService service(test::options_for(cupsd.socket(), {"", "SLIP", ""}));

  // ESC @, a CP866 line, a QR store command, a cut; then every byte value, NULs included.
  std::string bytes = "\x1b@\x1bt\x11\x8f\xe0\xa8\xa5\xac \xa2 14:30\n";
  bytes += std::string("\x1d(k\x03\x00\x31\x51\x30", 8);
  bytes += "\x1dV\x41\x03";
  for (int i = 0; i < 4; ++i) {
    for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  }
  const PrintJobId id = service.submit(
      {.title = "Талон", .kind = PrintKind::Slip, .format = DocumentFormat::Raw, .bytes = bytes});
  const PrintJobView v = test::settle(service, id);
  CHECK_MESSAGE(v.state == PrintJobState::Completed, v.message, " / ", v.detail);
  CHECK(v.queue == "SLIP");
  const std::string arrived = test::read_file(cupsd.dir().file("out/SLIP.bin"));
  CHECK(arrived.size() == bytes.size());
  CHECK(arrived == bytes);
}

TEST_CASE("raw bytes with no server are saved as a .bin file, unchanged") {
  PrivateCupsd cupsd;
  PrintService service(test::options_for(cupsd.socket(), {"", "SLIP", cupsd.dir().file("saved")}));
  const std::string bytes("\x1b@slip\x00\xff\x1dV\x00", 11);
  const PrintJobId id = service.submit(
      {.title = "Талон", .kind = PrintKind::Slip, .format = DocumentFormat::Raw, .bytes = bytes});
  const PrintJobView v = test::settle(service, id);
  REQUIRE(v.state == PrintJobState::SavedToFolder);
  CHECK(v.saved_path.ends_with(".bin"));
  CHECK(test::read_file(v.saved_path) == bytes);
}

TEST_CASE("the queue list shows each queue's state, message and whether it accepts jobs") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  REQUIRE(cupsd.add_pdf_queue("Reception"));
  REQUIRE(cupsd.add_raw_queue("SLIP"));
  REQUIRE(cupsd.run("lpadmin -p Reception -D 'Принтер у окна регистрации' -L 'Холл'") == 0);
  REQUIRE(cupsd.run("cupsdisable -r 'Замятие бумаги' A4") == 0);
  REQUIRE(cupsd.run("cupsreject SLIP") == 0);

  auto conn = Connection::open({cupsd.socket()});
  REQUIRE_MESSAGE(conn, conn.error().detail);
  auto queues = list_queues(*conn);
  REQUIRE_MESSAGE(queues, queues.error().detail);
  REQUIRE(queues->size() == 3);
  const Queue& a4 = (*queues)[0];
  const Queue& reception = (*queues)[1];
  const Queue& slip = (*queues)[2];
  CHECK(a4.name == "A4");
  CHECK(a4.state == QueueState::Stopped);
  CHECK(a4.state_message == "Замятие бумаги");
  CHECK(a4.accepting);
  CHECK(std::find(a4.reasons.begin(), a4.reasons.end(), "paused") != a4.reasons.end());
  CHECK(describe(a4) == "Stopped: Замятие бумаги");
  CHECK(reception.state == QueueState::Idle);
  CHECK(reception.description == "Принтер у окна регистрации");
  CHECK(reception.location == "Холл");
  CHECK(reception.make_and_model.find("PDF") != std::string::npos);
  CHECK(describe(reception) == "Ready");
  CHECK_FALSE(slip.accepting);
  CHECK(describe(slip).starts_with("Ready"));
  CHECK(describe(slip).ends_with(". Not accepting jobs"));

  auto one = find_queue(*conn, "Reception");
  REQUIRE(one);
  CHECK(one->description == "Принтер у окна регистрации");
  auto missing = find_queue(*conn, "Kabinet_3");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::NotFound);
  CHECK(missing.error().message.find("\"Kabinet_3\"") != std::string::npos);
}

TEST_CASE("the service reads the queue list on its worker, and says so when CUPS is down") {
  PrivateCupsd cupsd;
  PrintService service(test::options_for(cupsd.socket(), {}));
  service.refresh_queues();
  // wait_for needs a job; poll the list through version changes instead.
  for (int i = 0; i < 6000 && !service.queues().loaded; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  QueueList down = service.queues();
  REQUIRE(down.loaded);
  CHECK(down.queues.empty());
  CHECK(down.error == "The print server is not available.");

  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  const auto before = service.version();
  service.refresh_queues();
  for (int i = 0; i < 6000 && service.version() == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  QueueList up = service.queues();
  CHECK(up.error.empty());
  REQUIRE(up.queues.size() == 1);
  CHECK(up.queues[0].name == "A4");
}

TEST_CASE("a scheduler with no queues lists none, without an error") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  auto conn = Connection::open({cupsd.socket()});
  REQUIRE(conn);
  auto queues = list_queues(*conn);
  REQUIRE_MESSAGE(queues, queues.error().detail);
  CHECK(queues->empty());
}

TEST_CASE("with no address configured the service follows CUPS_SERVER, as lp does") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  ::setenv("CUPS_SERVER", cupsd.socket().c_str(), 1);
  {
    // The worker is a new thread: libcups reads the environment there, on first use.
    PrintService service(test::options_for("", {"A4", "", ""}));
    const PrintJobId id = service.submit({.title = "default server", .bytes = test::contract_pdf()});
    const PrintJobView v = test::settle(service, id);
    CHECK_MESSAGE(v.state == PrintJobState::Completed, v.message, " / ", v.detail);
  }
  ::unsetenv("CUPS_SERVER");
  CHECK(test::pdf_pages(cupsd.output_of("A4")) == 3);
}
