// What every front-desk screen is: an id, a title, and a draw function that queues work.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "clinic.h"
#include "patients.h"
#include "staff.h"
#include "worker.h"

namespace rg::ui {
class Shell;
}

namespace rg::drivers::hid {
struct Scan;
}  // namespace rg::drivers::hid
namespace rg::desk {

class CashService;
class DeskDevices;
class DocumentOutput;
}  // namespace rg::desk
namespace rg::cups {
class PrintService;
}  // namespace rg::cups
namespace rg::desk {

// What screens share: the worker that runs their queries, the clinic, who is at the desk.
struct DeskContext {
  DeskContext(ui::Shell& s, db::Worker& w, db::Clinic c, CashService* till)
      : shell(s), worker(w), clinic(std::move(c)), cash(till) {}

  ui::Shell& shell;
  db::Worker& worker;
  db::Clinic clinic;
  // Who is signed in (none before sign-in and between two people): set by DeskApp.
  std::string user_name;     // «Смирнова Е. А.»
  std::string user_role;     // translated roles: «администратор, кассир»
  std::optional<std::int64_t> user_id;
  std::vector<db::Permission> permissions;  // what the person may do now
  std::string place;                        // this desk: desk:reg-1
  CashService* cash = nullptr;  // the fiscal registrar's thread; none when no till is set up
  cups::PrintService* printing = nullptr;  // documents to CUPS; none when printing is not set up
  DeskDevices* devices = nullptr;          // the desk's devices and their simulated twins
  DocumentOutput* document_output = nullptr;  // where printed documents go (owned by DeskApp)
  // Opens the documents screen on a patient (and a visit): set by DeskApp.
  std::function<void(std::int64_t patient_id, std::optional<std::int64_t> appointment_id)> open_documents;
  // The schedule, to book this patient: the next free time picked in the grid is theirs.
  std::function<void(const db::PatientSummary& patient)> open_booking;
  // The cash desk, to bill this patient's visits.
  std::function<void(std::int64_t patient_id)> open_bill;
  // Settings at one section (SettingsScreen::open_section's names).
  std::function<void(std::string_view section)> open_settings;
  // The schedule's absence flow for a doctor's bookings left outside his hours from `from` on.
  std::function<void(std::int64_t doctor_id, Date from)> open_outside_hours;

  // Who the core records as having made a change (and checks the permissions of). Nobody signed
  // in is an actor the core refuses everything.
  db::Actor actor() const {
    return user_id ? db::Actor::user(*user_id, place) : db::Actor{"desk:nobody", std::nullopt, place};
  }
  // Whether to offer what needs `p` (the core checks again when it is done).
  bool may(db::Permission p) const {
    return std::find(permissions.begin(), permissions.end(), p) != permissions.end();
  }
};

class Screen {
 public:
  explicit Screen(DeskContext& ctx) : ctx_(ctx) {}
  virtual ~Screen() = default;
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;

  virtual const char* id() const = 0;      // stable: --screen ID, screenshot names
  virtual std::string title() const = 0;   // in the UI language
  virtual void on_show() {}
  // Another desk or the kiosk committed something: reload what is on screen.
  virtual void on_data_changed() {}
  virtual void draw() = 0;
  // A barcode scanner read something while this screen is shown: true when the screen used it;
  // otherwise the desk opens the card of the patient it names.
  virtual bool on_scan(const drivers::hid::Scan& /*scan*/) { return false; }
  // Puts the screen in a state worth a screenshot (demo search, selection).
  virtual void prepare_screenshot() {}
  // More states worth a screenshot (a panel open, another view): frontdesk-<id>-<name>.png.
  virtual std::vector<std::string> extra_shots() const { return {}; }
  virtual void prepare_extra_shot(const std::string& /*name*/) {}

 protected:
  DeskContext& ctx_;
};

// The navigation, in order, of the screens the signed-in person may open. One line per screen:
// this is where a new screen is registered, with the permission that opens it.
// `setup`: the clinic is not set up yet, and the first-steps screen leads for who may set it up.
std::vector<std::unique_ptr<Screen>> make_screens(DeskContext& ctx, bool setup = false);

}  // namespace rg::desk
