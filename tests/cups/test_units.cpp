// The pieces that need no scheduler: state mapping, file names, sentences, the folder.
#include <doctest/doctest.h>

#include <filesystem>

#include "fallback_folder.h"
#include "job_progress.h"
#include "temp_dir.h"
#include "test_pdf.h"
#include "words.h"

using namespace rg;
using namespace rg::cups;

TEST_CASE("sentences take their values in order, whatever else is in them") {
  CHECK(say("Saved to %s.", {"/srv/a b"}) == "Saved to /srv/a b.");
  CHECK(say("%s: %s", {"A4", "100%s"}) == "A4: 100%s");
  CHECK(say("no values %s", {}) == "no values %s");
  CHECK(say("50% done", {"x"}) == "50% done");
}

TEST_CASE("CUPS job states become the desk's states, with the queue named") {
  CupsJob job;
  job.queue = "A4";
  Queue stopped{.name = "A4", .state = QueueState::Stopped, .state_message = "Нет бумаги"};
  Queue idle{.name = "A4"};

  job.state = CupsJobState::Pending;
  CHECK(progress_of(job, idle, false).state == PrintJobState::Pending);
  CHECK(progress_of(job, std::nullopt, false).state == PrintJobState::Pending);
  const Progress on_stopped = progress_of(job, stopped, false);
  CHECK(on_stopped.state == PrintJobState::Stopped);
  CHECK(on_stopped.message.find("Нет бумаги") != std::string::npos);
  job.state = CupsJobState::Held;
  CHECK(progress_of(job, idle, false).state == PrintJobState::Stopped);
  job.state = CupsJobState::Processing;
  CHECK(progress_of(job, idle, false).state == PrintJobState::Printing);
  job.state = CupsJobState::Stopped;
  job.printer_message = "Замятие";
  CHECK(progress_of(job, idle, false).message == "The printer \"A4\" stopped the job: Замятие");
  job.state = CupsJobState::Aborted;
  CHECK(progress_of(job, idle, false).state == PrintJobState::Failed);
  job.state = CupsJobState::Canceled;
  CHECK(progress_of(job, idle, false).state == PrintJobState::Failed);
  job.state = CupsJobState::Completed;
  CHECK(progress_of(job, idle, false).message == "Printed on \"A4\".");
  CHECK(progress_of(job, idle, true).message.find("one-sided") != std::string::npos);
  CHECK(std::string(to_string(PrintJobState::SavedToFolder)) == "saved-to-folder");
}

TEST_CASE("a title becomes a safe file name") {
  CHECK(file_name_from_title("Договор № 5 / Иванова") == "Договор № 5 _ Иванова");
  CHECK(file_name_from_title("../../etc/passwd") == "_.._etc_passwd");
  CHECK(file_name_from_title("a\nb\tc:*?\"<>|") == "a_b_c_______");
  CHECK(file_name_from_title("...") == "document");
  CHECK(file_name_from_title("") == "document");
  const std::string long_cyrillic(300, 'x');
  CHECK(file_name_from_title(long_cyrillic).size() == 100);
  std::string letters;
  for (int i = 0; i < 80; ++i) letters += "Ж";  // 2 bytes each: the cut keeps whole letters
  const std::string cut = file_name_from_title(letters);
  CHECK(cut.size() == 100);
  CHECK(cut == letters.substr(0, 100));
}

TEST_CASE("the fallback folder never overwrites a document saved in the same second") {
  test::TempDir dir;
  const auto when = std::chrono::system_clock::now();
  const std::string folder = dir.file("a/b");
  auto first = save_to_folder(folder, "Договор", "one", DocumentFormat::Pdf, when);
  auto second = save_to_folder(folder, "Договор", "two", DocumentFormat::Pdf, when);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*first != *second);
  CHECK(second->ends_with(" (2).pdf"));
  CHECK(test::read_file(*first) == "one");
  CHECK(test::read_file(*second) == "two");
  CHECK_FALSE(save_to_folder("", "x", "y", DocumentFormat::Pdf, when));
}
