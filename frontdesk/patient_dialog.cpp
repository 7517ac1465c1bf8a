// The form writes into char buffers; the core checks what is saved (db::validate) and its
// sentence is shown under the form. Work runs on the desk's worker.
#include "patient_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "calendar.h"
#include "dialog.h"
#include "grammar.h"
#include "text.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {

const ImVec4 kQuiet(0.36f, 0.39f, 0.44f, 1), kAmber(0.62f, 0.36f, 0.0f, 1);
constexpr float kFieldX = 310.f;

void copy(char* dst, std::size_t n, const std::string& s) { std::snprintf(dst, n, "%s", s.c_str()); }

std::string snils_text(const std::string& d) {
  if (d.size() != 11) return d;
  return d.substr(0, 3) + "-" + d.substr(3, 3) + "-" + d.substr(6, 3) + " " + d.substr(9);
}

}  // namespace

void PatientDialog::reset() {
  base_.reset();
  on_saved_ = on_open_ = nullptr;
  for (char* b : {surname_, name_, patronymic_, birth_, phone_, phone2_, email_, address_, oms_, snils_, inn_, notes_})
    b[0] = 0;
  id_doc_.load({});
  sex_ = 1;
  source_ = -1;
  marketing_ = false;
  twins_.clear();
  not_a_twin_ = busy_ = demo_save_ = sex_chosen_ = false;
  error_.clear();
  ++generation_;  // answers for the previous form are dropped
}

void PatientDialog::open_new(const std::string& typed, Done on_saved, Done on_open) {
  reset();
  on_saved_ = std::move(on_saved);
  on_open_ = std::move(on_open);
  // What the desk typed into the search: digits are a phone, a date is the birth date, words
  // are the name.
  const db::PatientQuery q = db::parse_patient_query(typed);
  if (q.birth_date) copy(birth_, sizeof birth_, q.birth_date->ru());
  if (q.digits.size() >= 10) copy(phone_, sizeof phone_, format_phone(normalize_phone(q.digits)));
  std::vector<std::string> words;
  for (size_t at = 0; at < typed.size();) {
    const size_t end = std::min(typed.find(' ', at), typed.size());
    const std::string w = typed.substr(at, end - at);
    if (!w.empty() && w.find_first_of("0123456789+().") == std::string::npos) words.push_back(tidy_name(w));
    at = end + 1;
  }
  if (words.size() > 0) copy(surname_, sizeof surname_, words[0]);
  if (words.size() > 1) copy(name_, sizeof name_, words[1]);
  if (words.size() > 2) copy(patronymic_, sizeof patronymic_, words[2]);
  open_ = just_opened_ = true;
  load_sources();
}

void PatientDialog::open_edit(const db::Patient& p, Done on_saved) {
  reset();
  base_ = p;
  on_saved_ = std::move(on_saved);
  copy(surname_, sizeof surname_, p.surname);
  copy(name_, sizeof name_, p.name);
  copy(patronymic_, sizeof patronymic_, p.patronymic);
  copy(birth_, sizeof birth_, p.birth_date.ru());
  sex_ = p.sex == 'M' ? 0 : 1;
  if (p.phones.size() > 0) copy(phone_, sizeof phone_, format_phone(p.phones[0].number));
  if (p.phones.size() > 1) copy(phone2_, sizeof phone2_, format_phone(p.phones[1].number));
  copy(email_, sizeof email_, p.email);
  copy(address_, sizeof address_, p.address);
  id_doc_.load(p.id_doc);
  copy(oms_, sizeof oms_, p.oms_enp.value_or(""));
  copy(snils_, sizeof snils_, snils_text(p.snils.value_or("")));
  copy(inn_, sizeof inn_, p.inn);
  copy(notes_, sizeof notes_, p.notes);
  marketing_ = p.marketing_consent;
  open_ = just_opened_ = true;
  load_sources();
}

void PatientDialog::load_sources() {
  const int gen = ++generation_;
  ctx_.worker.submit([this, gen](db::Database& db) -> db::Worker::Continuation {
    auto sources = db::list_referral_sources(db);
    return [this, gen, sources = std::move(sources)]() mutable {
      if (gen != generation_ || !sources) return;
      sources_ = std::move(*sources);
      if (demo_save_ && !sources_.empty()) {
        demo_save_ = false;
        source_ = 0;
        save();
      }
      if (base_ && base_->referral_source_id)
        for (size_t i = 0; i < sources_.size(); ++i)
          if (sources_[i].id == *base_->referral_source_id) source_ = int(i);
    };
  });
}

void PatientDialog::demo_fill(Date birth, const std::string& phone) {
  copy(birth_, sizeof birth_, birth.ru());
  copy(phone_, sizeof phone_, phone.empty() ? "" : format_phone(phone));
  demo_save_ = true;  // once the sources are loaded
}

