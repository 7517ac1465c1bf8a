// The receipt printer as the kiosk and the cash desk see it: hand over a job's bytes, ask how
// the printer is. USB, the simulated twin (sim_printer.h) and later transports implement it.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "error.h"
#include "receipt_printer/profile.h"
#include "receipt_printer/status.h"

namespace rg::drivers {

class ReceiptPrinter {
 public:
  virtual ~ReceiptPrinter() = default;
  // Sends one whole job. Fails with the printer's problem in words (status_message) when it
  // cannot print — no paper, cover open, offline — so the caller can show it and go on.
  virtual Status print(std::span<const std::uint8_t> bytes) = 0;
  // The printer's state now (real-time status; may block briefly on real hardware: call it
  // from a worker, never from a frame).
  virtual PrinterStatus status() = 0;
  // For people: "Simulated receipt printer (80 mm)", "EPSON TM-T20II".
  virtual std::string name() const = 0;
  // The model's data, for laying receipts out: to_escpos(receipt, printer.profile()).
  virtual const Profile& profile() const = 0;
};

}  // namespace rg::drivers
