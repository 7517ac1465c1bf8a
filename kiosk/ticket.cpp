// Ticket text in the clinic's language (gettext), short enough for 32 columns.
#include "ticket.h"

#include <cstdio>

#include "i18n.h"
#include "kiosk_words.h"

namespace rg::kiosk {

drivers::Receipt ticket_receipt(const TicketData& t, const std::string& clinic_name, const std::string& qr_payload,
                                std::int64_t printed_at) {
  drivers::Receipt r;
  char title[64];
  std::snprintf(title, sizeof title, _("TICKET No. %d"), t.queue_number);
  r.centered(clinic_name, true).title(title).centered(t.masked_name).separator();
  for (const auto& v : t.visits) {
    r.pair(hhmm(v.start_min), v.doctor, true);
    if (!v.room.empty()) r.big(std::string(_("Room")) + " " + v.room);
  }
  r.separator();
  // A ticket is left on benches too: the reason reads as on the screen, nothing about money.
  if (t.to_desk && desk_comes_first(t.desk))
    r.text_wrapped(std::string(_("Please come to the front desk first")) + ". " + desk_first_reason(t.desk));
  else
    r.text_wrapped(_("Please take a seat by the room and wait to be called."));
  if (!qr_payload.empty()) r.qr(qr_payload);
  LocalTime at = to_local(printed_at);
  r.centered(at.date.ru() + " " + hhmm(at.minutes)).cut();
  return r;
}

}  // namespace rg::kiosk
