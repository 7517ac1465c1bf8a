// A barcode scan as the kiosk and the desk receive it, whichever scanner read it, and the
// source they poll once a frame (never blocking: device threads fill it).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace rg::drivers::hid {

// Symbologies told apart by the AIM identifier (ISO/IEC 15424) the scanner sends.
enum class Symbology {
  Unknown,  // no AIM identifier (a keyboard-wedge scanner without the prefix configured)
  Code128,
  Gs1_128,
  Ean13,  // EAN-13, UPC-A, UPC-E
  Ean8,
  Code39,
  Code93,
  Codabar,
  Interleaved2of5,
  DataMatrix,
  QrCode,
  Pdf417,
  Aztec,
  Gs1DataBar,
  Other,  // an AIM identifier we do not name
};

enum class ScanOrigin { HidPos, KeyboardWedge, Simulated };

struct Scan {
  std::string data;   // the decoded bytes, without the AIM identifier and without the Enter
  std::string aim;    // "]C0", "]Q1", … or "" when the scanner sent none
  Symbology symbology = Symbology::Unknown;
  ScanOrigin origin = ScanOrigin::Simulated;
  std::chrono::system_clock::time_point time;  // when the scan was complete
};

class ScanSource {
 public:
  virtual ~ScanSource() = default;
  // Scans completed since the last call, oldest first. Never blocks.
  virtual std::vector<Scan> poll() = 0;
  // "" while the scanner works; otherwise what is wrong, translated, for the administrator.
  virtual std::string problem() const = 0;
  // True when the hardware went away (unplugged): its owner drops it.
  virtual bool gone() const { return false; }
};

}  // namespace rg::drivers::hid
