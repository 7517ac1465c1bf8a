// Layout of the desk: a bar with the clinic, the date and who is working; the sections on the
// left with F1…F8; the chosen screen filling the rest; the desk's notifications at the bottom
// right, over any screen.
#include "desk_app.h"

#include <SDL_scancode.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "calendar.h"
#include "cash_screen.h"
#include "clinic_secret.h"
#include "desk_devices.h"
#include "dialog.h"
#include "documents_screen.h"
#include "patients.h"
#include "patients_screen.h"
#include "scan_identity.h"
#include "schedule_screen.h"
#include "settings_screen.h"
#include "setup.h"
#include "flow_screen.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

constexpr ImGuiWindowFlags kPane = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;

// A notification stays 8 s, the last second fading; at most 3 are stacked, the newest lowest.
constexpr double kToastLife = 8.0, kToastFade = 1.0;
constexpr size_t kMaxToasts = 3;

struct ToastLook {
  unsigned fill, accent;
  const char* label;
  bool opens_flow = true;  // a click opens the patient flow (the kiosk's news); else it only goes
  const char* action = nullptr;  // a button for what the desk must do now
};

ToastLook toast_look(const std::string& kind) {
  if (kind == "arrival") return {0xE9F7EF, 0x1A7F4B, _("Patient arrived")};
  // Amber: the patient is in the lobby and the desk has something to do before the doctor.
  if (kind == "arrival_contract") return {0xFFF5DB, 0xB7791F, _("Patient arrived"), true, _("Print the contract")};
  if (kind == "arrival_attention") return {0xFFF5DB, 0xB7791F, _("Patient arrived")};
  if (kind == "to_desk") return {0xFFF5DB, 0xB7791F, _("The kiosk sent a patient to the desk")};
  if (kind == "printer") return {0xFDE8E7, 0xC6342B, _("Kiosk printer")};
  if (kind == "scan") return {0xFFF5DB, 0xB7791F, _("Barcode scanner"), false};
  return {0xFDE8E7, 0xC6342B, _("Kiosk")};
}

ImVec4 rgb(unsigned c) {
  return ImVec4(float((c >> 16) & 0xFF) / 255.f, float((c >> 8) & 0xFF) / 255.f, float(c & 0xFF) / 255.f, 1.f);
}

}  // namespace

DeskApp::DeskApp(ui::Shell& shell, db::Database& db, const std::string& db_path, db::Clinic clinic,
                 std::string place, std::unique_ptr<CashService> cash)
    : shell_(shell),
      ui_db_(db),
      watch_(db),
      worker_(db_path, [&shell](db::Worker::Continuation c) { shell.tasks().post(std::move(c)); }),
      ctx_(shell, worker_, std::move(clinic), cash.get()),
      cash_(std::move(cash)) {
  ctx_.place = std::move(place);
  sign_in_ = std::make_unique<SignInView>(ctx_, ctx_.place);
  sign_in_->on_accepted = [this](const auth::SignedIn& who, bool unlocked) {
    if (unlocked && who.user_id == ctx_.user_id) {
      locked_ = false;
      idle_lock_.restart(ImGui::GetTime());
      return;
    }
    if (ctx_.user_id) {  // another person at a locked desk: the first one's work is put away
      end_session(db::SessionEnd::Switch);
      retire_screens();
    }
    begin(who);
  };
  sign_in_->show_sign_in();
  // Events written before this desk opened are old news: only later ones pop up.
  if (auto last = db::last_desk_event_id(db)) last_event_ = *last;
  ctx_.open_documents = [this](std::int64_t patient_id, std::optional<std::int64_t> appointment) {
    worker_.submit([this, patient_id, appointment](db::Database& conn) -> db::Worker::Continuation {
      auto p = db::get_patient(conn, patient_id);
      return [this, p = std::move(p), appointment]() {
        auto* docs = dynamic_cast<DocumentsScreen*>(find("documents"));
        if (!p || !docs) return;
        db::PatientSummary s;
        s.id = p->id, s.card_no = p->card_no, s.surname = p->surname, s.name = p->name, s.patronymic = p->patronymic;
        s.birth_date = p->birth_date.iso(), s.sex = p->sex;
        if (!p->phones.empty()) s.phone = p->phones.front().number;
        show("documents");
        docs->open_for(s, appointment);
      };
    });
  };
  ctx_.open_booking = [this](const db::PatientSummary& p) {
    auto* schedule = dynamic_cast<ScheduleScreen*>(find("schedule"));
    if (!schedule) return;
    show("schedule");
    schedule->book_for(p);
  };
  ctx_.open_settings = [this](std::string_view section) {
    auto* settings = dynamic_cast<SettingsScreen*>(find("settings"));
    if (!settings) return;
    show("settings");
    settings->open_section(section);
  };
  ctx_.open_outside_hours = [this](std::int64_t doctor_id, Date from) {
    auto* schedule = dynamic_cast<ScheduleScreen*>(find("schedule"));
    if (!schedule) return;
    show("schedule");
    schedule->deal_with_outside_hours(doctor_id, from);
  };
  ctx_.open_bill = [this](std::int64_t patient_id) {
    auto* till = dynamic_cast<CashScreen*>(find("cash"));
    if (!till) return;
    show("cash");
    till->bill_for(patient_id);
  };
}

