// The identity document as a form's fields: its kind, series and number, who issued it and
// when. The patient's card and the people on it use the same fields.
#pragma once

#include <string>

#include "patients.h"

namespace rg::desk {

class IdDocumentFields {
 public:
  void load(const db::IdDocument& d);
  // What is typed; the date stays empty when it does not parse (see date_problem()).
  db::IdDocument typed() const;
  // Draws the two rows at the current position; labels at x = 0, fields at `field_x`.
  void draw(float field_x);
  // A sentence when the date of issue is typed but not a date, else empty.
  std::string date_problem() const;

 private:
  char series_[20] = {}, number_[40] = {}, issued_by_[300] = {}, issued_on_[16] = {};
  int type_ = 0;  // index in the kinds' table
};

}  // namespace rg::desk
