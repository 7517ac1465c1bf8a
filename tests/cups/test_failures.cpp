// When printing cannot happen: nothing is lost, and the desk is told what happened, in words.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "print_helpers.h"
#include "test_pdf.h"

using namespace rg;
using namespace rg::cups;
using rg::test::PrivateCupsd;
namespace fs = std::filesystem;

TEST_CASE("no print server: the document is saved to the fallback folder and the message says where") {
  PrivateCupsd cupsd;  // configured but never started: nothing listens on the socket
  const std::string folder = cupsd.dir().file("Не напечатано");
  PrintService service(test::options_for(cupsd.socket(), {"A4", "SLIP", folder}));
  const std::string pdf = test::contract_pdf();

  const PrintJobId id = service.submit({.title = "Договор: Иванова / 2 экз.", .bytes = pdf});
  const PrintJobView v = test::settle(service, id);
  CHECK(v.state == PrintJobState::SavedToFolder);
  CHECK(v.cups_job_id == 0);
  REQUIRE_FALSE(v.saved_path.empty());
  CHECK(fs::path(v.saved_path).parent_path() == fs::path(folder));
  CHECK(fs::path(v.saved_path).extension() == ".pdf");
  CHECK(fs::path(v.saved_path).filename().string().find("Договор_ Иванова _ 2 экз.") !=
        std::string::npos);
  CHECK(test::read_file(v.saved_path) == pdf);  // byte for byte
  CHECK(v.message.find("The printer is not available (the print server does not answer). The document was saved to ") == 0);
  CHECK(v.message.find(v.saved_path) != std::string::npos);
  CHECK_FALSE(v.no_printer);  // a printer is set up; it does not answer
  CHECK(v.can_retry);  // "print it now" once the server is back

  // The server comes back: retry prints the same document; the saved file stays.
  REQUIRE(cupsd.start());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  REQUIRE(service.retry(id));
  const PrintJobView again = *service.wait_for(
      id, [](const PrintJobView& j) { return j.attempts == 2 && test::settled(j); },
      test::kPatience);
  CHECK_MESSAGE(again.state == PrintJobState::Completed, again.message);
  CHECK(again.attempts == 2);
  CHECK(test::pdf_pages(cupsd.output_of("A4")) == 3);
  CHECK(fs::exists(v.saved_path));
}

TEST_CASE("a queue the server does not have: saved to the folder, the message names the queue") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  const std::string folder = cupsd.dir().file("saved");
  PrintService service(test::options_for(cupsd.socket(), {"Kabinet_3", "", folder}));

  const PrintJobId id = service.submit({.title = "Согласие", .bytes = test::contract_pdf()});
  const PrintJobView v = test::settle(service, id);
  CHECK(v.state == PrintJobState::SavedToFolder);
  CHECK(v.message.find("\"Kabinet_3\"") != std::string::npos);
  CHECK(v.message.find(v.saved_path) != std::string::npos);
  CHECK(test::pdf_pages(v.saved_path) == 3);
  CHECK(cupsd.completed_jobs("A4") == 0);
}

TEST_CASE("no queue set up for slips: the slip is saved and the message says printing is not set up") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  const std::string folder = cupsd.dir().file("saved");
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", folder}));

  const PrintJobId id = service.submit(
      {.title = "Талон", .kind = PrintKind::Slip, .bytes = test::make_pdf({"Талон на приём"})});
  const PrintJobView v = test::settle(service, id);
  CHECK(v.state == PrintJobState::SavedToFolder);
  CHECK(v.message.find("no printer is chosen for slips") != std::string::npos);
  CHECK(v.no_printer);  // the desk says «принтер не настроен», not «не отвечает»
  CHECK(test::pdf_text(v.saved_path).find("Талон на приём") != std::string::npos);
}

TEST_CASE("a queue that refuses jobs (cupsreject): saved to the folder") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  REQUIRE(cupsd.run("cupsreject -r 'Замена картриджа' A4") == 0);
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", cupsd.dir().file("saved")}));

  const PrintJobId id = service.submit({.title = "Договор", .bytes = test::contract_pdf()});
  const PrintJobView v = test::settle(service, id);
  CHECK(v.state == PrintJobState::SavedToFolder);
  CHECK(v.message.find("does not accept jobs") != std::string::npos);
  CHECK(test::pdf_pages(v.saved_path) == 3);
}

TEST_CASE("a stopped queue shows the job stopped, retry replaces it, and it prints once started") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  REQUIRE(cupsd.run("cupsdisable -r 'Нет бумаги' A4") == 0);
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", cupsd.dir().file("saved")}));

  const PrintJobId id = service.submit({.title = "Договор", .bytes = test::contract_pdf()});
  const PrintJobView stopped = test::wait_state(service, id, PrintJobState::Stopped);
  REQUIRE(stopped.state == PrintJobState::Stopped);
  CHECK(stopped.message.find("\"A4\" is stopped") != std::string::npos);
  CHECK(stopped.message.find("Нет бумаги") != std::string::npos);
  CHECK(stopped.can_retry);
  const int first = stopped.cups_job_id;

  // Retry while still stopped: the old CUPS job is cancelled, a new one waits in its place.
  REQUIRE(service.retry(id));
  CHECK_FALSE(service.job(id)->can_retry);  // no double retry while one is queued
  const PrintJobView replaced = *service.wait_for(
      id,
      [first](const PrintJobView& v) {
        return v.cups_job_id != 0 && v.cups_job_id != first && v.state == PrintJobState::Stopped;
      },
      test::kPatience);
  REQUIRE(replaced.cups_job_id != first);
  CHECK(replaced.attempts == 2);

  REQUIRE(cupsd.run("cupsenable A4") == 0);
  const PrintJobView done = test::wait_state(service, id, PrintJobState::Completed);
  CHECK_MESSAGE(done.state == PrintJobState::Completed, done.message);
  CHECK(cupsd.completed_jobs("A4") == 1);  // printed once: the first job was cancelled
  CHECK(test::pdf_pages(cupsd.output_of("A4")) == 3);
}