DeskApp::~DeskApp() {
  if (session_id_) (void)db::end_session(ui_db_, session_id_, db::SessionEnd::Closed, db::now_unix());
}

void DeskApp::set_document_output(std::unique_ptr<DocumentOutput> output) {
  output_ = std::move(output);
  ctx_.document_output = output_.get();
}

// What the person may do and how they are named, read once at sign-in (the core checks the
// permissions again at every change, so a change of the table counts at once).
void DeskApp::begin(const auth::SignedIn& who) {
  worker_.submit([this, who](db::Database& db) -> db::Worker::Continuation {
    auto member = db::get_staff(db, who.user_id);
    auto permissions = db::permissions_of(db, who.user_id);
    auto lock_min = db::get_setting_int(db, "desk.lock_after_min", 10, 0, 240);
    bool setup = false;
    if (permissions && std::find(permissions->begin(), permissions->end(), db::Permission::SettingsEdit) !=
                           permissions->end())
      if (auto p = db::setup_progress(db)) setup = !p->complete();
    return [this, who, member = std::move(member), permissions = std::move(permissions),
            lock_min = lock_min.value_or(10), setup]() {
      if (!member || !permissions) {
        sign_in_->show_sign_in();
        return;
      }
      idle_lock_.set_limit(lock_min * 60.0);
      Arrival a{who, *member, *permissions, setup};
      if (retiring_) next_ = std::move(a);
      else install(std::move(a));
    };
  });
}

void DeskApp::install(Arrival a) {
  const auth::SignedIn& who = a.who;
  const db::StaffMember& member = a.member;
  session_id_ = who.session_id;
  ctx_.user_id = who.user_id;
  ctx_.user_name = masked_full_name(member.full_name);
  ctx_.user_role.clear();
  for (db::Role r : member.roles) ctx_.user_role += (ctx_.user_role.empty() ? "" : ", ") + db::role_title(r);
  ctx_.permissions = std::move(a.permissions);
  locked_ = false;
  idle_lock_.restart(ImGui::GetTime());
  screens_ = make_screens(ctx_, a.setup);
  if (auto* flow = dynamic_cast<FlowScreen*>(find("flow")))
    flow->show_notice = [this](const db::DeskEvent& e) { notify(e, true); };
  current_ = start_screen();
  screens_[current_]->on_show();
}

// Where each kind of work starts: a doctor at his day, the call centre at its calls, a cashier at
// the till, a manager at the reports; the front desk at the schedule (the first screen).
size_t DeskApp::start_screen() const {
  for (size_t i = 0; i < screens_.size(); ++i)
    if (screens_[i]->id() == preferred_screen_) return i;
  // A clinic not set up yet: its first steps before anything else.
  for (size_t i = 0; i < screens_.size(); ++i)
    if (std::string_view(screens_[i]->id()) == "setup") return i;
  using P = db::Permission;
  const char* id = nullptr;
  if (ctx_.may(P::DoctorOwnDay) && !ctx_.may(P::VisitsFlow)) id = "my_day";
  else if (!ctx_.may(P::VisitsFlow) && ctx_.may(P::CallsWork)) id = "calls";
  else if (!ctx_.may(P::AppointmentsBook) && ctx_.may(P::CashPayments)) id = "cash";
  else if (!ctx_.may(P::AppointmentsBook) && ctx_.may(P::ReportsView)) id = "reports";
  for (size_t i = 0; id && i < screens_.size(); ++i)
    if (std::string_view(screens_[i]->id()) == id) return i;
  return 0;
}

