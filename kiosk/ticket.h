// The kiosk's ticket as typed receipt lines: queue number, the visits (time, doctor, room), what
// to do next, and the slip's QR for the same appointment. Printing and layout live in drivers/.
#pragma once

#include <string>

#include "checkin_flow.h"
#include "receipt_printer/receipt.h"

namespace rg::kiosk {

drivers::Receipt ticket_receipt(const TicketData& t, const std::string& clinic_name, const std::string& qr_payload,
                                std::int64_t printed_at);

}  // namespace rg::kiosk
