// Search runs on the worker: a count for «найдено N» and pages of 100 fetched as the list
// scrolls, so all 30 000 Ивановы can be reached, not only the first ten.
#include "patients_screen.h"

#include <imgui.h>

#include <cstring>

#include <SDL_scancode.h>

#include "calendar.h"
#include "flow.h"
#include "schedule_screen.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {

std::string age_text(const std::string& iso_birth) {
  auto b = Date::parse_iso(iso_birth);
  if (!b) return iso_birth;
  int age = age_on(*b, today());
  char buf[64];
  std::snprintf(buf, sizeof buf, dngettext(RG_TEXT_DOMAIN, "%d year", "%d years", static_cast<unsigned long>(age)), age);
  return b->ru() + " (" + buf + ")";
}

void field(const char* label, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
  ImGui::TableSetColumnIndex(1);
  if (value.empty())
    ImGui::TextDisabled("—");
  else
    ImGui::TextWrapped("%s", value.c_str());
}

}  // namespace

std::string PatientsScreen::title() const { return _("Patients"); }

void PatientsScreen::set_query(const std::string& text) {
  std::snprintf(query_, sizeof query_, "%s", text.c_str());
}

void PatientsScreen::select(std::int64_t patient_id) {
  // Opening a card is audited once per opening: not when the same card is picked again, not when
  // it is reloaded after a change.
  const bool opened = selected_ != patient_id;
  selected_ = patient_id;
  load_card(opened);
}

void PatientsScreen::prepare_screenshot() {
  set_query("иванова");
  select_first_ = true;
}

void PatientsScreen::on_data_changed() {
  submitted_.clear();  // the next frame searches again
  if (selected_) load_card();
}

void PatientsScreen::request_page(int page) {
  if (requested_.count(page)) return;
  requested_.insert(page);
  int gen = generation_;
  auto q = db::parse_patient_query(submitted_);
  ctx_.worker.submit([this, gen, q, page](db::Database& db) -> db::Worker::Continuation {
    auto rows = db::search_patients(db, q, page * kPage, kPage);
    return [this, gen, page, rows = std::move(rows)]() mutable {
      if (gen != generation_) return;
      if (!rows) {
        error_ = rows.error().message;
        return;
      }
      pages_[page] = std::move(*rows);
      if (select_first_ && page == 0 && !pages_[0].empty()) {
        select_first_ = false;
        select(pages_[0].front().id);
      }
    };
  });
}

const db::PatientSummary* PatientsScreen::row(int index) {
  int page = index / kPage;
  auto it = pages_.find(page);
  if (it == pages_.end()) {
    request_page(page);
    return nullptr;
  }
  size_t i = size_t(index % kPage);
  return i < it->second.size() ? &it->second[i] : nullptr;
}

void PatientsScreen::load_card(bool opened) {
  if (!selected_) return;
  int gen = ++card_generation_;
  std::int64_t id = *selected_;
  ctx_.worker.submit([this, gen, id, opened, actor = ctx_.actor()](db::Database& db) -> db::Worker::Continuation {
    auto p = db::get_patient(db, id);
    // The card is shown even when the log cannot be written (a busy database must not stop the desk).
    if (opened && p) (void)db::log_patient_view(db, id, actor);
    auto v = db::patient_visits(db, id, 50);
    auto balance = db::account_balance(db, id);
    auto payers = db::linked_payers(db, id);
    auto payments = db::patient_payments(db, id, 20);
    auto letters = db::patient_letters(db, id);
    auto people = db::related_persons(db, id);
    auto debt = db::patient_debt(db, id);
    return [this, gen, p = std::move(p), v = std::move(v), balance, debt, payers = std::move(payers),
            payments = std::move(payments), letters = std::move(letters), people = std::move(people)]() mutable {
      if (gen != card_generation_) return;
      card_ = p ? std::optional<db::Patient>(std::move(*p)) : std::nullopt;
      visits_ = v ? std::move(*v) : std::vector<db::PatientVisit>{};
      balance_ = balance.value_or(0);
      debt_ = debt.value_or(db::Debt{});
      payers_ = payers ? std::move(*payers) : std::vector<db::LinkedPayer>{};
      payments_ = payments ? std::move(*payments) : std::vector<db::Payment>{};
      letters_ = letters ? std::move(*letters) : std::vector<db::GuaranteeLetter>{};
      people_ = people ? std::move(*people) : std::vector<db::RelatedPerson>{};
    };
  });
}

