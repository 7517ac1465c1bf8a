// Code characters from ISO/IEC 15424 as scanner manuals list them (e.g. Honeywell's "AIM Code
// Identifiers" table): C0 Code 128, C1 GS1-128, E0 EAN-13/UPC, E4 EAN-8, Q1 QR model 2.
#include "hid/aim.h"

#include <cctype>

namespace rg::drivers::hid {
namespace {

bool is_modifier(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_code(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::optional<AimId> parse_aim(std::string_view three) {
  if (three.size() != 3 || three[0] != ']' || !is_code(three[1]) || !is_modifier(three[2])) return std::nullopt;
  return AimId{three[1], three[2]};
}

Symbology symbology_of(const AimId& id) {
  switch (id.code) {
    case 'A': return Symbology::Code39;
    case 'C': return id.modifier == '1' ? Symbology::Gs1_128 : Symbology::Code128;
    case 'E': return id.modifier == '4' ? Symbology::Ean8 : Symbology::Ean13;
    case 'F': return Symbology::Codabar;
    case 'G': return Symbology::Code93;
    case 'I': return Symbology::Interleaved2of5;
    case 'd': return Symbology::DataMatrix;
    case 'Q': return Symbology::QrCode;
    case 'L': return Symbology::Pdf417;
    case 'z': return Symbology::Aztec;
    case 'e': return Symbology::Gs1DataBar;
    default: return Symbology::Other;
  }
}

const char* symbology_name(Symbology s) {
  switch (s) {
    case Symbology::Unknown: return "unknown";
    case Symbology::Code128: return "Code 128";
    case Symbology::Gs1_128: return "GS1-128";
    case Symbology::Ean13: return "EAN-13";
    case Symbology::Ean8: return "EAN-8";
    case Symbology::Code39: return "Code 39";
    case Symbology::Code93: return "Code 93";
    case Symbology::Codabar: return "Codabar";
    case Symbology::Interleaved2of5: return "Interleaved 2 of 5";
    case Symbology::DataMatrix: return "Data Matrix";
    case Symbology::QrCode: return "QR Code";
    case Symbology::Pdf417: return "PDF417";
    case Symbology::Aztec: return "Aztec";
    case Symbology::Gs1DataBar: return "GS1 DataBar";
    case Symbology::Other: return "other";
  }
  return "unknown";
}

std::optional<AimId> take_aim_prefix(std::string& data) {
  if (data.size() < 3) return std::nullopt;
  auto id = parse_aim(std::string_view(data).substr(0, 3));
  if (id) data.erase(0, 3);
  return id;
}

}  // namespace rg::drivers::hid
