// A tiny "key = value" reader for printer profiles, and the profiles built into the library.
#include "receipt_printer/profile.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "i18n.h"
#include "receipt_profiles_data.h"  // generated from profiles/*.profile

namespace rg::drivers {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<long> to_number(std::string_view s, int base = 10) {
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<bool> to_bool(std::string_view s) {
  if (s == "yes" || s == "true" || s == "1") return true;
  if (s == "no" || s == "false" || s == "0") return false;
  return std::nullopt;
}

std::unexpected<Error> bad(int line, const std::string& why) {
  return fail(ErrorCode::Invalid, _("The receipt printer profile cannot be read"),
              "profile line " + std::to_string(line) + ": " + why);
}

}  // namespace

Result<Profile> parse_profile(std::string_view text) {
  Profile p;
  p.id.clear();
  p.name.clear();
  bool have_width = false, have_columns = false;
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return bad(line_no, "expected key = value");
    const std::string_view key = trim(line.substr(0, eq));
    const std::string_view value = trim(line.substr(eq + 1));
    auto number = [&](long lo, long hi) -> std::optional<long> {
      auto v = to_number(value);
      if (!v || *v < lo || *v > hi) return std::nullopt;
      return v;
    };
    auto flag = [&](bool& out) -> bool {
      auto v = to_bool(value);
      if (!v) return false;
      out = *v;
      return true;
    };
    if (key == "id") {
      p.id = value;
    } else if (key == "name") {
      p.name = value;
    } else if (key == "usb") {
      const std::size_t colon = value.find(':');
      auto vid = colon == std::string_view::npos ? std::nullopt : to_number(value.substr(0, colon), 16);
      auto pid = colon == std::string_view::npos ? std::nullopt : to_number(value.substr(colon + 1), 16);
      if (!vid || !pid || *vid < 0 || *vid > 0xFFFF || *pid < 0 || *pid > 0xFFFF)
        return bad(line_no, "usb must be VID:PID in hex, e.g. 04b8:0202");
      p.vendor_id = static_cast<std::uint16_t>(*vid);
      p.product_id = static_cast<std::uint16_t>(*pid);
    } else if (key == "paper_mm") {
      auto v = number(20, 120);
      if (!v) return bad(line_no, "paper_mm must be 20..120");
      p.paper_mm = static_cast<int>(*v);
    } else if (key == "width_dots") {
      auto v = number(96, 2048);
      if (!v) return bad(line_no, "width_dots must be 96..2048");
      p.width_dots = static_cast<int>(*v);
      have_width = true;
    } else if (key == "columns") {
      auto v = number(8, 160);
      if (!v) return bad(line_no, "columns must be 8..160");
      p.columns = static_cast<int>(*v);
      have_columns = true;
    } else if (key == "codepage_pc866") {
      auto v = number(0, 255);
      if (!v) return bad(line_no, "codepage_pc866 must be 0..255");
      p.codepage_pc866 = static_cast<std::uint8_t>(*v);
    } else if (key == "qr_module") {
      auto v = number(1, 16);
      if (!v) return bad(line_no, "qr_module must be 1..16");
      p.qr_module = static_cast<int>(*v);
    } else if (key == "cut_full") {
      if (!flag(p.cut_full)) return bad(line_no, "cut_full must be yes or no");
    } else if (key == "cut_partial") {
      if (!flag(p.cut_partial)) return bad(line_no, "cut_partial must be yes or no");
    } else if (key == "qr") {
      if (!flag(p.qr)) return bad(line_no, "qr must be yes or no");
    } else {
      return bad(line_no, "unknown key '" + std::string(key) + "'");
    }
  }
  if (p.id.empty() || p.name.empty()) return bad(line_no, "id and name are required");
  if (!have_width || !have_columns) return bad(line_no, "width_dots and columns are required");
  if (p.columns * 12 > p.width_dots)
    return bad(line_no, "columns of 12-dot Font A do not fit in width_dots");
  return p;
}

Result<Profile> load_profile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return fail(ErrorCode::Io, _("The receipt printer profile cannot be read"),
                "cannot open " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  auto p = parse_profile(s.str());
  if (!p) p.error().detail = file.string() + ": " + p.error().detail;
  return p;
}

const std::vector<Profile>& builtin_profiles() {
  static const std::vector<Profile> all = [] {
    std::vector<Profile> out;
    for (const char* text : kBuiltinReceiptProfiles) {
      auto p = parse_profile(text);
      if (p) out.push_back(std::move(*p));  // the test suite parses every file, so none is lost
    }
    return out;
  }();
  return all;
}

std::optional<Profile> find_profile(std::string_view id) {
  for (const Profile& p : builtin_profiles())
    if (p.id == id) return p;
  return std::nullopt;
}

std::optional<Profile> find_profile_for_usb(std::uint16_t vendor_id, std::uint16_t product_id) {
  for (const Profile& p : builtin_profiles())
    if (p.vendor_id == vendor_id && p.product_id == product_id) return p;
  return std::nullopt;
}

const Profile& default_profile_80mm() {
  static const Profile p = find_profile("epson-80").value_or(Profile{.id = "epson-80", .name = "80 mm"});
  return p;
}

const Profile& default_profile_58mm() {
  static const Profile p = find_profile("xprinter-58").value_or(Profile{
      .id = "xprinter-58", .name = "58 mm", .paper_mm = 58, .width_dots = 384, .columns = 32,
      .cut_full = false, .cut_partial = false, .qr_module = 5});
  return p;
}

}  // namespace rg::drivers
