// ESC/POS encoder. Byte values come from python-escpos (src/escpos/constants.py and
// src/escpos/escpos.py, with its test test_function_qr_native.py for GS ( k) and from
// escpos-php (src/Mike42/Escpos/Printer.php) where python-escpos has no constant; each command
// names its source.
#include "receipt_printer/escpos.h"

#include <algorithm>
#include <array>

namespace rg::drivers::escpos {
namespace {

// PC866 bytes 0x80..0xFF as Unicode: А–Я а–п, box drawing, р–я, then Ё ё Є є Ї ї Ў ў ° ∙ · √
// № ¤ ■ NBSP (the IBM/Microsoft CP866 table; the test checks it against glibc's iconv).
constexpr std::array<char16_t, 128> kPc866High = {
    // 0x80–0x9F: А..Я
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A,
    0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425,
    0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    // 0xA0–0xAF: а..п
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A,
    0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    // 0xB0–0xDF: shades and box drawing
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551,
    0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C,
    0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568,
    0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588,
    0x2584, 0x258C, 0x2590, 0x2580,
    // 0xE0–0xEF: р..я
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A,
    0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    // 0xF0–0xFF
    0x0401, 0x0451, 0x0404, 0x0454, 0x0407, 0x0457, 0x040E, 0x045E, 0x00B0, 0x2219, 0x00B7,
    0x221A, 0x2116, 0x00A4, 0x25A0, 0x00A0};

// Decodes one UTF-8 sequence at s[i]; advances i. Broken input yields U+FFFD and one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int need = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) need = 1, cp = b0 & 0x1Fu, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) need = 2, cp = b0 & 0x0Fu, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) need = 3, cp = b0 & 0x07u, min = 0x10000;
  else {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= need; ++k) {
    const int c = cont(static_cast<std::size_t>(k));
    if (c < 0) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | static_cast<char32_t>(c);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<std::size_t>(need) + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// One code point → PC866 bytes appended to out.
void encode_code_point(std::string& out, char32_t cp) {
  if (cp == '\t') {
    out += ' ';
    return;
  }
  if (cp >= 0x20 && cp < 0x7F) {
    out += static_cast<char>(cp);
    return;
  }
  if (cp < 0x20 || cp == 0x7F) {  // a control byte would be a command: never pass it on
    out += '?';
    return;
  }
  // Cyrillic fast paths, then the table.
  if (cp >= 0x0410 && cp <= 0x043F) {
    out += static_cast<char>(0x80 + (cp - 0x0410));
    return;
  }
  if (cp >= 0x0440 && cp <= 0x044F) {
    out += static_cast<char>(0xE0 + (cp - 0x0440));
    return;
  }
  for (std::size_t k = 0; k < kPc866High.size(); ++k) {
    if (kPc866High[k] == cp) {
      out += static_cast<char>(0x80 + k);
      return;
    }
  }
  switch (cp) {  // typography people type into names and instructions
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: out += '"'; return;
    case 0x2018: case 0x2019: case 0x201A: out += '\''; return;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: out += '-'; return;
    case 0x2026: out += "..."; return;
    case 0x2007: case 0x2009: case 0x202F: out += ' '; return;
    default: out += '?'; return;
  }
}

std::uint8_t clamp_u8(int v, int lo, int hi) {
  return static_cast<std::uint8_t>(std::clamp(v, lo, hi));
}

}  // namespace

std::string encode_pc866(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) encode_code_point(out, next_code_point(utf8, i));
  return out;
}

char32_t pc866_to_unicode(std::uint8_t byte) {
  if (byte < 0x80) return byte;
  return kPc866High[byte - 0x80u];
}

std::string decode_pc866(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) append_utf8(out, pc866_to_unicode(b));
  return out;
}

std::size_t printed_length(std::string_view utf8) { return encode_pc866(utf8).size(); }

// python-escpos HW_INIT = ESC "@" (1B 40).
Encoder& Encoder::init() {
  put({kEsc, 0x40});
  return *this;
}

// python-escpos CODEPAGE_CHANGE = ESC "\x74" (1B 74 n); n per model from escpos-printer-db.
Encoder& Encoder::codepage(std::uint8_t n) {
  put({kEsc, 0x74, n});
  return *this;
}

Encoder& Encoder::text(std::string_view utf8) { return raw_text(encode_pc866(utf8)); }

Encoder& Encoder::raw_text(std::string_view pc866) {
  for (char c : pc866) {
    const auto b = static_cast<std::uint8_t>(c);
    out_.push_back(b < 0x20 || b == 0x7F ? std::uint8_t{'?'} : b);
  }
  return *this;
}

// python-escpos TXT_STYLE["bold"]: ESC "\x45\x01" on, ESC "\x45\x00" off (1B 45 n).
Encoder& Encoder::bold(bool on) {
  put({kEsc, 0x45, static_cast<std::uint8_t>(on ? 1 : 0)});
  return *this;
}

