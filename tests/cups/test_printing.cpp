// Documents through a real, private cupsd: what arrives at the printer is read back.
#include <doctest/doctest.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "files.h"
#include "print_helpers.h"
#include "test_pdf.h"

using namespace rg;
using namespace rg::cups;
using rg::test::PrivateCupsd;

TEST_CASE("a three-page contract prints through cupsd and arrives with its text and pages") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", cupsd.dir().file("saved")}));

  const PrintJobId id = service.submit({.title = "Договор № 2026-0042 — Иванова А. П.",
                                        .bytes = test::contract_pdf()});
  const PrintJobView done = test::settle(service, id);
  CHECK_MESSAGE(done.state == PrintJobState::Completed, done.message, " / ", done.detail);
  CHECK(done.queue == "A4");
  CHECK(done.cups_job_id > 0);
  CHECK(done.attempts == 1);
  CHECK_FALSE(done.can_retry);
  CHECK(done.message.find("A4") != std::string::npos);
  CHECK(done.saved_path.empty());

  const std::string out = cupsd.output_of("A4");
  CHECK(test::pdf_pages(out) == 3);
  const std::string text = test::pdf_text(out);
  CHECK(text.find("Договор на оказание платных медицинских услуг") != std::string::npos);
  CHECK(text.find("ИНН 7701234567") != std::string::npos);
  CHECK(text.find("Иванова Анна Петровна") != std::string::npos);
  CHECK(text.find("Итого: 2 500,00 ₽") != std::string::npos);
  CHECK(cupsd.completed_jobs("A4") == 1);
  CHECK_FALSE(std::filesystem::exists(cupsd.dir().file("saved")));
}

TEST_CASE("two copies arrive as every page twice (Generic-PDF makes copies in pdftopdf)") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", ""}));

  const PrintJobId id = service.submit({.title = "Договор, 2 экз.",
                                        .bytes = test::contract_pdf(), .copies = 2});
  const PrintJobView done = test::settle(service, id);
  REQUIRE_MESSAGE(done.state == PrintJobState::Completed, done.message);
  // The PPD says *cupsManualCopies: True, so the copies are pages in the output, collated.
  const std::string out = cupsd.output_of("A4");
  CHECK(test::pdf_pages(out) == 6);
  const std::string text = test::pdf_text(out);
  CHECK(test::count_of(text, "Договор на оказание платных медицинских услуг") == 2);
  CHECK(test::count_of(text, "ИНН 7701234567") == 2);
  CHECK(cupsd.completed_jobs("A4") == 1);
}

TEST_CASE("two-sided printing reaches the printer as its duplex setting") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", ""}));

  const PrintJobId one = service.submit({.title = "one-sided", .bytes = test::contract_pdf()});
  REQUIRE(test::settle(service, one).state == PrintJobState::Completed);
  const std::string simplex = test::read_file(cupsd.output_of("A4"));
  CHECK(simplex.find("@PJL SET DUPLEX=OFF") != std::string::npos);

  const PrintJobId two =
      service.submit({.title = "two-sided", .bytes = test::contract_pdf(), .duplex = true});
  const PrintJobView done = test::settle(service, two);
  REQUIRE_MESSAGE(done.state == PrintJobState::Completed, done.message);
  // The Generic-PDF PPD turns sides=two-sided-long-edge into its PJL job header.
  const std::string duplex = test::read_file(cupsd.output_of("A4"));
  CHECK(duplex.find("@PJL SET DUPLEX=ON") != std::string::npos);
  CHECK(duplex.find("@PJL SET BINDING=LONGEDGE") != std::string::npos);
  CHECK(test::pdf_pages(cupsd.output_of("A4")) == 3);
}

TEST_CASE("a PDF file on disk prints, and an unreadable one is a clear error") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", ""}));

  const std::string file = cupsd.dir().file("contract.pdf");
  REQUIRE(db::write_file_atomically(file, test::contract_pdf()));
  const PrintJobId id = service.submit({.title = "from a file", .file = file});
  const PrintJobView done = test::settle(service, id);
  CHECK_MESSAGE(done.state == PrintJobState::Completed, done.message);
  CHECK(test::pdf_text(cupsd.output_of("A4")).find("ИНН 7701234567") != std::string::npos);

  const std::string missing = cupsd.dir().file("no-such.pdf");
  const PrintJobId bad = service.submit({.title = "missing", .file = missing});
  const PrintJobView failed = test::settle(service, bad);
  CHECK(failed.state == PrintJobState::Failed);
  CHECK(failed.message.find(missing) != std::string::npos);
  CHECK(failed.can_retry);  // the file may appear (a share that was not mounted)
}

TEST_CASE("the listener hears each change on the worker thread, ending with completed") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  std::mutex mu;
  std::condition_variable cv;
  std::vector<PrintJobState> heard;
  std::vector<std::thread::id> threads;
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", ""}),
                       [&](const PrintJobView& v) {
                         std::lock_guard lock(mu);
                         heard.push_back(v.state);
                         threads.push_back(std::this_thread::get_id());
                         cv.notify_all();
                       });
  const std::uint64_t before = service.version();
  const PrintJobId id = service.submit({.title = "listener", .bytes = test::contract_pdf()});
  CHECK(service.version() > before);
  std::unique_lock lock(mu);
  cv.wait_for(lock, test::kPatience,
              [&] { return !heard.empty() && heard.back() == PrintJobState::Completed; });
  REQUIRE_FALSE(heard.empty());
  CHECK(heard.front() == PrintJobState::Pending);
  CHECK(heard.back() == PrintJobState::Completed);
  CHECK(service.job(id)->state == PrintJobState::Completed);
  for (auto t : threads) CHECK(t != std::this_thread::get_id());
}
