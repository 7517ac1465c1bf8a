// What a receipt printer says about itself: real-time status replies (DLE EOT n) and the
// IEEE-1284 device ID, parsed into plain structs with a sentence for the administrator.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rg::drivers {

// DLE EOT n: which status byte to ask for.
enum class StatusQuery : std::uint8_t {
  Printer = 1,       // online/offline, drawer pin 3, waiting for recovery, feed button
  OfflineCause = 2,  // cover open, feeding by button, stopped at paper end, error
  ErrorCause = 3,    // mechanical (recoverable), autocutter, unrecoverable, auto-recoverable
  Paper = 4,         // roll near end, roll end
};

enum class PrinterSeverity { Ready, Warning, Error };

struct PrinterStatus {
  bool known = false;  // at least one reply was understood
  // DLE EOT 1
  bool online = true;
  bool drawer_pin3_high = false;
  bool waiting_for_recovery = false;
  bool feed_button_pressed = false;
  // DLE EOT 2
  bool cover_open = false;
  bool feeding_by_button = false;
  bool stopped_at_paper_end = false;
  bool error = false;
  // DLE EOT 3
  bool mechanical_error = false;  // recoverable: open and close the cover
  bool cutter_error = false;
  bool unrecoverable_error = false;
  bool auto_recoverable_error = false;  // e.g. the head overheated; clears by itself
  // DLE EOT 4
  bool paper_near_end = false;
  bool paper_end = false;

  PrinterSeverity severity() const;
  bool can_print() const { return severity() != PrinterSeverity::Error; }
  bool operator==(const PrinterStatus&) const = default;
};

// The request bytes: 10 04 n.
std::array<std::uint8_t, 3> status_request(StatusQuery q);

// Folds one reply byte into `status`. A byte that is not a status reply (bits 0 and 7 clear,
// bits 1 and 4 set, as every DLE EOT reply has) changes nothing and returns false.
bool apply_status_reply(PrinterStatus& status, StatusQuery q, std::uint8_t reply);

// The most urgent problem in words, translated ("Принтер чеков: открыта крышка"), or that the
// printer is ready. Order: unrecoverable error, cover, paper end, cutter, mechanical error,
// overheating, offline, paper near end, ready.
std::string status_message(const PrinterStatus& status);

// IEEE-1284 device ID as the USB printer class GET_DEVICE_ID returns it.
struct DeviceId {
  std::map<std::string, std::string> fields;  // keys upper-cased: "MFG", "MDL", "CMD", …
  std::string manufacturer;                   // MFG or MANUFACTURER
  std::string model;                          // MDL or MODEL
  std::vector<std::string> command_sets;      // CMD or COMMAND SET, split at ','
  std::string description;                    // DES or DESCRIPTION
  std::string device_class;                   // CLS or CLASS
  std::string serial;                         // SN or SERN or SERIALNUMBER
  bool supports(std::string_view command_set) const;  // case-insensitive, e.g. "ESC/POS"
};

// Parses the reply: 2-byte big-endian length that counts itself, then "KEY:value;…". A
// length larger than the reply is cut to the reply (a short transfer); below 2 or a reply
// shorter than 2 bytes, or no MFG/MDL at all, is ErrorCode::Invalid.
Result<DeviceId> parse_device_id(std::span<const std::uint8_t> reply);

}  // namespace rg::drivers
