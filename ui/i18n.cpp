// Gettext setup: picks the catalogue directory and the UI language, and switches it at run time.
#include "ui/i18n.h"

#include <atomic>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

// glibc bumps this counter when catalogues change; bumping it ourselves drops the cached
// translations after LANGUAGE changes (gettext manual, "Being a gettext grok").
extern "C" int _nl_msg_cat_cntr;

namespace rg::ui {
namespace {

namespace fs = std::filesystem;

std::atomic<Language> g_language{Language::Ru};

bool is_c_locale(const char* name) {
  return name == nullptr || std::strcmp(name, "C") == 0 || std::strcmp(name, "POSIX") == 0;
}

fs::path executable_dir(const char* argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0 != nullptr && *argv0 != '\0') exe = fs::absolute(argv0, ec);
  if (ec || exe.empty()) return fs::current_path(ec);
  return exe.parent_path();
}

std::string locale_dir(const char* argv0) {
  if (const char* env = std::getenv("REGISTRATURA_LOCALE_DIR"); env != nullptr && *env != '\0')
    return env;
#ifdef REGISTRATURA_LOCALE_DIR
  // Running from the build tree: po/ compiles the catalogues there.
  std::error_code ec;
  if (fs::is_directory(REGISTRATURA_LOCALE_DIR, ec)) return REGISTRATURA_LOCALE_DIR;
#endif
  return (executable_dir(argv0) / ".." / "share" / "locale").lexically_normal().string();
}

}  // namespace

void init_i18n(const char* argv0) {
  std::setlocale(LC_ALL, "");
  // Under the C locale glibc ignores LANGUAGE, so set_language() would have no effect.
  if (is_c_locale(std::setlocale(LC_MESSAGES, nullptr))) {
    std::setlocale(LC_MESSAGES, "C.UTF-8");
    if (is_c_locale(std::setlocale(LC_CTYPE, nullptr))) std::setlocale(LC_CTYPE, "C.UTF-8");
  }
  const std::string dir = locale_dir(argv0);
  bindtextdomain(RG_TEXT_DOMAIN, dir.c_str());
  bind_textdomain_codeset(RG_TEXT_DOMAIN, "UTF-8");
  textdomain(RG_TEXT_DOMAIN);

  // Russian is the clinic's language: LANG on the machine says nothing about the UI's.
  const char* lang = std::getenv("REGISTRATURA_LANG");
  set_language(lang != nullptr && std::strncmp(lang, "en", 2) == 0 ? Language::En : Language::Ru);
}

void set_language(Language lang) {
  setenv("LANGUAGE", lang == Language::En ? "en" : "ru", 1);
  ++_nl_msg_cat_cntr;
  g_language.store(lang);
}

Language language() { return g_language.load(); }

}  // namespace rg::ui