void DeskApp::end_session(db::SessionEnd how) {
  if (const std::int64_t id = std::exchange(session_id_, 0)) {
    worker_.submit([id, how](db::Database& db) -> db::Worker::Continuation {
      (void)db::end_session(db, id, how, db::now_unix());
      return {};
    });
  }
  ctx_.user_id.reset();
  ctx_.user_name.clear();
  ctx_.user_role.clear();
  ctx_.permissions.clear();
}

void DeskApp::retire_screens() {
  retiring_ = true;
  quiet_frames_ = 0;
  locked_ = false;
  toasts_.clear();
}

void DeskApp::lock() {
  if (!working()) return;
  locked_ = true;
  sign_in_->show_locked(*ctx_.user_id, ctx_.user_name);
}

void DeskApp::switch_user() {
  if (!ctx_.user_id) return;
  end_session(db::SessionEnd::Switch);
  retire_screens();
  sign_in_->show_sign_in();
}

void DeskApp::sign_in_for_screenshots(const std::string& login) {
  if (ctx_.user_id) {
    end_session(db::SessionEnd::Switch);
    retire_screens();
  }
  worker_.submit([this, login](db::Database& db) -> db::Worker::Continuation {
    auto who = db::find_staff_by_login(db, login);
    return [this, who = std::move(who)]() {
      if (!who || !*who) return;
      auth::SignedIn s;
      s.user_id = (**who).id;
      s.login = (**who).login;
      s.full_name = (**who).full_name;
      begin(s);
    };
  });
}

// Once a minute: the daily copy when it is due and this desk claims it, then the copies' state.
void DeskApp::check_backups() {
  next_backup_check_ = ImGui::GetTime() + 60;
  if (backup_checking_) return;
  backup_checking_ = true;
  worker_.submit([this, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    const std::int64_t now = db::now_unix();
    if (auto due = db::claim_daily_backup(db, now); due && *due)
      if (auto dir = db::backup_dir(db)) (void)db::take_backup(db, *dir, now, db::Actor::system("daily-backup"));
    auto status = db::backup_status(db, now);
    return [this, status = std::move(status)]() {
      backup_checking_ = false;
      if (status) backup_ = *status;
    };
  });
}

// Any key, click, wheel or move of the mouse is work; the desk locks after the limit without.
void DeskApp::watch_idle(double now) {
  const ImGuiIO& io = ImGui::GetIO();
  bool input = io.InputQueueCharacters.Size > 0 || io.MouseWheel != 0.f ||
               (io.MousePos.x != last_mouse_.x || io.MousePos.y != last_mouse_.y);
  for (int b = 0; b < 3 && !input; ++b) input = io.MouseDown[b];
  for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown) && !input; ++k) input = io.KeysDown[k];
  last_mouse_ = io.MousePos;
  if (idle_lock_.due(now, input)) lock();
}

bool DeskApp::idle() const { return worker_.idle() && (!cash_ || cash_->idle()) && !retiring_; }

Screen* DeskApp::find(const std::string& screen_id) {
  for (auto& s : screens_)
    if (screen_id == s->id()) return s.get();
  return nullptr;
}

bool DeskApp::show(const std::string& screen_id) {
  for (size_t i = 0; i < screens_.size(); ++i) {
    if (screen_id == screens_[i]->id()) {
      if (!working()) return false;
      std::erase_if(toasts_, [](const Toast& t) { return t.demo; });
      current_ = i;
      screens_[i]->on_show();
      return true;
    }
  }
  return false;
}

