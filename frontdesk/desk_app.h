// The front desk's frame: top bar, navigation, the current screen, and noticing other desks.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "clinic.h"
#include "screen.h"
#include "ui/shell.h"
#include "worker.h"

namespace rg::desk {

class DeskApp {
 public:
  // `db` is the UI thread's own connection, used only to notice other processes' commits.
  DeskApp(ui::Shell& shell, db::Database& db, const std::string& db_path, db::Clinic clinic);
  ~DeskApp();

  void frame();
  bool show(const std::string& screen_id);
  Screen* current() { return screens_[current_].get(); }
  Screen* find(const std::string& screen_id);
  const std::vector<std::unique_ptr<Screen>>& screens() const { return screens_; }
  bool idle() const { return worker_.idle(); }

 private:
  void draw_top_bar(float height);
  void draw_navigation(float top, float width);

  ui::Shell& shell_;
  db::ChangeWatch watch_;
  db::Worker worker_;
  DeskContext ctx_;
  std::vector<std::unique_ptr<Screen>> screens_;
  size_t current_ = 0;
  double next_poll_ = 0;
};

}  // namespace rg::desk
