#include "scan_identity.h"

#include "checkin_token.h"
#include "scan.h"

namespace rg::codes {

std::optional<db::Identity> identity_from_scan(std::string_view payload, std::span<const unsigned char> secret) {
  ScanResult scan = classify_scan(payload);
  db::Identity who;
  if (auto* t = std::get_if<CheckinTokenScan>(&scan)) {
    auto id = secret.empty() ? std::nullopt : verify_checkin_token(t->raw, secret);
    if (!id) return std::nullopt;
    who.kind = db::Identity::Kind::Appointment;
    who.appointment_id = *id;
  } else if (auto* c = std::get_if<CardNumberScan>(&scan)) {
    who.kind = db::Identity::Kind::Card;
    who.card_no = c->digits;
  } else if (auto* e = std::get_if<EnpScan>(&scan)) {
    who.kind = db::Identity::Kind::Enp;
    who.enp = e->digits;
  } else if (auto* o = std::get_if<OldOmsScan>(&scan)) {
    who.kind = db::Identity::Kind::Enp;
    who.enp = o->policy.enp;
  } else {
    return std::nullopt;
  }
  return who;
}

}  // namespace rg::codes
