#include "cash_service.h"

namespace rg::desk {

CashService::CashService(const std::string& db_path, db::Worker::Post post, RegistrarFactory factory,
                         cash::CashDeskOptions options, std::filesystem::path receipts_dir)
    : factory_(std::move(factory)),
      options_(std::move(options)),
      receipts_dir_(std::move(receipts_dir)),
      worker_(db_path, std::move(post)) {}

void CashService::submit(const db::Actor& actor, Job job, std::function<void(const Error&)> on_error) {
  worker_.submit([this, actor, job = std::move(job),
                  on_error = std::move(on_error)](db::Database& db) -> db::Worker::Continuation {
    if (!registrar_) {
      auto made = factory_();
      if (!made) return [on_error, e = made.error()]() { on_error(e); };
      registrar_ = std::move(*made);
    }
    auto o = cash::options_for(db, options_, actor);  // the receipt names the person at the till
    if (!o) return [on_error, e = o.error()]() { on_error(e); };
    cash::CashDesk desk(db, *registrar_, *o, actor);
    return job(desk, db);
  });
}

}  // namespace rg::desk