db::PatientDraft PatientDialog::typed() const {
  db::PatientDraft p = base_ ? db::PatientDraft(*base_) : db::PatientDraft();
  p.surname = tidy_name(surname_);
  p.name = tidy_name(name_);
  p.patronymic = tidy_name(patronymic_);
  if (auto b = Date::parse_ru(birth_)) p.birth_date = *b;
  else p.birth_date = Date();
  p.sex = sex_ == 0 ? 'M' : 'F';
  // The first two phones are the form's; more, kept on the card from elsewhere, stay.
  std::vector<db::Phone> phones;
  const std::string kind2 = base_ && base_->phones.size() > 1 ? base_->phones[1].kind : "home";
  if (!blank(phone_)) phones.push_back({phone_, base_ && !base_->phones.empty() ? base_->phones[0].kind : "mobile"});
  if (!blank(phone2_)) phones.push_back({phone2_, kind2});
  if (base_)
    for (size_t i = 2; i < base_->phones.size(); ++i) phones.push_back(base_->phones[i]);
  p.phones = std::move(phones);
  p.email = fold_spaces(email_);
  p.address = fold_spaces(address_);
  p.id_doc = id_doc_.typed();
  const std::string oms = digits_of(oms_), snils = digits_of(snils_);
  p.oms_enp = oms.empty() ? std::nullopt : std::optional<std::string>(oms);
  p.snils = snils.empty() ? std::nullopt : std::optional<std::string>(snils);
  p.inn = digits_of(inn_);
  p.notes = notes_;
  p.marketing_consent = marketing_;
  if (source_ >= 0 && source_ < int(sources_.size())) p.referral_source_id = sources_[size_t(source_)].id;
  return p;
}

std::string PatientDialog::problem() const {
  if (blank(surname_) || blank(name_)) return _("Type the surname and the first name.");
  if (blank(birth_)) return _("Type the date of birth.");
  if (!Date::parse_ru(birth_)) return _("Type the date of birth as 01.12.1980.");
  if (const std::string d = id_doc_.date_problem(); !d.empty()) return d;
  if (!base_ && (source_ < 0 || source_ >= int(sources_.size())))
    return _("Ask how the patient found the clinic: it is required for a new patient.");
  return {};
}

void PatientDialog::save() {
  busy_ = true;
  error_.clear();
  const db::PatientDraft draft = typed();
  const db::Actor actor = ctx_.actor();
  const int gen = generation_;
  if (base_) {
    const std::int64_t id = base_->id, seen = base_->updated_at;
    ctx_.worker.submit([this, gen, draft, actor, id, seen](db::Database& db) -> db::Worker::Continuation {
      auto st = db::update_patient(db, id, draft, actor, seen);
      return [this, gen, st, id]() {
        if (gen != generation_) return;
        busy_ = false;
        if (!st) {
          error_ = st.error().message;
          return;
        }
        open_ = false;
        if (on_saved_) on_saved_(id);
      };
    });
    return;
  }
  const bool checked = not_a_twin_;
  ctx_.worker.submit([this, gen, draft, actor, checked](db::Database& db) -> db::Worker::Continuation {
    std::vector<db::PatientSummary> twins;
    if (!checked) {
      auto found = db::possible_duplicates(db, draft);
      if (!found) return [this, gen, e = found.error().message] { if (gen == generation_) busy_ = false, error_ = e; };
      twins = std::move(*found);
    }
    if (!twins.empty())
      return [this, gen, twins = std::move(twins)]() mutable {
        if (gen != generation_) return;
        busy_ = false;
        twins_ = std::move(twins);
      };
    auto id = db::create_patient(db, draft, actor);
    return [this, gen, id]() {
      if (gen != generation_) return;
      busy_ = false;
      if (!id) {
        error_ = id.error().message;
        return;
      }
      open_ = false;
      if (on_saved_) on_saved_(*id);
    };
  });
}

