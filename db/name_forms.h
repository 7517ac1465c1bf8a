// The forms of names and phrases in the cases documents need: what the desk confirmed first,
// then the declension rules (db/grammar.h). A form the rules are not sure of and nobody confirmed
// is reported as such, so a document never prints the nominative where another case belongs.
#pragma once

#include <optional>
#include <string>

#include "audit.h"
#include "database.h"
#include "grammar.h"

namespace rg::db {

// A name (`sex` 'M'/'F') or a phrase (sex 0) in a case.
struct NameForm {
  std::string nominative;
  char sex = 0;
  GramCase gram_case = GramCase::Genitive;
  std::string form;          // the stored form, or the rules' suggestion
  bool confirmed = false;    // stored by the desk
  bool sure = true;          // confirmed, or the rules are sure
};

Result<NameForm> name_in_case(Database& db, const PersonName& n, GramCase c);
Result<NameForm> short_name_in_case(Database& db, const PersonName& n, GramCase c);
Result<NameForm> phrase_in_case(Database& db, std::string_view phrase, GramCase c);
// «Генерального директора Кузнецовой Ольги Викторовны»: a position and a name together, as
// stored for the whole, else each by the rules.
Result<NameForm> role_in_case(Database& db, std::string_view position, const PersonName& n, GramCase c);

// Stores what the desk confirmed (or corrected), audited; later documents use it.
Status store_name_form(Database& db, std::string_view nominative, char sex, GramCase c, std::string_view form,
                       const Actor& actor);

}  // namespace rg::db
