// The mapping is a pure function so it can be tested without a scheduler.
#include "job_progress.h"

#include "i18n.h"
#include "words.h"

namespace rg::cups {

const char* to_words(PrintJobState state) {
  switch (state) {
    case PrintJobState::Pending: return _("Queued");
    case PrintJobState::Printing: return _("Printing");
    case PrintJobState::Completed: return _("Printed");
    case PrintJobState::Stopped: return _("Stopped");
    case PrintJobState::Failed: return _("Not printed");
    case PrintJobState::SavedToFolder: return _("Saved to a folder");
  }
  return "";
}

const char* to_string(PrintJobState state) {
  switch (state) {
    case PrintJobState::Pending: return "pending";
    case PrintJobState::Printing: return "printing";
    case PrintJobState::Completed: return "completed";
    case PrintJobState::Stopped: return "stopped";
    case PrintJobState::Failed: return "failed";
    case PrintJobState::SavedToFolder: return "saved-to-folder";
  }
  return "";
}

Progress progress_of(const CupsJob& job, const std::optional<Queue>& queue, bool duplex_dropped) {
  const std::string& q = job.queue;
  switch (job.state) {
    case CupsJobState::Pending:
      if (queue && queue->state == QueueState::Stopped) {
        return {PrintJobState::Stopped,
                say(_("The printer \"%s\" is stopped (%s). The document will print when it is "
                      "started again."),
                    {q, describe(*queue)})};
      }
      return {PrintJobState::Pending, say(_("Waiting in the queue of \"%s\"."), {q})};
    case CupsJobState::Held:
      return {PrintJobState::Stopped, say(_("The job is held in the queue of \"%s\"."), {q})};
    case CupsJobState::Processing:
      return {PrintJobState::Printing, say(_("Printing on \"%s\"."), {q})};
    case CupsJobState::Stopped:
      return {PrintJobState::Stopped,
              job.printer_message.empty()
                  ? say(_("The printer \"%s\" stopped the job."), {q})
                  : say(_("The printer \"%s\" stopped the job: %s"), {q, job.printer_message})};
    case CupsJobState::Canceled:
      return {PrintJobState::Failed, say(_("The job was cancelled on the print server."), {})};
    case CupsJobState::Aborted:
      return {PrintJobState::Failed,
              job.printer_message.empty()
                  ? say(_("The printer \"%s\" could not print the document."), {q})
                  : say(_("The printer \"%s\" could not print the document: %s"),
                        {q, job.printer_message})};
    case CupsJobState::Completed:
      if (duplex_dropped) {
        return {PrintJobState::Completed,
                say(_("Printed on \"%s\" one-sided: the printer cannot print on both sides."),
                    {q})};
      }
      return {PrintJobState::Completed, say(_("Printed on \"%s\"."), {q})};
  }
  return {PrintJobState::Pending, {}};
}

}  // namespace rg::cups