void DeskApp::draw_top_bar(float height) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.13f, 0.27f, 0.53f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
  ImGui::Begin("##topbar", nullptr, kPane);
  ImGui::SetCursorPosY((height - ImGui::GetTextLineHeight()) / 2);
  ImGui::PushFont(shell_.bold_font());
  const std::string& clinic = ctx_.clinic.short_name.empty() ? ctx_.clinic.name : ctx_.clinic.short_name;
  ImGui::TextUnformatted(clinic.c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, 24);
  LocalTime now = to_local(db::now_unix());
  std::string when = ui::weekday_name(now.date.iso_weekday()) + ", " +
                     ui::long_date(now.date.year(), now.date.month(), now.date.day()) + ", " + hhmm(now.minutes);
  ImGui::TextUnformatted(when.c_str());
  // Who runs the clinic is told when its copies are not being made.
  if (backup_ && working() && ctx_.may(db::Permission::SettingsEdit)) {
    const char* warning = backup_->folder_missing        ? _("The backup folder is not available")
                          : !backup_->last_error.empty() ? _("The last backup failed")
                          : backup_->low_space           ? _("The backup disk is nearly full")
                          : backup_->stale               ? _("No backup in the last 26 hours")
                                                         : nullptr;
    if (warning) {
      ImGui::SameLine(0, 24);
      ImGui::TextColored(ImVec4(1.0f, 0.83f, 0.35f, 1), "%s", warning);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", (backup_->dir + (backup_->last_error.empty() ? "" : "\n" + backup_->last_error) +
                                 "\n" + _("registratura backup makes one now."))
                                    .c_str());
    }
  }
  // Who is working, and the two ways to hand the desk over.
  const std::string who = ctx_.user_name.empty() ? std::string() : ctx_.user_name + " · " + ctx_.user_role;
  const char* lock_label = _("Lock");
  const char* switch_label = _("Switch user");
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = style.FramePadding.x * 2;
  const bool buttons = working();
  const float buttons_w = buttons ? ImGui::CalcTextSize(lock_label).x + ImGui::CalcTextSize(switch_label).x +
                                        2 * pad + 2 * 12
                                  : 0.f;
  const float w = ImGui::CalcTextSize(who.c_str()).x + buttons_w;
  if (ctx_.devices && buttons) draw_phone(ImGui::GetWindowWidth() - w - 48);
  ImGui::SameLine(ImGui::GetWindowWidth() - w - 16);
  ImGui::TextUnformatted(who.c_str());
  if (buttons) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.14f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.28f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.40f));
    ImGui::SameLine(0, 12);
    ImGui::SetCursorPosY((height - ImGui::GetFrameHeight()) / 2);
    if (ImGui::Button(lock_label)) lock();
    ImGui::SameLine(0, 12);
    ImGui::SetCursorPosY((height - ImGui::GetFrameHeight()) / 2);
    if (ImGui::Button(switch_label)) switch_user();
    ImGui::PopStyleColor(3);
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

// The phone line in a few words, right-aligned before `right`: a call ringing stands out (lift
// the handset to answer), a call in progress counts its minutes, dialling shows the digits.
void DeskApp::draw_phone(float right) {
  using drivers::hid::CallState;
  const auto& line = ctx_.devices->phone();
  if (line.state() == CallState::Idle) return;
  char text[160];
  const auto secs = static_cast<long long>((ImGui::GetTime() * 1000 - static_cast<double>(line.since_ms())) / 1000);
  ImVec4 color(1, 1, 1, 1);
  switch (line.state()) {
    case CallState::Ringing:
      std::snprintf(text, sizeof text, _("Incoming call %s — lift the handset"), line.number().c_str());
      color = ImVec4(1.0f, 0.83f, 0.35f, 1);
      break;
    case CallState::Talking:
      std::snprintf(text, sizeof text, _("Call %s · %lld:%02lld%s"), line.number().c_str(), secs / 60, secs % 60,
                    line.muted() ? _(" · muted") : "");
      color = ImVec4(0.62f, 0.93f, 0.70f, 1);
      break;
    case CallState::Dialling:
      std::snprintf(text, sizeof text, _("Dialling: %s"), line.number().empty() ? "…" : line.number().c_str());
      break;
    case CallState::Idle: break;
  }
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 24, right - ImGui::CalcTextSize(text).x));
  ImGui::TextColored(color, "%s", text);
}

