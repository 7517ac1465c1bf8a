// ESC/POS byte building for receipt printers: commands in, a byte vector out. No I/O here —
// moving the bytes is the transport's job (python-escpos keeps the same split).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rg::drivers::escpos {

// Control bytes, as python-escpos names them (src/escpos/constants.py: NUL, LF, DLE, EOT, ESC,
// GS). Every command below cites where its bytes come from.
inline constexpr std::uint8_t kNul = 0x00;
inline constexpr std::uint8_t kEot = 0x04;
inline constexpr std::uint8_t kLf = 0x0A;
inline constexpr std::uint8_t kCr = 0x0D;
inline constexpr std::uint8_t kDle = 0x10;
inline constexpr std::uint8_t kEsc = 0x1B;
inline constexpr std::uint8_t kGs = 0x1D;

enum class Align : std::uint8_t { Left = 0, Center = 1, Right = 2 };
enum class CutKind : std::uint8_t { Full, Partial };
enum class DrawerPin : std::uint8_t { Pin2, Pin5 };
// QR error correction; the byte sent is '0' + level (python-escpos QR_ECLEVEL_L..H = 0..3).
enum class QrLevel : std::uint8_t { L = 0, M = 1, Q = 2, H = 3 };

// The longest payload one QR model 2 symbol holds in byte mode at level M (version 40,
// ISO/IEC 18004 capacity table). Longer payloads are not sent: the printer would drop them.
inline constexpr std::size_t kQrMaxBytesLevelM = 2331;

// Text → PC866 (CP866, the DOS Cyrillic codepage most receipt printers carry). ASCII passes
// through; Cyrillic, box drawing and the other PC866 characters map to their byte; typographic
// quotes and dashes fall back to their ASCII look-alikes; anything else, control characters
// and broken UTF-8 become '?', so text can never smuggle a command byte to the printer.
std::string encode_pc866(std::string_view utf8);
// One PC866 byte → its Unicode code point (bytes below 0x80 are ASCII).
char32_t pc866_to_unicode(std::uint8_t byte);
// PC866 bytes → UTF-8 (for previews and logs).
std::string decode_pc866(std::span<const std::uint8_t> bytes);
// The number of characters (code points) a UTF-8 string prints as; broken bytes count as one.
std::size_t printed_length(std::string_view utf8);

// Builds one job's bytes. Every method appends and returns *this, so a receipt reads top down.
class Encoder {
 public:
  Encoder& init();                             // ESC @
  Encoder& codepage(std::uint8_t n);           // ESC t n — n from the printer's profile
  Encoder& text(std::string_view utf8);        // PC866 text, no line feed
  Encoder& raw_text(std::string_view pc866);   // already encoded; control bytes become '?'
  Encoder& bold(bool on);                      // ESC E n
  Encoder& size(int width, int height);        // GS ! n, each 1..8 (clamped)
  Encoder& align(Align a);                     // ESC a n
  Encoder& line_feed();                        // LF
  Encoder& feed(std::uint8_t lines);           // ESC d n: print and feed n lines
  // GS ( k: model 2, module size (1..16, clamped), error level, store, print. An empty payload
  // or one above kQrMaxBytesLevelM is not sent (nothing is appended).
  Encoder& qr(std::string_view payload, int module_size, QrLevel level = QrLevel::M);
  // GS h / GS w / GS H, then GS k 73 (CODE128, code set B). Characters outside ASCII 32..126
  // become '?', '{' is doubled (it introduces code set changes); data is cut at 120 characters.
  Encoder& code128(std::string_view ascii, int height_dots = 80, int module_width = 2);
  Encoder& cut(CutKind kind, std::uint8_t feed_units);  // GS V 65/66 n: feed n, then cut
  // ESC p m t1 t2: pulse on the drawer pin, t1 on and t2 off in 2 ms units.
  Encoder& drawer_kick(DrawerPin pin, std::uint8_t on_2ms = 50, std::uint8_t off_2ms = 50);

  const std::vector<std::uint8_t>& bytes() const { return out_; }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  void put(std::initializer_list<std::uint8_t> b) { out_.insert(out_.end(), b); }
  std::vector<std::uint8_t> out_;
};

}  // namespace rg::drivers::escpos
