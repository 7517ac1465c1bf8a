// Translation hook for messages the core shows to people (gettext, text domain "registratura").
#pragma once

#include <libintl.h>

#define RG_TEXT_DOMAIN "registratura"
// _() marks and translates a UI string; N_() only marks it for xgettext.
#ifndef _
#define _(s) dgettext(RG_TEXT_DOMAIN, s)
#endif
#ifndef N_
#define N_(s) (s)
#endif