void DeskApp::draw_navigation(float top, float width) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + top));
  ImGui::SetNextWindowSize(ImVec2(width, vp->Size.y - top));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.925f, 0.937f, 0.953f, 1));
  ImGui::Begin("##nav", nullptr, kPane);
  ImGui::Spacing();
  for (size_t i = 0; i < screens_.size(); ++i) {
    std::string label = screens_[i]->title();
    bool active = i == current_;
    ImGui::PushID(int(i));
    if (active) ImGui::PushFont(shell_.bold_font());
    if (ImGui::Selectable(label.c_str(), active, 0, ImVec2(0, 30))) show(screens_[i]->id());
    if (active) ImGui::PopFont();
    // F1…F8 next to the name, right-aligned and quiet.
    char key[24];
    std::snprintf(key, sizeof key, "F%zu", i + 1);
    ImGui::SameLine(width - ImGui::CalcTextSize(key).x - 20);
    ImGui::TextDisabled("%s", key);
    ImGui::PopID();
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F1 + int(i), false)) show(screens_[i]->id());
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

void DeskApp::frame() {
  // Another desk or the kiosk wrote: the current screen reloads (a cheap check, 4 times a second).
  double now = ImGui::GetTime();
  if (now >= next_poll_) {
    next_poll_ = now + 0.25;
    if (watch_.changed()) {
      for (auto& s : screens_) s->on_data_changed();
      fetch_events();
    }
  }
  if (ctx_.devices) {
    ctx_.devices->poll_phone(static_cast<std::int64_t>(now * 1000));
    for (const auto& scan : ctx_.devices->poll_scans()) on_scan(scan);
  }
  // Between two people: the first one's screens go once nothing runs for them (two quiet frames:
  // a job's answer posted just before the worker went idle is run at the start of the next).
  if (retiring_) {
    quiet_frames_ = worker_.idle() && (!cash_ || cash_->idle()) ? quiet_frames_ + 1 : 0;
    if (quiet_frames_ >= 2) {
      screens_.clear();
      current_ = 0;
      retiring_ = false;
      if (next_) {
        auto n = std::move(*next_);
        next_.reset();
        install(std::move(n));
      }
    }
  }
  const float bar = 44.f, nav = 210.f;
  draw_top_bar(bar);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  if (!working()) {
    // Nobody signed in, or locked: nothing of the clinic's data shows, not even notifications.
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + bar));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, vp->Size.y - bar));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.925f, 0.937f, 0.953f, 1));
    ImGui::Begin("##signin-pane", nullptr, kPane);
    sign_in_->draw();
    ImGui::End();
    ImGui::PopStyleColor();
    return;
  }
  watch_idle(now);
  if (now >= next_backup_check_) check_backups();
  draw_navigation(bar, nav);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + nav, vp->Pos.y + bar));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x - nav, vp->Size.y - bar));
  ImGui::Begin("##screen", nullptr, kPane);
  screens_[current_]->draw();
  ImGui::End();
  draw_toasts();
}

void DeskApp::notify(const db::DeskEvent& event, bool demo) {
  toasts_.push_back({event, -1, demo});
  while (toasts_.size() > kMaxToasts) toasts_.pop_front();
}

void DeskApp::on_scan(const drivers::hid::Scan& scan) {
  if (!working()) return;  // a card scanned at a locked desk opens nothing
  if (screens_[current_]->on_scan(scan)) return;
  worker_.submit([this, payload = scan.data](db::Database& db) -> db::Worker::Continuation {
    const std::int64_t now = db::now_unix();
    auto secret = codes::clinic_checkin_secret(db);
    auto who = codes::identity_from_scan(payload, secret ? std::span<const unsigned char>(*secret)
                                                         : std::span<const unsigned char>());
    std::optional<std::int64_t> patient;
    std::string failure;  // the database could not answer: not the same as "nobody"
    if (who) {
      auto rules = db::load_checkin_rules(db);
      auto plan = db::plan_checkin(db, *who, now, rules ? *rules : db::CheckinRules{});
      if (plan) patient = plan->patient_id;
      else failure = plan.error().message;
    }
    return [this, now, patient, who, failure] {
      if (patient) {
        if (auto* cards = dynamic_cast<PatientsScreen*>(find("patients"))) {
          show("patients");
          cards->select(*patient);
        }
        return;
      }
      // Nobody: say what was read (digits only, never the raw bytes) and that nobody has it.
      char text[400];
      using K = db::Identity::Kind;
      if (!failure.empty()) std::snprintf(text, sizeof text, _("The scanned code could not be looked up: %s"), failure.c_str());
      else if (!who) std::snprintf(text, sizeof text, "%s", _("The code read is not a clinic card, a policy or a slip of this clinic."));
      else if (who->kind == K::Card) std::snprintf(text, sizeof text, _("No patient has card No. %s."), who->card_no.c_str());
      else if (who->kind == K::Enp) std::snprintf(text, sizeof text, _("No patient has OMS policy %s."), who->enp.c_str());
      else std::snprintf(text, sizeof text, "%s", _("The appointment on this slip is no longer in the schedule."));
      db::DeskEvent e;
      e.id = --local_events_;
      e.at = now;
      e.kind = "scan";
      e.message = text;
      notify(e);
    };
  });
}

