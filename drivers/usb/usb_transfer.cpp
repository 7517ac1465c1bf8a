// Transfer outcomes: from libusb's codes, and into words for people.
#include "usb/usb_transfer.h"

#include "i18n.h"
#include "usb/usb_internal.h"

namespace rg::drivers::usb {

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::Ok: return "ok";
    case Outcome::Timeout: return "timeout";
    case Outcome::Gone: return "gone";
    case Outcome::Stall: return "stall";
    case Outcome::Cancelled: return "cancelled";
    case Outcome::Overflow: return "overflow";
    case Outcome::Failed: return "failed";
  }
  return "failed";
}

Outcome outcome_of(libusb_transfer_status s) {
  switch (s) {
    case LIBUSB_TRANSFER_COMPLETED: return Outcome::Ok;
    case LIBUSB_TRANSFER_TIMED_OUT: return Outcome::Timeout;
    case LIBUSB_TRANSFER_NO_DEVICE: return Outcome::Gone;
    case LIBUSB_TRANSFER_STALL: return Outcome::Stall;
    case LIBUSB_TRANSFER_CANCELLED: return Outcome::Cancelled;
    case LIBUSB_TRANSFER_OVERFLOW: return Outcome::Overflow;
    case LIBUSB_TRANSFER_ERROR: return Outcome::Failed;
  }
  return Outcome::Failed;
}

Outcome outcome_of_error(int e) {
  switch (e) {
    case LIBUSB_SUCCESS: return Outcome::Ok;
    case LIBUSB_ERROR_TIMEOUT: return Outcome::Timeout;
    case LIBUSB_ERROR_NO_DEVICE: return Outcome::Gone;
    case LIBUSB_ERROR_PIPE: return Outcome::Stall;
    case LIBUSB_ERROR_OVERFLOW: return Outcome::Overflow;
    case LIBUSB_ERROR_INTERRUPTED: return Outcome::Cancelled;
    default: return Outcome::Failed;
  }
}

Error transfer_error(const Transferred& t, std::string_view device) {
  std::string who(device);
  const std::string detail = std::string("usb transfer ") + to_string(t.outcome) +
                             (t.detail.empty() ? "" : ": " + t.detail);
  switch (t.outcome) {
    case Outcome::Gone:
      return Error(ErrorCode::NotFound, who + ": " + _("not connected — check the cable"), detail);
    case Outcome::Timeout:
      return Error(ErrorCode::Io, who + ": " + _("does not answer — check that it is switched on"), detail);
    case Outcome::Cancelled:
      return Error(ErrorCode::Io, who + ": " + _("the operation was cancelled"), detail);
    default:
      return Error(ErrorCode::Io, who + ": " + _("USB transfer error — reconnect the device"), detail);
  }
}

}  // namespace rg::drivers::usb
