// Per-model receipt printer data (escpos-printer-db style): paper width, columns, the PC866
// codepage number, what the mechanism can do. Data files in profiles/, never branches in code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rg::drivers {

struct Profile {
  std::string id;    // "epson-80"
  std::string name;  // "Epson-compatible 80 mm"
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  int paper_mm = 80;
  int width_dots = 576;  // printable width at 203 dpi
  int columns = 48;      // Font A (12 dots) characters per line
  std::uint8_t codepage_pc866 = 17;  // n for ESC t n
  bool cut_full = true;
  bool cut_partial = true;
  bool qr = true;
  int qr_module = 6;  // dots per QR module

  bool can_cut() const { return cut_full || cut_partial; }
};

// Parses one profile: "key = value" lines, '#' comments, blank lines. Unknown keys are an
// error (a typo must not silently fall back to a default), as are missing id/name/width.
Result<Profile> parse_profile(std::string_view text);
Result<Profile> load_profile(const std::filesystem::path& file);

// The profiles compiled in from drivers/receipt_printer/profiles/*.profile.
const std::vector<Profile>& builtin_profiles();
const Profile& default_profile_80mm();  // "epson-80"
const Profile& default_profile_58mm();  // "xprinter-58"
std::optional<Profile> find_profile(std::string_view id);
std::optional<Profile> find_profile_for_usb(std::uint16_t vendor_id, std::uint16_t product_id);

}  // namespace rg::drivers
