// The week of one doctor, drawn by the same DayGridView: each day becomes a column.
#pragma once

#include <cstdint>
#include <vector>

#include "appointments.h"

namespace rg::desk {

// Seven day grids → one grid whose "doctors" are the days of `doctor_id`, with column ids
// 1..7 (the weekday) so that a picked slot maps back to `days[id - 1]`.
db::DayGrid week_as_grid(const std::vector<db::DayGrid>& days, std::int64_t doctor_id);

// Monday of the week that holds `d`.
Date week_start(Date d);

}  // namespace rg::desk