// python-escpos TXT_SIZE = GS "!" (1D 21 n); TXT_STYLE["width"] puts (w-1) in bits 4..6,
// TXT_STYLE["height"] puts (h-1) in bits 0..2.
Encoder& Encoder::size(int width, int height) {
  const auto w = clamp_u8(width, 1, 8);
  const auto h = clamp_u8(height, 1, 8);
  put({kGs, 0x21, static_cast<std::uint8_t>(((w - 1) << 4) | (h - 1))});
  return *this;
}

// python-escpos TXT_STYLE["align"]: ESC "\x61" 0/1/2 (1B 61 n).
Encoder& Encoder::align(Align a) {
  put({kEsc, 0x61, static_cast<std::uint8_t>(a)});
  return *this;
}

// python-escpos CTL_LF = "\n" (0A).
Encoder& Encoder::line_feed() {
  put({kLf});
  return *this;
}

// python-escpos print_and_feed(): ESC "d" n (1B 64 n).
Encoder& Encoder::feed(std::uint8_t lines) {
  put({kEsc, 0x64, lines});
  return *this;
}

// python-escpos qr(native=True) via _send_2d_code_data: GS "(k" pL pH cn fn [m] data, with
// cn = '1' (0x31, QR), pL/pH = len(data) + len(m) + 2 little-endian; fn 65 ('A') model with
// 48 + model and 0 (model 2: 31 41 32 00), fn 67 ('C') module size, fn 69 ('E') error level
// 48 + level, fn 80 ('P') store with m = '0' (31 50 30), fn 81 ('Q') print with m = '0'
// (31 51 30). Its test_function_qr_native.py spells the default job out byte for byte.
Encoder& Encoder::qr(std::string_view payload, int module_size, QrLevel level) {
  if (payload.empty() || payload.size() > kQrMaxBytesLevelM) return *this;
  put({kGs, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00});
  put({kGs, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, clamp_u8(module_size, 1, 16)});
  put({kGs, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, static_cast<std::uint8_t>(0x30 + static_cast<int>(level))});
  const std::size_t len = payload.size() + 3;
  put({kGs, 0x28, 0x6B, static_cast<std::uint8_t>(len & 0xFF), static_cast<std::uint8_t>(len >> 8),
       0x31, 0x50, 0x30});
  out_.insert(out_.end(), payload.begin(), payload.end());
  put({kGs, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
  return *this;
}

// python-escpos: BARCODE_HEIGHT = GS "h" (1D 68 n), BARCODE_WIDTH = GS "w" (1D 77 n, 2..6),
// BARCODE_TXT_BLW = GS "H\x02" (1D 48 02), BARCODE_TYPE_B["CODE128"] = GS "k" 73 (1D 6B 49)
// followed by the length and the data, which starts with "{B" (code set B) per
// BARCODE_FORMATS["CODE128"].
Encoder& Encoder::code128(std::string_view ascii, int height_dots, int module_width) {
  std::string data = "{B";
  std::size_t taken = 0;
  for (char c : ascii) {
    if (taken++ == 120) break;
    const auto b = static_cast<unsigned char>(c);
    if (b == '{') data += "{{";
    else data += (b >= 0x20 && b < 0x7F) ? c : '?';
  }
  if (data.size() == 2) return *this;  // nothing to print
  put({kGs, 0x68, clamp_u8(height_dots, 1, 255)});
  put({kGs, 0x77, clamp_u8(module_width, 2, 6)});
  put({kGs, 0x48, 0x02});
  put({kGs, 0x6B, 0x49, static_cast<std::uint8_t>(data.size())});
  out_.insert(out_.end(), data.begin(), data.end());
  return *this;
}

// GS "V" m n with m = 65 full cut / 66 partial cut after feeding n units: escpos-php
// Printer::CUT_FULL = 65, CUT_PARTIAL = 66, cut() writes GS "V" chr(mode) chr(lines);
// python-escpos cut(feed=False) sends the same form (GS "V" 66 0).
Encoder& Encoder::cut(CutKind kind, std::uint8_t feed_units) {
  put({kGs, 0x56, static_cast<std::uint8_t>(kind == CutKind::Full ? 0x41 : 0x42), feed_units});
  return *this;
}

// python-escpos _CASH_DRAWER: ESC "p" m t1 t2 (1B 70 m t1 t2), m = 0 for pin 2 (CD_KICK_2),
// 1 for pin 5 (CD_KICK_5); it uses t1 = t2 = 50.
Encoder& Encoder::drawer_kick(DrawerPin pin, std::uint8_t on_2ms, std::uint8_t off_2ms) {
  put({kEsc, 0x70, static_cast<std::uint8_t>(pin == DrawerPin::Pin2 ? 0 : 1), on_2ms, off_2ms});
  return *this;
}

}  // namespace rg::drivers::escpos
