// «Сотрудники» in Settings, for whoever manages staff: everyone with an account (roles, position,
// whether a password and a PIN are set, blocked by whom and why), and the editor of one person:
// login, name, position, roles, the doctor's record for a doctor; a first or reset password that
// the person changes at the next sign-in; a PIN; blocking with a reason and unblocking. Every
// change is one core operation, refused with the reason in words.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "core_action.h"
#include "screen.h"
#include "staff.h"

namespace rg::desk {

class StaffView {
 public:
  explicit StaffView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();
  bool loaded() const { return !loading_ && !staff_.empty(); }
  // Screenshots: the editor open on a person.
  void prepare_shot();

 private:
  struct Form {
    std::optional<std::int64_t> id;  // none: a new account
    char login[65] = {}, full_name[201] = {}, position[101] = {};
    bool roles[std::size(db::kRoles)] = {};
    std::optional<std::int64_t> doctor_id;
    char password[129] = {}, pin[9] = {}, reason[301] = {};
  };
  void edit(const db::StaffMember* m);
  void draw_list(float width);
  void draw_form();
  db::StaffDraft draft() const;
  void run(std::function<Status(db::Database&)> op, std::string done);
  void wipe_secrets();

  DeskContext& ctx_;
  std::vector<db::StaffMember> staff_;
  std::vector<db::Doctor> doctors_;
  std::optional<Form> form_;
  ActionState action_;  // a change in flight, and its sentence
  bool loading_ = false;
};

}  // namespace rg::desk
