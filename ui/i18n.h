// Gettext setup for the UI: locale, catalogue directory, and switching ru/en at run time.
#pragma once

#include <libintl.h>

// The same macros as db/i18n.h (guarded, so either header may come first).
#ifndef RG_TEXT_DOMAIN
#define RG_TEXT_DOMAIN "registratura"
#endif
// _() marks and translates a UI string; N_() only marks it for xgettext.
#ifndef _
#define _(s) dgettext(RG_TEXT_DOMAIN, s)
#endif
#ifndef N_
#define N_(s) (s)
#endif

namespace rg::ui {

enum class Language { Ru, En };

// Call once at the top of main(), before any thread starts and before any _().
// Catalogues come from env REGISTRATURA_LOCALE_DIR, else the build tree's locale dir when it
// exists, else <dir of the executable>/../share/locale. The first language is env
// REGISTRATURA_LANG ("ru" or "en") when set, else Russian whatever LANG says.
void init_i18n(const char* argv0);

// Switches every later _() to the language. Changes the LANGUAGE environment variable, so call
// it on the UI thread while no other thread is translating or reading the environment.
void set_language(Language lang);

Language language();

}  // namespace rg::ui