void DeskApp::fetch_events() {
  if (events_loading_) {  // one query at a time; ask again when it is back
    events_again_ = true;
    return;
  }
  events_loading_ = true;
  const std::int64_t after = last_event_;
  worker_.submit([this, after](db::Database& db) -> db::Worker::Continuation {
    auto events = db::desk_events_after(db, after);
    return [this, events = std::move(events)]() {
      events_loading_ = false;
      bool more = events_again_;
      events_again_ = false;
      if (events) {
        for (const db::DeskEvent& e : *events) {
          last_event_ = std::max(last_event_, e.id);
          notify(e);
        }
        more = more || events->size() >= 50;  // a full page: the rest follows
      }
      if (more) fetch_events();
    };
  });
}

void DeskApp::draw_toasts() {
  if (toasts_.empty()) return;
  const double now = ImGui::GetTime();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float width = 460.f, margin = 16.f;
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
  float bottom = vp->Pos.y + vp->Size.y - margin;
  bool open_flow = false;
  for (size_t k = toasts_.size(); k-- > 0;) {
    Toast& t = toasts_[k];
    if (t.born < 0) t.born = now;
    const double age = now - t.born;
    const float alpha = age < kToastLife - kToastFade ? 1.f : float(std::max(0.0, (kToastLife - age) / kToastFade));
    const ToastLook look = toast_look(t.event.kind);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - margin, bottom), ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 10.f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 12));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, rgb(look.fill));
    ImGui::PushStyleColor(ImGuiCol_Border, rgb(look.accent));
    const std::string name = "##toast" + std::to_string(t.event.id);
    ImGui::Begin(name.c_str(), nullptr, flags);
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + 7, pos.y + size.y),
                                              ImGui::GetColorU32(rgb(look.accent)), 10.f,
                                              ImDrawFlags_RoundCornersLeft);
    ImGui::PushFont(shell_.bold_font());
    ImGui::TextColored(rgb(look.accent), "%s", look.label);
    ImGui::PopFont();
    const std::string when = hhmm(to_local(t.event.at).minutes);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(when.c_str()).x);
    ImGui::TextDisabled("%s", when.c_str());
    // «Пациент пришёл: Иванова А. П. …» under the heading «Пациент пришёл»: the heading once.
    std::string_view message = t.event.message;
    if (const std::string lead = std::string(look.label) + ": "; message.starts_with(lead))
      message.remove_prefix(lead.size());
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(message.data(), message.data() + message.size());
    ImGui::PopTextWrapPos();
    bool on_button = false;
    if (look.action && t.event.patient_id && ctx_.open_documents) {
      if (primary_button(look.action, ImVec2(0, 0))) {
        ctx_.open_documents(*t.event.patient_id, t.event.appointment_id);
        t.born = now - kToastLife;  // done with
      }
      on_button = ImGui::IsItemHovered();
    }
    if (on_button) {
      t.born = std::max(t.born, now - (kToastLife - kToastFade - 1.0));
    } else if (ImGui::IsWindowHovered()) {
      t.born = std::max(t.born, now - (kToastLife - kToastFade - 1.0));  // kept while the desk reads it
      if (look.opens_flow) ImGui::SetTooltip("%s", _("Open the patient flow"));
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        t.born = now - kToastLife;  // gone
        open_flow = open_flow || look.opens_flow;
      }
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(4);
    bottom -= size.y + 8.f;
  }
  std::erase_if(toasts_, [now](const Toast& t) { return t.born >= 0 && now - t.born >= kToastLife; });
  if (open_flow) show("flow");
}

}  // namespace rg::desk