void PatientsScreen::draw_results() {
  // A new query: count and first page in the background; old answers are ignored by generation.
  if (submitted_ != query_) {
    submitted_ = query_;
    ++generation_;
    pages_.clear();
    requested_.clear();
    total_.reset();
    error_.clear();
    int gen = generation_;
    auto q = db::parse_patient_query(submitted_);
    ctx_.worker.submit([this, gen, q](db::Database& db) -> db::Worker::Continuation {
      auto n = db::count_patients(db, q);
      return [this, gen, n]() {
        if (gen != generation_) return;
        if (n) total_ = *n;
        else error_ = n.error().message;
      };
    });
    request_page(0);
  }

  if (!error_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", error_.c_str());
  if (submitted_.find_first_not_of(' ') == std::string::npos) {
    ImGui::TextDisabled("%s", _("Type a surname (and initials), a phone or its last 4 digits, a card number or a date of birth."));
    return;
  }
  if (!total_) {
    ImGui::TextDisabled("%s", _("Searching…"));
    return;
  }
  if (*total_ == 0) {
    ImGui::TextUnformatted(_("Nobody found."));
    ImGui::TextDisabled("%s", _("Check the spelling, try the phone or the date of birth, or register a new patient."));
    ImGui::Spacing();
    if (ui::button(_("Register a new patient…"))) new_patient();
    return;
  }
  char found[128];
  std::snprintf(found, sizeof found,
                dngettext(RG_TEXT_DOMAIN, "Found %s patient", "Found %s patients", static_cast<unsigned long>(*total_)),
                ui::group_digits(*total_).c_str());
  ImGui::TextUnformatted(found);

  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersOuter;
  if (!ImGui::BeginTable("results", 4, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("Full name"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn(_("Date of birth"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(_("Phone"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(_("Card"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(int(std::min<std::int64_t>(*total_, 10'000'000)));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const db::PatientSummary* p = row(i);
      if (!p) {
        ImGui::TextDisabled("…");
        continue;
      }
      ImGui::PushID(i);
      std::string name = full_name(p->surname, p->name, p->patronymic);
      if (ImGui::Selectable(name.c_str(), selected_ == p->id, ImGuiSelectableFlags_SpanAllColumns))
        select(p->id);
      ImGui::PopID();
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(age_text(p->birth_date).c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(p->phone.empty() ? "—" : format_phone(p->phone).c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(p->card_no.c_str());
    }
  }
  ImGui::EndTable();
}

void PatientsScreen::draw_card() {
  if (!selected_) {
    ImGui::TextDisabled("%s", _("Choose a patient to see the card."));
    return;
  }
  if (!card_) {
    ImGui::TextDisabled("%s", _("Loading the card…"));
    return;
  }
  const db::Patient& p = *card_;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::TextWrapped("%s", full_name(p.surname, p.name, p.patronymic).c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%s %s", _("Medical card No."), p.card_no.c_str());
  // A minor: marked beside the card number, with who signs for them.
  if (const int age = age_on(p.birth_date, today()); age < 18) {
    ImGui::SameLine(0, 16);
    ImGui::TextColored(ImVec4(0.72f, 0.40f, 0.05f, 1), "%s", _("minor"));
    for (const auto& r : people_)
      if (r.representative) {
        ImGui::SameLine();
        ImGui::TextDisabled("· %s: %s%s%s", _("representative"), masked_name(r.surname, r.name, r.patronymic).c_str(),
                            r.relation.empty() ? "" : ", ", r.relation.c_str());
        break;
      }
  }
  draw_actions(p);
  draw_debt();
  ImGui::Spacing();
  if (ImGui::BeginTable("card", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, 180.f);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    field(_("Date of birth"), age_text(p.birth_date.iso()));
    field(_("Sex"), p.sex == 'M' ? _("male") : _("female"));
    std::string phones;
    for (const auto& ph : p.phones) phones += (phones.empty() ? "" : ", ") + format_phone(ph.number);
    field(_("Phone"), phones);
    field(_("E-mail"), p.email);
    field(_("Address"), p.address);
    field(_("OMS policy"), p.oms_enp.value_or(""));
    std::string snils = p.snils.value_or("");
    if (snils.size() == 11)
      snils = snils.substr(0, 3) + "-" + snils.substr(3, 3) + "-" + snils.substr(6, 3) + " " + snils.substr(9);
    field(_("SNILS"), snils);
    std::string doc = p.id_doc.series.empty() && p.id_doc.number.empty() ? "" : p.id_doc.series + " " + p.id_doc.number;
    if (!doc.empty() && p.id_doc.type == "birth_certificate") doc = std::string(_("birth certificate")) + " " + doc;
    else if (!doc.empty() && p.id_doc.type != "passport_ru") doc = std::string(_("foreign document")) + " " + doc;
    field(_("Document"), doc);
    field(_("How they found us"), p.referral_source);
    field(_("Marketing messages"), p.marketing_consent ? _("agreed") : _("not agreed"));
    field(_("Notes"), p.notes);
    ImGui::EndTable();
  }
  draw_people();
  draw_money();
  draw_dms();
  ImGui::Spacing();
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextUnformatted(_("Appointments"));
  ImGui::PopFont();
  if (visits_.empty()) ImGui::TextDisabled("%s", _("No appointments yet."));
  if (!visits_.empty() &&
      ImGui::BeginTable("visits", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(_("When"), ImGuiTableColumnFlags_WidthFixed, 150.f);
    // The doctor's short name is never cut: its column is as wide as the longest.
    float doctor_w = ImGui::CalcTextSize(_("Doctor")).x;
    for (const auto& v : visits_) doctor_w = std::max(doctor_w, ImGui::CalcTextSize(v.doctor.c_str()).x);
    ImGui::TableSetupColumn(_("Doctor"), ImGuiTableColumnFlags_WidthFixed, doctor_w + 8);
    ImGui::TableSetupColumn(_("Service"), ImGuiTableColumnFlags_WidthStretch, 1.f);
    ImGui::TableSetupColumn(_("Status"), ImGuiTableColumnFlags_WidthFixed, 110.f);
    ImGui::TableHeadersRow();
    for (const auto& v : visits_) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      LocalTime lt = to_local(v.start_at);
      ImGui::Text("%s %s", lt.date.ru().c_str(), hhmm(lt.minutes).c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(v.doctor.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.specialty.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextWrapped("%s", v.summary.c_str());  // a long service title wraps: the row has room
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(_(status_look(v.status).name));
    }
    ImGui::EndTable();
  }
}

// What the desk does with the patient in front of it, in the order of a visit.
void PatientsScreen::draw_actions(const db::Patient& p) {
  ImGui::Spacing();
  if (ImGui::Button(_("Edit"))) {
    patient_dialog_.open_edit(p, [this](std::int64_t) { load_card(); submitted_.clear(); });
  }
  ImGui::SameLine();
  if (ctx_.open_booking && ImGui::Button(_("Book…"))) ctx_.open_booking(db::summary_of(p));
  ImGui::SameLine();
  if (ctx_.open_bill && ImGui::Button(_("Invoice…"))) ctx_.open_bill(p.id);
  ImGui::SameLine();
  if (ctx_.open_documents && ImGui::Button(_("Documents…"))) ctx_.open_documents(p.id, std::nullopt);
}

// What the patient owes on open invoices: said at once, so the desk asks before the visit.
void PatientsScreen::draw_debt() {
  if (debt_.invoices == 0) return;
  char line[256];
  const std::string since = to_local(debt_.oldest_at).date.ru();
  std::snprintf(line, sizeof line,
                dngettext(RG_TEXT_DOMAIN, "Owes %s on %d invoice, since %s", "Owes %s on %d invoices, since %s",
                          static_cast<unsigned long>(debt_.invoices)),
                ui::money(debt_.amount).c_str(), debt_.invoices, since.c_str());
  ImGui::TextColored(ImVec4(0.75f, 0.10f, 0.10f, 1), "%s", line);
}

void PatientsScreen::new_patient() {
  patient_dialog_.open_new(
      query_,
      [this](std::int64_t id) {
        submitted_.clear();
        select(id);
      },
      [this](std::int64_t id) { select(id); });
}

// «Представители и доверенные лица»: who signs for a child, who may be told about the patient's
// health, who pays; the documents name them from here. A minor without a representative is
// marked: the contract and the consent cannot be signed by the child.
void PatientsScreen::draw_people() {
  const db::Patient& p = *card_;
  ImGui::Spacing();
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextUnformatted(_("Representatives and trusted persons"));
  ImGui::PopFont();
  ImGui::SameLine();
  if (ImGui::SmallButton(_("Add…"))) {
    db::RelatedPerson n;
    n.patient_id = p.id;
    n.representative = age_on(p.birth_date, today()) < 18;
    n.informed = true;
    edit_person(n);
  }
  const int age = age_on(p.birth_date, today());
  const bool has_rep = std::any_of(people_.begin(), people_.end(), [](const auto& r) { return r.representative; });
  if (age < 18) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(has_rep ? ImVec4(0.36f, 0.39f, 0.44f, 1) : ImVec4(0.72f, 0.47f, 0.12f, 1), "%s",
                       has_rep ? _("A minor: the legal representative signs the documents.")
                               : _("A minor: add the legal representative — the documents cannot be signed without them."));
    ImGui::PopTextWrapPos();
  }
  if (people_.empty() && age >= 18) ImGui::TextDisabled("%s", _("Nobody yet."));
  for (const auto& r : people_) {
    ImGui::PushID(static_cast<int>(r.id));
    std::string line = masked_name(r.surname, r.name, r.patronymic);
    if (!r.relation.empty()) line += " (" + r.relation + ")";
    std::string marks;
    if (r.representative) marks += _("legal representative");
    if (r.informed) marks += std::string(marks.empty() ? "" : " · ") + _("may be told about health");
    if (!r.phone.empty()) {  // one piece: no-break spaces inside the number
      std::string phone = format_phone(r.phone);
      for (size_t at = phone.find(' '); at != std::string::npos; at = phone.find(' ', at)) phone.replace(at, 1, "\u00A0");
      marks += std::string(marks.empty() ? "" : " · ") + phone;
    }
    // The name and the actions on one line, what they are to the patient under it.
    const char* edit = _("Edit");
    const char* remove = _("Remove");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttons =
        ImGui::CalcTextSize(edit).x + ImGui::CalcTextSize(remove).x + 4 * style.FramePadding.x + style.ItemSpacing.x;
    ImGui::TextUnformatted(line.c_str());
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - buttons));
    if (ImGui::SmallButton(edit)) edit_person(r);
    ImGui::SameLine();
    const bool removed = ImGui::SmallButton(remove);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", marks.c_str());
    ImGui::PopTextWrapPos();
    if (removed) {
      const std::int64_t id = r.id;
      const db::Actor actor = ctx_.actor();
      ctx_.worker.submit([this, id, actor](db::Database& db) -> db::Worker::Continuation {
        auto st = db::remove_related_person(db, id, actor);
        return [this, st]() {
          if (!st) error_ = st.error().message;
          load_card();
        };
      });
    }
    ImGui::PopID();
  }
}

void PatientsScreen::edit_person(const db::RelatedPerson& person) {
  const db::Patient& p = *card_;
  person_dialog_.open(person, masked_name(p.surname, p.name, p.patronymic), [this](const db::RelatedPerson& typed) {
    const db::Actor actor = ctx_.actor();
    ctx_.worker.submit([this, typed, actor](db::Database& db) -> db::Worker::Continuation {
      auto id = db::save_related_person(db, typed, actor);
      return [this, id]() {
        person_dialog_.finished(id.has_value(), id ? "" : id.error().message);
        if (id) load_card();
      };
    });
  });
}

void PatientsScreen::draw_money() {
  ImGui::Spacing();
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::TextUnformatted(_("Payments"));
  ImGui::PopFont();
  ImGui::SameLine(0, 24);
  ImGui::Text("%s %s", _("personal account:"), ui::money(balance_).c_str());
  for (const auto& payer : payers_) {
    ImGui::SameLine(0, 24);
    ImGui::TextDisabled("%s %s%s%s — %s", _("paid for by"), payer.name.c_str(), payer.relation.empty() ? "" : ", ",
                        payer.relation.c_str(), ui::money(payer.balance).c_str());
  }
  if (payments_.empty()) {
    ImGui::TextDisabled("%s", _("No payments yet."));
    return;
  }
  const float rows = static_cast<float>(std::min<std::size_t>(payments_.size(), 4) + 1);
  if (!ImGui::BeginTable("payments", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                         ImVec2(0, rows * ImGui::GetFrameHeightWithSpacing())))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(_("When"), ImGuiTableColumnFlags_WidthFixed, 150.f);
  ImGui::TableSetupColumn(_("Payment"), ImGuiTableColumnFlags_WidthStretch, 1.f);
  ImGui::TableSetupColumn(_("Amount"), ImGuiTableColumnFlags_WidthFixed, 130.f);
  ImGui::TableSetupColumn(_("Receipt"), ImGuiTableColumnFlags_WidthFixed, 150.f);
  ImGui::TableHeadersRow();
  for (const auto& p : payments_) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const LocalTime lt = to_local(p.created_at);
    ImGui::Text("%s %s", lt.date.ru().c_str(), hhmm(lt.minutes).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(db::payment_kind_title(p.kind));
    ImGui::TableSetColumnIndex(2);
    const bool out = p.kind == db::PaymentKind::Refund || p.kind == db::PaymentKind::DepositRefund;
    ImGui::TextUnformatted(ui::money(out ? -p.total : p.total).c_str());
    ImGui::TableSetColumnIndex(3);
    if (p.state == db::PaymentState::Registered)
      ImGui::Text("%s %lld", _("receipt FD"), static_cast<long long>(p.fiscal_number.value_or(0)));
    else
      ImGui::TextDisabled("%s", p.state == db::PaymentState::Intent ? _("no receipt yet") : _("cancelled"));
  }
  ImGui::EndTable();
}

void PatientsScreen::draw_dms() {
  ImGui::Spacing();
  ImGui::PushFont(ctx_.shell.bold_font());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("DMS"));
  ImGui::PopFont();
  ImGui::SameLine(0, 24);
  if (ImGui::SmallButton(_("Add a guarantee letter"))) add_letter();
  const Date d = today();
  for (const auto& l : letters_) {
    const bool valid = l.valid_from <= d && d <= l.valid_to;
    const std::string line = l.insurer_name + " · " + _("letter") + " " + l.number + " · " + l.valid_from.ru() + " — " +
                             l.valid_to.ru() + " · " + _("used") + " " + ui::money(l.used) + " " + _("of") + " " +
                             ui::money(l.limit);
    if (valid) ImGui::TextUnformatted(line.c_str());
    else ImGui::TextDisabled("%s (%s)", line.c_str(), _("not valid today"));
  }
  letter_dialog_.draw(ctx_.shell);
}

void PatientsScreen::add_letter() {
  if (!card_) return;
  LetterDialog::Request r;
  r.patient_id = card_->id;
  r.patient_name = full_name(card_->surname, card_->name, card_->patronymic);
  ctx_.worker.submit([this, r](db::Database& db) mutable -> db::Worker::Continuation {
    auto insurers = db::list_insurers(db);
    auto services = db::price_list(db, today());
    if (insurers) r.insurers = std::move(*insurers);
    if (services) r.services = std::move(*services);
    return [this, r = std::move(r)]() mutable {
      letter_dialog_.open(std::move(r), [this](const db::GuaranteeLetter& l) {
        const db::Actor actor = ctx_.actor();
        ctx_.worker.submit([this, l, actor](db::Database& conn) -> db::Worker::Continuation {
          auto id = db::add_guarantee_letter(conn, l, actor);
          return [this, ok = bool(id), error = id ? std::string() : id.error().message]() {
            letter_dialog_.finished(ok, error);
            if (ok) load_card();
          };
        });
      });
    };
  });
}

std::vector<std::string> PatientsScreen::extra_shots() const { return {"letter", "child", "person", "edit", "new"}; }

void PatientsScreen::prepare_extra_shot(const std::string& name) {
  if (name == "letter") {
    add_letter();
  } else if (name == "child") {
    // A child seen today: the card shows the parent who signs.
    letter_dialog_ = {};
    auto done = std::make_shared<bool>(false);
    ctx_.worker.submit([this, done](db::Database& db) -> db::Worker::Continuation {
      std::optional<db::Patient> child;
      if (auto rows = db::today_flow(db, today(), db::now_unix()))
        for (const auto& r : *rows)
          if (auto p = db::get_patient(db, r.patient_id); p && age_on(p->birth_date, today()) < 14) {
            child = *p;
            break;
          }
      return [this, done, child]() {
        *done = true;
        if (!child) return;
        set_query(child->surname + " " + child->name);
        select(child->id);
      };
    });
    ctx_.shell.render_until([this] { draw(); }, [this, done] { return *done && ctx_.worker.idle(); }, 400);
  } else if (name == "edit") {
    letter_dialog_ = {};
    person_dialog_ = {};
    if (card_) patient_dialog_.open_edit(*card_, nullptr);
  } else if (name == "new") {
    person_dialog_ = {};
    // The desk typed a name that is already on a card and goes on to register it: the twin.
    if (card_) {
      patient_dialog_.open_new(card_->surname + " " + card_->name, nullptr, nullptr);
      patient_dialog_.demo_fill(card_->birth_date, card_->phones.empty() ? "" : card_->phones.front().number);
    }
  } else if (name == "person") {
    for (const auto& r : people_)
      if (r.representative) {
        edit_person(r);
        break;
      }
  }
}

void PatientsScreen::draw() {
  if (focus_search_ || (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(SDL_SCANCODE_F))) {
    ImGui::SetKeyboardFocusHere();
    focus_search_ = false;
  }
  ImGui::SetNextItemWidth(std::min(640.f, ImGui::GetContentRegionAvail().x - 260.f));
  ImGui::InputTextWithHint("##search", _("Search: surname, phone, card No., date of birth (Ctrl+F)"),
                           query_, sizeof query_);
  ImGui::SameLine();
  if (ui::button(_("New patient…"))) new_patient();
  // What may be typed, shown while something is typed too (the hint then is gone).
  ImGui::TextDisabled("%s", _("Surname and initials («Иванова А Ф»), a phone or its last 4 digits, a card No., a date "
                              "of birth"));
  ImGui::Spacing();
  float card_w = std::max(420.f, ImGui::GetContentRegionAvail().x * 0.42f);
  ImGui::BeginChild("results", ImVec2(ImGui::GetContentRegionAvail().x - card_w - 10, 0), false);
  draw_results();
  ImGui::EndChild();
  ImGui::SameLine(0, 10);
  ImGui::BeginChild("card", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
  draw_card();
  ImGui::EndChild();
  person_dialog_.draw(ctx_.shell);
  patient_dialog_.draw();
}

}  // namespace rg::desk
