// The fallback folder: nothing the desk meant to print is lost when CUPS cannot take it.
#include "fallback_folder.h"

#include <ctime>
#include <filesystem>

#include "files.h"
#include "i18n.h"

namespace rg::cups {
namespace {

constexpr size_t kMaxTitleBytes = 100;

std::string timestamp(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H-%M-%S", &local);
  return buf;
}

}  // namespace

std::string file_name_from_title(std::string_view title) {
  std::string out;
  for (char c : title) {
    const auto u = static_cast<unsigned char>(c);
    const bool unsafe = u < 0x20 || u == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' ||
                        c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
    out += unsafe ? '_' : c;
  }
  if (out.size() > kMaxTitleBytes) {
    size_t n = kMaxTitleBytes;
    while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;
    out.resize(n);
  }
  // No hidden files, no "." or ".." names, no trailing spaces or dots (Windows shares).
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out.empty() ? std::string("document") : out;
}

Result<std::string> save_to_folder(const std::string& dir, std::string_view title,
                                   std::string_view bytes, DocumentFormat format,
                                   std::chrono::system_clock::time_point when) {
  if (dir.empty()) {
    return fail(ErrorCode::Invalid, _("No folder is set for saving documents."),
                "print.fallback_dir is empty");
  }
  if (auto made = db::ensure_directory(dir); !made) return std::unexpected(made.error());
  const std::string stem = timestamp(when) + " " + file_name_from_title(title);
  const char* ext = format == DocumentFormat::Raw ? ".bin" : ".pdf";
  namespace fs = std::filesystem;
  std::string path = (fs::path(dir) / (stem + ext)).string();
  for (int n = 2; fs::exists(path) || fs::exists(path + ".tmp"); ++n) {
    path = (fs::path(dir) / (stem + " (" + std::to_string(n) + ")" + ext)).string();
  }
  if (auto written = db::write_file_atomically(path, bytes); !written) {
    return std::unexpected(written.error());
  }
  return path;
}

}  // namespace rg::cups
