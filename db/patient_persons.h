// The people a patient's card keeps: a legal representative who signs for a child or a ward,
// those the patient allows to be told about their health, a relative who pays. Entered once at
// the desk, named by every document after.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "database.h"
#include "patients.h"

namespace rg::db {

struct RelatedPerson {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> person_patient_id;  // the person has a card here too
  std::string relation;                           // «мать», «опекун», «дочь»
  std::string surname, name, patronymic;
  char sex = 'F';
  std::optional<Date> birth_date;
  std::string address;
  std::string phone;  // E.164 digits
  IdDocument id_doc;
  std::string inn;
  bool representative = false;  // signs for the patient
  std::string authority;        // the document of authority («свидетельство о рождении …»)
  bool informed = false;        // may be told about the patient's health
  bool active = true;
};

// Checks a person before it is saved; the error names the field.
Status validate(const RelatedPerson& p, Date today);
// Adds (id == 0) or changes a person of a patient's card, audited.
Result<std::int64_t> save_related_person(Database& db, const RelatedPerson& p, const Actor& actor);
// Takes a person off the card (the row stays: printed documents named them).
Status remove_related_person(Database& db, std::int64_t id, const Actor& actor);
Result<RelatedPerson> get_related_person(Database& db, std::int64_t id);
// The card's people, representatives first.
Result<std::vector<RelatedPerson>> related_persons(Database& db, std::int64_t patient_id);
// A person filled from another patient's card (a parent who is a patient here too).
Result<RelatedPerson> person_from_card(Database& db, std::int64_t card_patient_id);

// «мать», «отец», …: the relations the desk picks from (translated words are the stored ones).
const std::vector<std::string>& common_relations();

}  // namespace rg::db
