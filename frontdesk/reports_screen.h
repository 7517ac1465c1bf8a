// «Отчёты»: the revenue of a period by payment method, by doctor and by service (from the
// registered payments), and the DMS register — what was billed to an insurer for the period.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "cash_shifts.h"
#include "invoices.h"
#include "screen.h"

namespace rg::desk {

class ReportsScreen : public Screen {
 public:
  explicit ReportsScreen(DeskContext& ctx) : Screen(ctx), from_(today()), to_(today()) {}
  const char* id() const override { return "reports"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override { reload(); }
  void draw() override;

  enum class Period { Today, Week, Month };
  void set_period(Period p);

 private:
  struct Data {
    db::Revenue revenue;
    std::vector<db::Insurer> insurers;
    std::vector<db::RegisterRow> dms;  // of the chosen insurer
  };
  void reload();
  void draw_revenue(float width, float height);
  void draw_register(float width, float height);

  Period period_ = Period::Today;
  Date from_, to_;
  std::optional<std::int64_t> insurer_;
  std::optional<Data> data_;
  std::string error_;
  int generation_ = 0;
  bool loading_ = false;
};

}  // namespace rg::desk