TEST_CASE("the print server restarting loses nothing: the waiting job prints afterwards") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.add_pdf_queue("A4"));
  REQUIRE(cupsd.run("cupsdisable A4") == 0);
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", cupsd.dir().file("saved")}));

  const PrintJobId id = service.submit({.title = "Договор", .bytes = test::contract_pdf()});
  const PrintJobView stopped = test::wait_state(service, id, PrintJobState::Stopped);
  REQUIRE(stopped.state == PrintJobState::Stopped);

  cupsd.stop();
  const PrintJobView away = *service.wait_for(
      id, [](const PrintJobView& v) { return v.message.starts_with("No answer"); },
      test::kPatience);
  CHECK(away.message == "No answer from the print server: the job is still in its queue.");
  CHECK(away.state == PrintJobState::Stopped);  // unchanged: CUPS still has it
  CHECK(away.cups_job_id == stopped.cups_job_id);
  CHECK(away.saved_path.empty());

  // Same spool, same job: once the queue is started it prints, without a second submission.
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  REQUIRE(cupsd.run("cupsenable A4") == 0);
  const PrintJobView done = test::wait_state(service, id, PrintJobState::Completed);
  CHECK_MESSAGE(done.state == PrintJobState::Completed, done.message);
  CHECK(done.cups_job_id == stopped.cups_job_id);
  CHECK(done.attempts == 1);
  CHECK(test::pdf_pages(cupsd.output_of("A4")) == 3);
}

TEST_CASE("a printer that cannot write stops the job, and once fixed, retry prints it") {
  PrivateCupsd cupsd;
  REQUIRE_MESSAGE(cupsd.start(), cupsd.error_log());
  const std::string device_dir = cupsd.dir().file("unplugged");
  REQUIRE(cupsd.add_pdf_queue("A4", device_dir + "/A4.pdf"));
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", cupsd.dir().file("saved")}));

  const PrintJobId id = service.submit({.title = "Согласие", .bytes = test::contract_pdf()});
  const PrintJobView stopped = test::settle(service, id);
  REQUIRE_MESSAGE(stopped.state == PrintJobState::Stopped, stopped.message);
  CHECK(stopped.can_retry);

  REQUIRE(fs::create_directory(device_dir));
  REQUIRE(service.retry(id));
  const PrintJobView done = *service.wait_for(
      id, [](const PrintJobView& v) { return v.attempts == 2 && test::settled(v); },
      test::kPatience);
  CHECK_MESSAGE(done.state == PrintJobState::Completed, done.message);
  CHECK(test::pdf_text(device_dir + "/A4.pdf").find("ИНН 7701234567") != std::string::npos);
  CHECK(cupsd.completed_jobs("A4") == 1);
}

TEST_CASE("an unwritable fallback folder: a clear error, the document kept, retry saves it") {
  PrivateCupsd cupsd;  // not started: CUPS is down
  const std::string blocker = cupsd.dir().file("blocker");
  std::ofstream(blocker) << "a file where the folder should be";
  const std::string folder = blocker + "/saved";
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", folder}));
  const std::string pdf = test::contract_pdf();

  const PrintJobId id = service.submit({.title = "Договор", .bytes = pdf});
  const PrintJobView failed = test::settle(service, id);
  CHECK(failed.state == PrintJobState::Failed);
  CHECK(failed.message.find("The printer is not available") == 0);
  CHECK(failed.message.find("Could not create the folder " + folder) != std::string::npos);
  CHECK(failed.message.find("press Retry") != std::string::npos);
  CHECK(failed.saved_path.empty());
  CHECK(failed.can_retry);

  fs::remove(blocker);
  REQUIRE(service.retry(id));
  const PrintJobView saved = *service.wait_for(
      id, [](const PrintJobView& v) { return v.attempts == 2 && test::settled(v); },
      test::kPatience);
  CHECK(saved.state == PrintJobState::SavedToFolder);
  CHECK(test::read_file(saved.saved_path) == pdf);
}

TEST_CASE("no fallback folder set and no server: failed, kept, retryable") {
  PrivateCupsd cupsd;
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", ""}));
  const PrintJobId id = service.submit({.title = "Договор", .bytes = test::contract_pdf()});
  const PrintJobView v = test::settle(service, id);
  CHECK(v.state == PrintJobState::Failed);
  CHECK(v.message.find("No folder is set for saving documents.") != std::string::npos);
  CHECK(v.can_retry);
}

TEST_CASE("bad requests are refused at once, in words, and cannot be retried") {
  PrivateCupsd cupsd;
  PrintService service(test::options_for(cupsd.socket(), {"A4", "", cupsd.dir().file("saved")}));

  const PrintJobView zero = *service.job(
      service.submit({.title = "0 copies", .bytes = test::contract_pdf(), .copies = 0}));
  CHECK(zero.state == PrintJobState::Failed);
  CHECK(zero.message == "The number of copies must be from 1 to 99.");
  CHECK_FALSE(zero.can_retry);
  CHECK_FALSE(service.retry(zero.id));

  const PrintJobView empty = *service.job(service.submit({.title = "empty"}));
  CHECK(empty.state == PrintJobState::Failed);
  CHECK(empty.message.find("nothing to print") != std::string::npos);
  CHECK_FALSE(service.retry(empty.id));
  CHECK(service.retry(12345).error().code == ErrorCode::NotFound);
  CHECK_FALSE(fs::exists(cupsd.dir().file("saved")));
}
