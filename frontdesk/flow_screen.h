// «Поток пациентов»: today's patients in columns by where they are in the visit — expected,
// waiting (with the queue number and how long), with the doctor, seen, no-shows — and the desk's
// steps along it: check in (with a reason outside the window), call in, visit over, no-show,
// take back a mistaken status.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checkin.h"
#include "flow.h"
#include "screen.h"

namespace rg::desk {

class FlowScreen : public Screen {
 public:
  explicit FlowScreen(DeskContext& ctx) : Screen(ctx) {}
  const char* id() const override { return "flow"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override { reload(); }
  void draw() override;
  std::vector<std::string> extra_shots() const override { return {"reason", "undo", "notice", "cards", "contract"}; }
  void prepare_extra_shot(const std::string& name) override;

  // Shows a desk notification as if another process had written it (set by DeskApp; used for
  // the screenshot of a kiosk arrival).
  std::function<void(const db::DeskEvent&)> show_notice;

  // State and actions, usable by tests and screenshots.
  void reload();
  bool loading() const { return loading_; }
  const std::optional<std::vector<db::FlowRow>>& rows() const { return rows_; }
  void check_in(std::int64_t appointment_id);  // asks for a reason when outside the window
  // A first visit whose contract is not printed asks first: print it, or invite anyway.
  void call_in(std::int64_t appointment_id, bool without_contract = false);
  void close_left_open();  // the end-of-day check: the visits left open marked seen
  void set_compact(bool compact) { compact_ = compact; }
  void finish(std::int64_t appointment_id);
  void no_show(std::int64_t appointment_id);
  void ask_undo(std::int64_t appointment_id);

 private:
  // A dialog that needs a typed reason: the check-in outside the window, or undoing a status.
  struct Asking {
    enum class Kind { CheckIn, Undo } kind = Kind::CheckIn;
    std::int64_t appointment_id = 0;
    db::AppointmentStatus from = db::AppointmentStatus::Booked, to = db::AppointmentStatus::Booked;
    char reason[512] = {};
    bool focus = true;
    bool busy = false;
    std::string error;
  };
  enum class Column { Absent, Expected, Waiting, InRoom, Done, NoShow };

  const db::FlowRow* find(std::int64_t appointment_id) const;
  // Runs a change on the worker; on success shows `done_notice`, on failure the error.
  void run(std::int64_t appointment_id, std::function<Status(db::Database&)> change, std::string done_notice);
  void ask_reason(std::int64_t appointment_id, std::string error = {});
  void submit_asking();

  void draw_header();
  void draw_column(Column c, const std::vector<const db::FlowRow*>& rows, float width, float height);
  void draw_card(Column c, const db::FlowRow& r, float width);
  void draw_line(Column c, const db::FlowRow& r, float width);
  void draw_compact(Column c, const db::FlowRow& r, float width);
  enum class Step { CheckIn, NoShow, CallIn, Finish };
  struct Action {
    const char* label;
    Step step;
    bool primary;  // the blue one: the column's expected step
  };
  static std::vector<Action> actions(Column c, bool compact);
  static float actions_width(Column c, bool compact);
  void draw_actions(Column c, const db::FlowRow& r, bool compact);
  void draw_left_open();
  void draw_contract_warning();
  void draw_menu();
  void draw_asking();

  std::optional<std::vector<db::FlowRow>> rows_;
  db::FlowThresholds thresholds_;
  Date day_;
  std::string error_;   // the board did not load
  std::string notice_;  // what the last action did, or why it did not
  bool notice_is_error_ = false;
  int generation_ = 0;
  bool loading_ = false;
  double next_reload_ = 0;
  std::int64_t busy_id_ = 0;  // an action on this appointment is under way
  std::int64_t menu_id_ = 0;
  bool open_menu_ = false;
  std::optional<Asking> asking_;
  bool open_asking_ = false;
  bool compact_ = true;  // a line a patient: sixty patients a morning fit the board
  std::vector<db::OpenVisit> left_open_;  // the end-of-day check
  std::int64_t contract_warning_ = 0;      // a first visit about to be invited without a contract
  bool open_contract_warning_ = false;
};

}  // namespace rg::desk
