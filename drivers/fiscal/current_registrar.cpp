#include "fiscal/current_registrar.h"

#include "database.h"  // RG_TRY
#include "i18n.h"

namespace rg::drivers::fiscal {

Result<std::shared_ptr<FiscalRegistrar>> CurrentRegistrar::now() const {
  if (auto device = manager_.find<FiscalRegistrar>(DeviceKind::FiscalRegistrar, real_only_)) return device;
  return fail(ErrorCode::NotFound, _("not connected — check the cable and that it is switched on"));
}

Result<RegistrarStatus> CurrentRegistrar::status() {
  RG_TRY_ASSIGN(auto r, now());
  return r->status();
}
Result<FiscalDocument> CurrentRegistrar::open_shift(const Cashier& c) {
  RG_TRY_ASSIGN(auto r, now());
  return r->open_shift(c);
}
Result<FiscalDocument> CurrentRegistrar::register_receipt(const Receipt& receipt) {
  RG_TRY_ASSIGN(auto r, now());
  return r->register_receipt(receipt);
}
Status CurrentRegistrar::cancel_open_receipt() {
  RG_TRY_ASSIGN(auto r, now());
  return r->cancel_open_receipt();
}
Result<FiscalDocument> CurrentRegistrar::last_document() {
  RG_TRY_ASSIGN(auto r, now());
  return r->last_document();
}
Status CurrentRegistrar::x_report(const Cashier& c) {
  RG_TRY_ASSIGN(auto r, now());
  return r->x_report(c);
}
Result<FiscalDocument> CurrentRegistrar::close_shift(const Cashier& c) {
  RG_TRY_ASSIGN(auto r, now());
  return r->close_shift(c);
}
Status CurrentRegistrar::open_drawer() {
  RG_TRY_ASSIGN(auto r, now());
  return r->open_drawer();
}
std::string CurrentRegistrar::name() const {
  auto r = now();
  return r ? (*r)->name() : std::string(_("Fiscal registrar"));
}

}  // namespace rg::drivers::fiscal
