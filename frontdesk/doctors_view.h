// «Врачи» in Settings, for whoever changes settings: every doctor with position, specialties, room
// and how he is booked; the editor of one doctor (name, position and code as documents print
// them, specialties, default room, slot step, first visits, booking from the call centre and
// online, the services he performs with his own durations); leaving (made inactive, refused while
// visits are booked with him) and coming back; the specialties themselves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clinic.h"
#include "core_action.h"
#include "doctors.h"
#include "price_list.h"
#include "screen.h"

namespace rg::desk {

class DoctorsView {
 public:
  explicit DoctorsView(DeskContext& ctx) : ctx_(ctx) {}
  void load();
  void draw();
  // Screenshots: open the first doctor's card once the list is in.
  void open_first_when_loaded() { open_first_ = true; }

 private:
  struct Form {
    std::optional<std::int64_t> id;
    bool active = true;
    char surname[61] = {}, name[61] = {}, patronymic[61] = {}, position[121] = {}, code[33] = {};
    std::vector<std::int64_t> specialties;
    std::optional<std::int64_t> room;
    int slot_min = 15;
    bool first_visits = true, bookable_remote = true;
    bool own_services = false;  // false: the services of his specialties
    std::vector<db::DoctorService> services;
    char service_filter[64] = {};
    int appointments_ahead = 0;
  };
  void edit(const db::DoctorCard* c);
  void run(std::function<Status(db::Database&)> op, std::string done);
  void draw_list(bool may);
  void draw_form();
  void draw_services(Form& f);
  void draw_specialties(bool may);

  DeskContext& ctx_;
  std::vector<db::DoctorCard> doctors_;
  std::vector<db::SpecialtyCard> specialties_;
  std::vector<db::Room> rooms_;
  std::vector<db::ServiceOffer> services_;
  std::optional<Form> form_;
  char new_specialty_[101] = {};
  std::optional<std::int64_t> renaming_;
  char rename_[101] = {};
  ActionState action_;
  bool loading_ = false, loaded_ = false, open_first_ = false;
};

}  // namespace rg::desk
