// «Мой день», for a doctor signed in at his own computer: today's patients of his schedule by
// time, who is waiting and how long, and the two steps that are his — «Пригласить» (the next
// patient into the room) and «Приём окончен». The core lets him take them for his own patients
// only (db::require_visit_step).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "flow.h"
#include "screen.h"

namespace rg::desk {

class MyDayScreen : public Screen {
 public:
  explicit MyDayScreen(DeskContext& ctx) : Screen(ctx) {}
  const char* id() const override { return "my_day"; }
  std::string title() const override;
  void on_show() override { reload(); }
  void on_data_changed() override { reload(); }
  void draw() override;

 private:
  void reload();
  void step(std::int64_t appointment_id, db::AppointmentStatus to);

  std::optional<std::int64_t> doctor_id_;
  std::vector<db::FlowRow> rows_;
  std::string error_;
  bool loading_ = false, again_ = false, busy_ = false;
};

}  // namespace rg::desk
