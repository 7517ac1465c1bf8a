// The desk's task list: calls to make («сообщить пациенту о переносе»). The call-lists work
// grows it; scheduling creates tasks when it changes a patient's appointment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "database.h"

namespace rg::db {

enum class TaskKind { CallReschedule, CallCancel, Call };
const char* to_db(TaskKind k);

struct Task {
  std::int64_t id = 0;
  TaskKind kind = TaskKind::Call;
  std::optional<std::int64_t> patient_id, appointment_id;
  std::string title;
  std::string patient_name, patient_phone;  // for the list
  std::int64_t created_at = 0;
};

// Inside the caller's transaction.
Result<std::int64_t> add_task(Database& db, TaskKind kind, std::optional<std::int64_t> patient_id,
                              std::optional<std::int64_t> appointment_id, std::string_view title,
                              const Actor& actor);
// Oldest first.
Result<std::vector<Task>> open_tasks(Database& db, int limit = 500);
// Done with a result («дозвонились, согласна на 14:00») or dropped.
Status close_task(Database& db, std::int64_t id, bool done, std::string_view result, const Actor& actor);

}  // namespace rg::db
