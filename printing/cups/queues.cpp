// CUPS-Get-Printers and Get-Printer-Attributes: cupsGetDests2 leaves out printer-state-message.
#include "queues.h"

#include <algorithm>
#include <cstring>

#include "i18n.h"
#include "ipp_request.h"
#include "words.h"

namespace rg::cups {
namespace {

const char* const kAttributes[] = {
    "printer-name",          "printer-info",          "printer-location",
    "printer-make-and-model", "printer-state",        "printer-state-message",
    "printer-state-reasons", "printer-is-accepting-jobs",
};

void ask_for_attributes(ipp_t* request) {
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kAttributes)), nullptr, kAttributes);
}

// Reads the attributes of one printer group, from `attr` (its first) to the next separator.
Queue read_queue(ipp_t* response, ipp_attribute_t*& attr) {
  Queue q;
  for (; attr && ippGetGroupTag(attr) == IPP_TAG_PRINTER; attr = ippNextAttribute(response)) {
    const char* name = ippGetName(attr);
    if (!name) break;
    auto text = [&] {
      const char* v = ippGetString(attr, 0, nullptr);
      return std::string(v ? v : "");
    };
    if (!std::strcmp(name, "printer-name")) q.name = text();
    else if (!std::strcmp(name, "printer-info")) q.description = text();
    else if (!std::strcmp(name, "printer-location")) q.location = text();
    else if (!std::strcmp(name, "printer-make-and-model")) q.make_and_model = text();
    else if (!std::strcmp(name, "printer-state-message")) q.state_message = text();
    else if (!std::strcmp(name, "printer-is-accepting-jobs")) q.accepting = ippGetBoolean(attr, 0);
    else if (!std::strcmp(name, "printer-state")) {
      switch (ippGetInteger(attr, 0)) {
        case IPP_PSTATE_PROCESSING: q.state = QueueState::Processing; break;
        case IPP_PSTATE_STOPPED: q.state = QueueState::Stopped; break;
        default: q.state = QueueState::Idle; break;
      }
    } else if (!std::strcmp(name, "printer-state-reasons")) {
      for (int i = 0; i < ippGetCount(attr); ++i) {
        const char* r = ippGetString(attr, i, nullptr);
        if (r && std::strcmp(r, "none") != 0) q.reasons.emplace_back(r);
      }
    }
  }
  return q;
}

std::vector<Queue> read_queues(ipp_t* response) {
  std::vector<Queue> queues;
  ipp_attribute_t* attr = ippFirstAttribute(response);
  while (attr) {
    while (attr && ippGetGroupTag(attr) != IPP_TAG_PRINTER) attr = ippNextAttribute(response);
    if (!attr) break;
    Queue q = read_queue(response, attr);
    if (!q.name.empty()) queues.push_back(std::move(q));
    if (attr) attr = ippNextAttribute(response);
  }
  return queues;
}

// The reasons people can act on, without the "-error"/"-warning"/"-report" suffix.
const char* reason_in_words(std::string keyword) {
  for (const char* suffix : {"-error", "-warning", "-report"}) {
    const size_t n = std::strlen(suffix);
    if (keyword.size() > n && keyword.compare(keyword.size() - n, n, suffix) == 0) {
      keyword.resize(keyword.size() - n);
    }
  }
  if (keyword == "media-empty" || keyword == "media-needed") return _("out of paper");
  if (keyword == "media-jam") return _("paper jam");
  if (keyword == "door-open" || keyword == "cover-open") return _("the cover is open");
  if (keyword == "toner-empty" || keyword == "marker-supply-empty") return _("out of toner");
  if (keyword == "offline" || keyword == "offline-report") return _("the printer is offline");
  if (keyword == "connecting-to-device") return _("connecting to the printer");
  return nullptr;
}

}  // namespace

Result<std::vector<Queue>> list_queues(Connection& conn) {
  IppPtr request = new_request(IPP_OP_CUPS_GET_PRINTERS);
  ask_for_attributes(request.get());
  auto response = send(conn, std::move(request), "/", "CUPS-Get-Printers");
  if (!response) {
    // A scheduler without any queue answers "not found": that is an empty list.
    if (response.error().code == ErrorCode::NotFound) return std::vector<Queue>{};
    return std::unexpected(response.error());
  }
  std::vector<Queue> queues = read_queues(response->get());
  std::sort(queues.begin(), queues.end(),
            [](const Queue& a, const Queue& b) { return a.name < b.name; });
  return queues;
}

Result<Queue> find_queue(Connection& conn, const std::string& name) {
  IppPtr request = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               queue_uri(name).c_str());
  ask_for_attributes(request.get());
  auto response = send(conn, std::move(request), "/", "Get-Printer-Attributes " + name);
  if (!response) {
    Error e = response.error();
    if (e.code == ErrorCode::NotFound) {
      e.message = say(_("The printer \"%s\" does not exist on the print server."), {name});
    }
    return std::unexpected(std::move(e));
  }
  std::vector<Queue> queues = read_queues(response->get());
  if (queues.empty()) {
    return fail(ErrorCode::NotFound,
                say(_("The printer \"%s\" does not exist on the print server."), {name}),
                "Get-Printer-Attributes " + name + ": no printer group");
  }
  return std::move(queues.front());
}

std::string describe(const Queue& queue) {
  std::string words;
  switch (queue.state) {
    case QueueState::Idle: words = _("Ready"); break;
    case QueueState::Processing: words = _("Printing"); break;
    case QueueState::Stopped: words = _("Stopped"); break;
  }
  std::string why = queue.state_message;
  for (const auto& r : queue.reasons) {
    if (const char* w = reason_in_words(r)) {
      if (!why.empty()) why += "; ";
      why += w;
    }
  }
  if (!why.empty()) words += ": " + why;
  if (!queue.accepting) words += ". " + std::string(_("Not accepting jobs"));
  return words;
}

}  // namespace rg::cups
