// «Завтра»: the next day's patients by doctor, for pulling the medical cards in the evening, and
// the same list saved as a CSV file for Excel. A view the schedule screen hosts as a mode.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "day_list.h"
#include "screen.h"

namespace rg::desk {

class TomorrowView {
 public:
  explicit TomorrowView(DeskContext& ctx) : ctx_(ctx) {}
  TomorrowView(const TomorrowView&) = delete;
  TomorrowView& operator=(const TomorrowView&) = delete;

  // Draws into the current window or child, using the space that is left.
  void draw();
  // Queries the day again (on_data_changed, after set_day); the answer comes on a later frame.
  void reload();
  // The day to list; tomorrow until set. Reloads.
  void set_day(Date day);
  Date day() const { return day_; }
  bool loading() const { return loading_; }
  const std::optional<std::vector<db::DayListRow>>& rows() const { return rows_; }

  // «Сохранить CSV»: writes <export_dir()>/tomorrow-YYYY-MM-DD.csv on the worker through
  // db::export_day_list (the export goes into the audit log); the path or the error shows under
  // the heading.
  void save_csv();
  bool saving() const { return saving_; }
  const std::string& saved_path() const { return saved_path_; }
  const std::string& save_error() const { return save_error_; }

  // Where «Сохранить CSV» writes: $REGISTRATURA_EXPORT_DIR, else ./var/export.
  static std::string export_dir();

 private:
  void draw_heading();
  void draw_table(const std::vector<db::DayListRow>& rows);

  DeskContext& ctx_;
  Date day_ = today().plus_days(1);
  std::optional<std::vector<db::DayListRow>> rows_;
  std::string error_;
  int generation_ = 0;
  bool loading_ = false;
  bool saving_ = false;
  std::string saved_path_, save_error_;
};

}  // namespace rg::desk