// Before a second card is opened for someone who may have one: their cards, and a choice.
void PatientDialog::draw_twins() {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.96f, 0.86f, 1));
  const float rows = float(twins_.size()) + 2.4f;
  ImGui::BeginChild("twins", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * rows), true);
  ImGui::TextColored(kAmber, "%s", _("This patient may already have a card:"));
  for (const auto& t : twins_) {
    ImGui::PushID(static_cast<int>(t.id));
    const auto b = Date::parse_iso(t.birth_date);
    char card[64];
    std::snprintf(card, sizeof card, _("card No. %s"), t.card_no.c_str());
    std::string line = full_name(t.surname, t.name, t.patronymic) + ", " + (b ? b->ru() : t.birth_date) + ", " + card;
    if (!t.phone.empty()) line += ", " + format_phone(t.phone);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(line.c_str());
    ImGui::SameLine();
    if (ImGui::Button(_("Open this card"))) {
      open_ = false;
      if (on_open_) on_open_(t.id);
    }
    ImGui::PopID();
  }
  if (ImGui::Button(_("It is another person: register a new card"))) {
    not_a_twin_ = true;
    twins_.clear();
    save();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void PatientDialog::draw() {
  std::string title = base_ ? std::string(_("Patient's card")) + ": " + masked_name(base_->surname, base_->name,
                                                                                     base_->patronymic)
                            : std::string(_("New patient"));
  if (!begin_dialog("##patient", title.c_str(), open_, just_opened_, ctx_.shell, 1100.f, 820.f)) return;
  if (base_) ImGui::TextColored(kQuiet, "%s %s", _("Medical card No."), base_->card_no.c_str());
  ImGui::Separator();
  const float w = 420;
  form_label(_("Surname"), kFieldX);
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##surname", surname_, sizeof surname_);
  form_label(_("First name"), kFieldX);
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##name", name_, sizeof name_);
  form_label(_("Patronymic"), kFieldX);
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##patronymic", patronymic_, sizeof patronymic_);
  form_label(_("Sex"), kFieldX);
  // A new card: the patronymic (or the name) tells the sex until the desk chooses.
  if (!base_ && !sex_chosen_) {
    if (const char g = db::guess_sex({surname_, name_, patronymic_, 0}); g) sex_ = g == 'M' ? 0 : 1;
  }
  if (ImGui::RadioButton(_("female"), &sex_, 1)) sex_chosen_ = true;
  ImGui::SameLine();
  if (ImGui::RadioButton(_("male"), &sex_, 0)) sex_chosen_ = true;
  form_label(_("Date of birth"), kFieldX);
  ImGui::SetNextItemWidth(160);
  ImGui::InputTextWithHint("##birth", _("dd.mm.yyyy"), birth_, sizeof birth_);
  if (auto b = Date::parse_ru(birth_); b && *b <= today()) {
    const int age = age_on(*b, today());
    ImGui::SameLine();
    ImGui::TextColored(kQuiet, dngettext(RG_TEXT_DOMAIN, "%d year", "%d years", static_cast<unsigned long>(age)), age);
    if (age < 18) {
      ImGui::SameLine();
      ImGui::TextColored(kAmber, "· %s", base_ ? _("a minor") : _("a minor: add the legal representative on the card"));
    }
  }
  form_label(_("Mobile phone"), kFieldX);
  ImGui::SetNextItemWidth(220);
  ImGui::InputTextWithHint("##phone", "+7 916 123-45-67", phone_, sizeof phone_);
  ImGui::SameLine(0, 30);
  ImGui::TextUnformatted(_("Another phone"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(220);
  ImGui::InputTextWithHint("##phone2", "+7 495 123-45-67", phone2_, sizeof phone2_);
  form_label(_("E-mail"), kFieldX);
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##email", email_, sizeof email_);
  form_label(_("Address"), kFieldX);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##address", _("city, street, house, flat"), address_, sizeof address_);
  id_doc_.draw(kFieldX);
  form_label(_("OMS policy"), kFieldX);
  ImGui::SetNextItemWidth(220);
  ImGui::InputTextWithHint("##oms", _("16 digits"), oms_, sizeof oms_, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SameLine(0, 30);
  ImGui::TextUnformatted(_("SNILS"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(200);
  ImGui::InputTextWithHint("##snils", "123-456-789 01", snils_, sizeof snils_);
  form_label(_("INN"), kFieldX);
  ImGui::SetNextItemWidth(330);
  ImGui::InputTextWithHint("##inn", _("12 digits, for the tax certificate"), inn_, sizeof inn_,
                           ImGuiInputTextFlags_CharsDecimal);
  form_label(_("How they found us"), kFieldX);
  ImGui::SetNextItemWidth(w);
  const char* current =
      source_ >= 0 && source_ < int(sources_.size()) ? sources_[size_t(source_)].name.c_str() : _("Choose…");
  if (ImGui::BeginCombo("##source", current)) {
    for (size_t i = 0; i < sources_.size(); ++i)
      if (ImGui::Selectable(sources_[i].name.c_str(), int(i) == source_)) source_ = int(i);
    ImGui::EndCombo();
  }
  ImGui::SetCursorPosX(kFieldX);
  ImGui::Checkbox(_("Agrees to receive news and offers"), &marketing_);
  form_label(_("Notes"), kFieldX);
  ImGui::InputTextMultiline("##notes", notes_, sizeof notes_, ImVec2(-1, ImGui::GetTextLineHeight() * 2.8f));
  ImGui::Spacing();
  if (!twins_.empty()) draw_twins();
  const std::string missing = problem();
  if (twins_.empty() &&
      dialog_footer(error_, missing, busy_, base_ ? _("Save the changes") : _("Register the patient"), _("Saving…"))) {
    save();
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
