// Tasks are plain rows; closing one is audited like every other change a person makes.
#include "tasks.h"

#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

const char* to_db(TaskKind k) {
  switch (k) {
    case TaskKind::CallReschedule: return "call_reschedule";
    case TaskKind::CallCancel: return "call_cancel";
    case TaskKind::Call: return "call";
  }
  return "call";
}

Result<std::int64_t> add_task(Database& db, TaskKind kind, std::optional<std::int64_t> patient_id,
                              std::optional<std::int64_t> appointment_id, std::string_view title,
                              const Actor& actor) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO tasks(kind, patient_id, appointment_id, title, created_by, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"));
  st->bind_all(to_db(kind), patient_id, appointment_id, utf8_truncate(fold_spaces(title), 500),
               actor.user_id, now_unix());
  return st->exec_returning_id();
}

Result<std::vector<Task>> open_tasks(Database& db, int limit) {
  std::vector<Task> out;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT t.id, t.kind, t.patient_id, t.appointment_id, t.title, t.created_at, "
      "p.surname, p.name, p.patronymic, "
      "(SELECT phone FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1) "
      "FROM tasks t LEFT JOIN patients p ON p.id = t.patient_id "
      "WHERE t.status = 'open' ORDER BY t.created_at, t.id LIMIT ?1"));
  st->bind(1, limit);
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    Task t;
    t.id = st->col_int(0);
    std::string_view k = st->col_view(1);
    t.kind = k == "call_reschedule" ? TaskKind::CallReschedule
             : k == "call_cancel"   ? TaskKind::CallCancel
                                    : TaskKind::Call;
    t.patient_id = st->col_opt_int(2);
    t.appointment_id = st->col_opt_int(3);
    t.title = st->col_text(4);
    t.created_at = st->col_int(5);
    if (t.patient_id) t.patient_name = full_name(st->col_view(6), st->col_view(7), st->col_view(8));
    t.patient_phone = st->col_text(9);
    out.push_back(std::move(t));
  }
  return out;
}

Status close_task(Database& db, std::int64_t id, bool done, std::string_view result, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::CallsWork));
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE tasks SET status = ?2, result = ?3, closed_by = ?4, closed_at = ?5 "
      "WHERE id = ?1 AND status = 'open'"));
  st->bind_all(id, done ? "done" : "cancelled", utf8_truncate(fold_spaces(result), 1000),
               actor.user_id, now_unix());
  RG_TRY_ASSIGN(const std::int64_t changed, st->exec_count());
  if (changed == 0) return fail(ErrorCode::NotFound, _("This task is already closed."));
  RG_TRY(append_audit(db, actor, done ? "task.done" : "task.drop", "task", id));
  return tx.commit();
}

}  // namespace rg::db
