// «Звонки»: the desk's open call tasks, oldest first («сообщить пациенту о переносе»), each
// closed as done (with what was agreed) or dropped (with why).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "screen.h"
#include "tasks.h"

namespace rg::desk {

class CallsScreen : public Screen {
 public:
  explicit CallsScreen(DeskContext& ctx) : Screen(ctx) {}
  const char* id() const override { return "calls"; }
  std::string title() const override;
  void on_show() override;
  void on_data_changed() override { reload(); }
  void draw() override;
  std::vector<std::string> extra_shots() const override { return {"drop"}; }
  void prepare_extra_shot(const std::string& name) override;

  // State and input, usable by tests and screenshots.
  void reload();
  bool loading() const { return loading_; }
  const std::optional<std::vector<db::Task>>& tasks() const { return tasks_; }
  // Opens the dialog that closes the task: done (the result is optional) or dropped (a reason).
  void ask_close(std::int64_t task_id, bool done);

 private:
  struct Closing {
    std::int64_t task_id = 0;
    bool done = true;
    char result[1024] = {};
    bool busy = false;
    bool focus = true;
    std::string error;
  };
  void draw_list();
  void draw_close_dialog();
  void submit_close();
  const db::Task* find(std::int64_t task_id) const;

  std::optional<std::vector<db::Task>> tasks_;
  std::string error_;   // the list did not load
  std::string notice_;  // the last close did not go through (closed at another desk)
  int generation_ = 0;
  bool loading_ = false;
  std::optional<Closing> closing_;
  bool open_dialog_ = false;
};

}  // namespace rg::desk
