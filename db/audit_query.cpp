// One query per page: the filters as indexed conditions (the actor, the time, the entity), the
// patient a row is about found through the table its entity lives in, the actor's and the
// patient's names by joins. The words — the action, the object, what changed — are made here,
// once, for the screen and the CSV file alike.
#include "audit_query.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <variant>

#include "appointment_changes.h"
#include "day_list.h"
#include "document_data.h"
#include "files.h"
#include "i18n.h"
#include "payments.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

// ---- kinds --------------------------------------------------------------------------------

struct KindInfo {
  AuditKind kind;
  const char* title;
  std::initializer_list<const char*> prefixes;
};
const KindInfo kKinds[] = {
    {AuditKind::All, N_("All actions"), {}},
    {AuditKind::Patients, N_("Patient cards"), {"patient", "patient_person", "import.patients"}},
    {AuditKind::Appointments, N_("Appointments and visits"), {"appointment", "waiting", "task", "absence"}},
    {AuditKind::Cash, N_("Payments and the till"), {"payment", "invoice", "shift", "dms", "payer_company"}},
    {AuditKind::Documents, N_("Documents and exports"), {"document", "name_form", "export"}},
    {AuditKind::Staff, N_("Staff and permissions"), {"staff", "permission"}},
    {AuditKind::SignIns, N_("Sign-ins"), {"session", "kiosk"}},
    {AuditKind::Settings, N_("Settings"), {"setting", "clinic"}},
};

const KindInfo& kind_info(AuditKind k) {
  for (const auto& i : kKinds)
    if (i.kind == k) return i;
  return kKinds[0];
}

// ---- actions in words ---------------------------------------------------------------------

// Every action id the core and auth/ write (grep append_audit), and the ones this journal adds.
const std::map<std::string_view, const char*>& action_titles() {
  static const std::map<std::string_view, const char*> m = {
      // patient cards
      {"patient.create", N_("Patient card created")},
      {"patient.update", N_("Patient card edited")},
      {"patient.view", N_("Patient card opened")},
      {"patient.payer_link", N_("Payer linked to the patient")},
      {"patient_person.add", N_("Representative or trusted person added")},
      {"patient_person.change", N_("Representative or trusted person edited")},
      {"patient_person.remove", N_("Representative or trusted person removed")},
      {"import.patients", N_("Patient base imported from a file")},
      // appointments and visits
      {"appointment.book", N_("Appointment booked")},
      {"appointment.book_chain", N_("Several appointments booked in a row")},
      {"appointment.status", N_("Appointment status changed")},
      {"appointment.cancel", N_("Appointment cancelled")},
      {"appointment.move", N_("Appointment moved")},
      {"appointment.checkin", N_("Patient checked in")},
      {"appointment.call_in", N_("Patient called in to the doctor")},
      {"appointment.no_show", N_("No-show marked")},
      {"appointment.undo_status", N_("Status mark taken back")},
      {"appointment.close_open", N_("Visit left open closed")},
      {"waiting.add", N_("Added to the waiting list")},
      {"waiting.remove", N_("Removed from the waiting list")},
      {"waiting.booked", N_("Booked from the waiting list")},
      {"task.done", N_("Call task done")},
      {"task.drop", N_("Call task dropped")},
      {"absence.add", N_("Doctor's absence entered")},
      {"absence.withdraw", N_("Doctor's absence withdrawn")},
      // money
      {"invoice.create", N_("Invoice made out")},
      {"invoice.line_discount", N_("Discount on an invoice line")},
      {"invoice.discount", N_("Discount on an invoice")},
      {"invoice.quantity", N_("Quantity in an invoice changed")},
      {"invoice.cancel", N_("Invoice cancelled")},
      {"dms.letter_add", N_("DMS guarantee letter entered")},
      {"payer_company.add", N_("Paying company added")},
      {"payer_company.change", N_("Paying company edited")},
      {"payment.intent", N_("Payment started")},
      {"payment.registered", N_("Receipt registered by the till")},
      {"payment.cancelled", N_("Unsent receipt cancelled")},
      {"shift.open", N_("Till shift opened")},
      {"shift.close", N_("Till shift closed")},
      {"shift.cash_in", N_("Cash put into the till")},
      {"shift.cash_out", N_("Cash taken from the till")},
      // documents and exports
      {"document.print", N_("Document printed")},
      {"document.reprint", N_("Document printed again")},
      {"name_form.store", N_("Declension of a name confirmed")},
      {"export.day_list", N_("Day list saved to a file")},
      {"export.audit", N_("Audit journal saved to a file")},
      // staff and permissions
      {"staff.create", N_("Staff account created")},
      {"staff.update", N_("Staff account edited")},
      {"staff.block", N_("Staff account blocked")},
      {"staff.unblock", N_("Staff account unblocked")},
      {"staff.password_change", N_("Own password changed")},
      {"staff.password_reset", N_("Password reset")},
      {"staff.pin_set", N_("PIN set")},
      {"staff.pin_remove", N_("PIN removed")},
      {"permission.grant", N_("Permission granted to a role")},
      {"permission.revoke", N_("Permission taken from a role")},
      // sign-ins
      {"session.start", N_("Signed in")},
      {"kiosk.exit", N_("Kiosk mode left")},
      {"appointment.ticket_reprint", N_("Queue ticket printed again at the kiosk")},
      // settings
      {"setting.change", N_("Setting changed")},
      {"clinic.save", N_("Clinic's details saved")},
      {"clinic.requisites", N_("Clinic's requisites changed")},
      {"clinic.create", N_("Clinic created at the first run")},
      {"backup.take", N_("Backup copy made")},
      {"setup.skip", N_("Setup step left for later")},
      {"setup.unskip", N_("Setup step taken up again")},
      // the clinic's setup: rooms, doctors, schedules, the price list
      {"room.create", N_("Room added")},
      {"room.update", N_("Room edited")},
      {"room.activate", N_("Room made active")},
      {"room.deactivate", N_("Room made inactive")},
      {"doctor.create", N_("Doctor added")},
      {"doctor.update", N_("Doctor edited")},
      {"doctor.activate", N_("Doctor works again")},
      {"doctor.deactivate", N_("Doctor has left the clinic")},
      {"specialty.create", N_("Specialty added")},
      {"specialty.rename", N_("Specialty renamed")},
      {"schedule.pattern", N_("Doctor's working pattern changed")},
      {"schedule.day", N_("Doctor's hours on a date changed")},
      {"schedule.published_until", N_("Schedule published up to a date")},
      {"service.create", N_("Service added to the price list")},
      {"service.update", N_("Service edited")},
      {"service.price", N_("New price from a date")},
      {"service.activate", N_("Service made active")},
      {"service.deactivate", N_("Service made inactive")},
      {"export.prices", N_("Price list saved to a file")},
      {"import.prices", N_("Price list imported from a file")},
  };
  return m;
}

std::optional<std::string_view> get(const AuditDetails& d, std::string_view key) {
  for (const auto& [k, v] : d)
    if (k == key) return std::string_view(v);
  return std::nullopt;
}

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string number_text(std::int64_t id) { return format_text(_("No. %lld"), static_cast<long long>(id)); }

// ---- JSON ---------------------------------------------------------------------------------


struct JsonReader {
  std::string_view s;
  size_t i = 0;

  void skip_ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  bool eat(char c) {
    skip_ws();
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  std::optional<std::uint32_t> hex4() {
    if (i + 4 > s.size()) return std::nullopt;
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s[i++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= std::uint32_t(c - '0');
      else if (c >= 'a' && c <= 'f') v |= std::uint32_t(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= std::uint32_t(c - 'A' + 10);
      else return std::nullopt;
    }
    return v;
  }
  // After the opening quote.
  std::optional<std::string> string_body() {
    std::string out;
    while (i < s.size()) {
      char c = s[i++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i >= s.size()) return std::nullopt;
      switch (char e = s[i++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          auto cp = hex4();
          if (!cp) return std::nullopt;
          if (*cp >= 0xD800 && *cp < 0xDC00) {  // a high surrogate: its low half must follow
            if (i + 2 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
              i += 2;
              auto lo = hex4();
              if (!lo) return std::nullopt;
              if (*lo >= 0xDC00 && *lo < 0xE000) {
                append_utf8(out, 0x10000 + ((*cp - 0xD800) << 10) + (*lo - 0xDC00));
                break;
              }
              append_utf8(out, 0xFFFD);
              append_utf8(out, *lo >= 0xD800 && *lo < 0xE000 ? 0xFFFD : *lo);
              break;
            }
            append_utf8(out, 0xFFFD);
          } else if (*cp >= 0xDC00 && *cp < 0xE000) {
            append_utf8(out, 0xFFFD);  // a lone low surrogate
          } else {
            append_utf8(out, *cp);
          }
          break;
        }
        default: (void)e; return std::nullopt;
      }
    }
    return std::nullopt;  // no closing quote
  }
  // A value that is not a string: its JSON text, up to the comma or brace that ends it.
  std::optional<std::string> raw_value() {
    skip_ws();
    const size_t start = i;
    int depth = 0;
    bool in_string = false;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (in_string) {
        if (c == '\\') ++i;
        else if (c == '"') in_string = false;
        continue;
      }
      if (c == '"') in_string = true;
      else if (c == '[' || c == '{') ++depth;
      else if (c == ']' || c == '}') {
        if (depth == 0) break;
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    if (depth != 0 || in_string) return std::nullopt;
    std::string_view v = s.substr(start, i - start);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' || v.back() == '\r'))
      v.remove_suffix(1);
    if (v.empty()) return std::nullopt;
    return std::string(v);
  }
};

// ---- details in words ---------------------------------------------------------------------

std::string dash_if_empty(std::string_view v) { return v.empty() ? std::string("—") : std::string(v); }

// Both sides of "a → b", each put through `f`.
template <class F>
std::string map_change(std::string_view value, F f) {
  static constexpr std::string_view kArrow = " → ";
  auto at = value.find(kArrow);
  if (at == std::string_view::npos) return f(value);
  return dash_if_empty(f(value.substr(0, at))) + " → " + dash_if_empty(f(value.substr(at + kArrow.size())));
}

// Each of a comma-separated list put through `f`, joined with ", ".
template <class F>
std::string map_list(std::string_view value, F f) {
  std::string out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = value.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out += (out.empty() ? "" : ", ") + f(item);
    start = end + 1;
  }
  return out;
}

// "[1,2,3]" → "1,2,3": the id lists the core writes.
std::string_view unbracketed(std::string_view v) {
  if (v.size() >= 2 && v.front() == '[' && v.back() == ']') return v.substr(1, v.size() - 2);
  return v;
}

std::string role_words(std::string_view id) {
  auto r = role_from_db(id);
  return r ? role_title(*r) : std::string(id);
}

std::string permission_words(std::string_view id) {
  auto p = permission_from_db(id);
  return p ? permission_title(*p) : std::string(id);
}

std::string status_words(std::string_view id) {
  auto s = status_from_db(id);
  return s ? std::string(status_name(*s)) : std::string(id);
}

std::string patient_field_words(std::string_view f) {
  static const std::map<std::string_view, const char*> m = {
      {"surname", N_("surname")},
      {"name", N_("first name")},
      {"patronymic", N_("patronymic")},
      {"birth_date", N_("date of birth")},
      {"sex", N_("sex")},
      {"phones", N_("phones")},
      {"email", N_("e-mail")},
      {"address", N_("address")},
      {"id_doc", N_("identity document")},
      {"oms_enp", N_("OMS policy number")},
      {"snils", N_("SNILS")},
      {"referral_source", N_("how they heard of us")},
      {"marketing_consent", N_("consent to advertising")},
      {"notes", N_("notes")},
      {"inn", N_("INN")},
  };
  auto it = m.find(f);
  return it != m.end() ? std::string(_(it->second)) : std::string(f);
}

std::string money_words(std::string_view v) {
  auto k = to_int(v);
  return k ? rubles(*k) + " ₽" : std::string(v);
}

std::string percent_words(std::string_view v) {
  auto bp = to_int(v);
  if (!bp) return std::string(v);
  std::string s = std::to_string(*bp / 100);
  if (std::int64_t frac = *bp % 100; frac != 0) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(frac < 0 ? -frac : frac));
    std::string f = buf;
    if (f.back() == '0') f.pop_back();
    s += "," + f;
  }
  return s + " %";
}

std::string when_words(std::string_view unix_seconds) {
  auto t = to_int(unix_seconds);
  if (!t) return std::string(unix_seconds);
  LocalTime l = to_local(*t);
  return l.date.ru() + " " + hhmm(l.minutes);
}

std::string date_words(std::string_view iso) {
  auto d = Date::parse_iso(iso);
  return d ? d->ru() : std::string(iso);
}

// The document's name as the documents screen says it (the same messages).
std::string document_words(std::string_view kind) {
  static const std::map<std::string_view, const char*> m = {
      {"contract", N_("Contract for paid services")},
      {"consent", N_("Informed consent")},
      {"refusal", N_("Refusal of intervention")},
      {"personal_data_consent", N_("Personal data consent")},
      {"stat_coupon", N_("Statistical coupon 025-1/u")},
      {"appointment_slip", N_("Appointment slip")},
      {"services_act", N_("Act of services rendered")},
      {"tax_certificate", N_("Tax deduction certificate")},
  };
  auto it = m.find(kind);
  return it != m.end() ? std::string(_(it->second)) : std::string(kind);
}

std::string yes_no(std::string_view v) { return v == "1" || v == "true" ? _("yes") : _("no"); }

std::string channel_words(std::string_view ch) {
  if (ch == "kiosk") return _("booked at the kiosk");
  if (ch == "website") return _("booked on the website");
  if (ch == "walk_in") return _("booked at the desk in person");
  if (ch == "phone") return _("booked by phone");
  return _("booked at the desk");
}

// The labels of the keys the core writes.
const char* key_label(std::string_view action, std::string_view key) {
  static const std::map<std::string_view, const char*> m = {
      {"login", N_("Login")},
      {"full_name", N_("Full name")},
      {"position", N_("Position")},
      {"roles", N_("Roles")},
      {"doctor_id", N_("Doctor")},
      {"reason", N_("Reason")},
      {"why", N_("Reason")},
      {"relation", N_("Relation to the patient")},
      {"representative", N_("Legal representative")},
      {"informed", N_("May be told about the patient's health")},
      {"payer", N_("Payer")},
      {"total", N_("Amount")},
      {"amount", N_("Amount")},
      {"float", N_("Change float")},
      {"counted", N_("Counted")},
      {"expected", N_("Expected by the records")},
      {"handed_over", N_("Handed over at closing")},
      {"limit", N_("Limit")},
      {"credit", N_("On credit")},
      {"ref", N_("Payment ref")},
      {"fiscal_number", N_("Fiscal document No.")},
      {"fiscal_sign", N_("Fiscal sign")},
      {"patient_invoice", N_("Patient's invoice")},
      {"insurer_invoice", N_("Insurer's invoice")},
      {"line", N_("Invoice line")},
      {"bp", N_("Discount")},
      {"quantity", N_("Quantity")},
      {"approved_by", N_("Approved by")},
      {"number", N_("Number")},
      {"template", N_("Template")},
      {"copies", N_("Copies")},
      {"inn", N_("INN")},
      {"case", N_("Case")},
      {"nominative", N_("Nominative")},
      {"form", N_("Form")},
      {"task", N_("Call task")},
      {"appointments", N_("Appointments")},
      {"doctors", N_("Doctors")},
      {"appointment_id", N_("Appointment")},
      {"waiting_list", N_("From the waiting list")},
      {"start_at", N_("Time")},
      {"past_reason", N_("Why after the fact")},
      {"queue", N_("Queue number")},
      {"override", N_("Checked in despite the rules")},
      {"method", N_("Signed in with")},
      {"kiosk", N_("Kiosk")},
      {"file", N_("File")},
      {"rows", N_("Rows")},
      {"imported", N_("Imported")},
      {"merged", N_("Merged into existing cards")},
      {"skipped", N_("Skipped")},
      {"day", N_("Day")},
      {"period", N_("Period")},
      {"person", N_("Person")},
      {"patient", N_("Patient")},
      {"actions", N_("Actions")},
      {"kind", N_("Kind")},
      {"role", N_("Role")},
      {"permission", N_("Permission")},
      {"from", N_("From")},
      {"to", N_("To")},
  };
  if (key == "name")
    return action.starts_with("patient") ? _("Full name") : _("Name");
  auto it = m.find(key);
  return it != m.end() ? _(it->second) : nullptr;
}

// ---- the query ----------------------------------------------------------------------------

using Param = std::variant<std::int64_t, std::string>;

struct Where {
  std::string sql;
  std::vector<Param> params;
  std::string add(Param p) {
    params.push_back(std::move(p));
    return "?" + std::to_string(params.size());
  }
};

// The patient a row is about, through the table its entity lives in.
constexpr const char* kPatientOf =
    "CASE al.entity "
    "WHEN 'patient' THEN al.entity_id "
    "WHEN 'appointment' THEN (SELECT patient_id FROM appointments WHERE id = al.entity_id) "
    "WHEN 'invoice' THEN (SELECT patient_id FROM invoices WHERE id = al.entity_id) "
    "WHEN 'payment' THEN (SELECT patient_id FROM payments WHERE id = al.entity_id) "
    "WHEN 'printed_document' THEN (SELECT patient_id FROM printed_documents WHERE id = al.entity_id) "
    "WHEN 'patient_person' THEN (SELECT patient_id FROM patient_persons WHERE id = al.entity_id) "
    "WHEN 'waiting_list' THEN (SELECT patient_id FROM waiting_list WHERE id = al.entity_id) "
    "WHEN 'task' THEN (SELECT patient_id FROM tasks WHERE id = al.entity_id) "
    "WHEN 'guarantee_letter' THEN (SELECT patient_id FROM guarantee_letters WHERE id = al.entity_id) "
    "END";

Where where_of(const AuditFilter& f) {
  Where w;
  w.sql = " WHERE 1";
  if (f.user_id) w.sql += " AND al.actor = " + w.add("user:" + std::to_string(*f.user_id));
  if (f.from) w.sql += " AND al.at_ms >= " + w.add(to_unix(*f.from, 0) * 1000);
  if (f.to) w.sql += " AND al.at_ms < " + w.add(to_unix(f.to->plus_days(1), 0) * 1000);
  if (f.patient_id) {
    // Each branch indexed lookups: the card itself, then the patient's things (few) and their rows
    // (CROSS JOIN keeps that order whatever the statistics say: a long log must not be scanned).
    const std::string p = w.add(*f.patient_id);
    auto via = [&p](const char* entity, const char* table) {
      return std::string(" UNION ALL SELECT a.id FROM ") + table + " t CROSS JOIN audit_log a ON a.entity = '" +
             entity + "' AND a.entity_id = t.id WHERE t.patient_id = " + p;
    };
    w.sql += " AND al.id IN (SELECT id FROM audit_log WHERE entity = 'patient' AND entity_id = " + p +
             via("appointment", "appointments") + via("invoice", "invoices") + via("payment", "payments") +
             via("printed_document", "printed_documents") + via("patient_person", "patient_persons") +
             via("waiting_list", "waiting_list") + via("task", "tasks") +
             via("guarantee_letter", "guarantee_letters") + ")";
  }
  if (!f.action_prefixes.empty()) {
    std::string any;
    for (const auto& prefix : f.action_prefixes) {
      const std::string p = w.add(prefix);
      any += (any.empty() ? "" : " OR ") + ("al.action = " + p) + " OR substr(al.action, 1, length(" + p +
             ") + 1) = " + p + " || '.'";
    }
    w.sql += " AND (" + any + ")";
  }
  return w;
}

void bind_params(Statement& st, const std::vector<Param>& params) {
  for (size_t i = 0; i < params.size(); ++i)
    std::visit([&](const auto& v) { st.bind(int(i + 1), v); }, params[i]);
}

// Names for the ids the details and the objects carry, one small query each.
struct Names {
  Database& db;
  std::string user(std::int64_t id) {
    auto st = db.cached("SELECT full_name FROM users WHERE id = ?1");
    if (!st) return {};
    (*st)->bind(1, id);
    auto row = (*st)->step();
    std::string out = row && *row ? (*st)->col_text(0) : std::string();
    (*st)->reset();
    return out;
  }
  std::string patient(std::int64_t id) {
    auto st = db.cached("SELECT surname, name, patronymic, card_no FROM patients WHERE id = ?1");
    if (!st) return {};
    (*st)->bind(1, id);
    auto row = (*st)->step();
    std::string out;
    if (row && *row)
      out = format_text(_("%s (card %s)"),
                        masked_name((*st)->col_view(0), (*st)->col_view(1), (*st)->col_view(2)).c_str(),
                        (*st)->col_text(3).c_str());
    (*st)->reset();
    return out;
  }
  std::string doctor(std::int64_t id) {
    auto st = db.cached("SELECT surname, name, patronymic FROM doctors WHERE id = ?1");
    if (!st) return {};
    (*st)->bind(1, id);
    auto row = (*st)->step();
    std::string out = row && *row ? masked_name((*st)->col_view(0), (*st)->col_view(1), (*st)->col_view(2))
                                  : std::string();
    (*st)->reset();
    return out;
  }
  std::string company(std::int64_t id) {
    auto st = db.cached("SELECT name FROM payer_companies WHERE id = ?1");
    if (!st) return {};
    (*st)->bind(1, id);
    auto row = (*st)->step();
    std::string out = row && *row ? (*st)->col_text(0) : std::string();
    (*st)->reset();
    return out;
  }
  AuditNameLookup lookup() {
    return [this](std::string_view what, std::int64_t id) -> std::string {
      if (what == "user") return user(id);
      if (what == "patient") return patient(id);
      if (what == "doctor") return doctor(id);
      return {};
    };
  }
};

std::string person_of(std::string_view actor, std::optional<std::int64_t> uid, const std::optional<std::string>& name) {
  if (uid) return name ? *name : format_text(_("staff member No. %lld"), static_cast<long long>(*uid));
  if (actor.starts_with("kiosk:")) return std::string(_("kiosk")) + " " + std::string(actor.substr(6));
  if (actor.starts_with("system:")) return format_text(_("the system (%s)"), std::string(actor.substr(7)).c_str());
  if (actor == "system") return _("the system");
  if (actor.starts_with("desk:")) return _("nobody signed in");
  return std::string(actor);
}

// What the row is about, apart from its patient.
std::string entity_words(const AuditRow& r, const AuditDetails& d, Names& names) {
  const std::string_view e = r.entity;
  const std::int64_t id = r.entity_id.value_or(0);
  auto numbered = [&](const char* fmt) {
    return r.entity_id ? format_text(fmt, static_cast<long long>(id)) : std::string();
  };
  if (e == "patient") return {};
  if (e == "appointment") return numbered(_("Appointment No. %lld"));
  if (e == "invoice") return numbered(_("Invoice No. %lld"));
  if (e == "payment") return numbered(_("Payment No. %lld"));
  if (e == "printed_document") return numbered(_("Document No. %lld"));
  if (e == "patient_person") return numbered(_("Related person No. %lld"));
  if (e == "waiting_list") return numbered(_("Waiting list entry No. %lld"));
  if (e == "task") return numbered(_("Call task No. %lld"));
  if (e == "guarantee_letter") return numbered(_("Guarantee letter No. %lld"));
  if (e == "cash_shift") return numbered(_("Till shift No. %lld"));
  if (e == "absence") return numbered(_("Doctor's absence No. %lld"));
  if (e == "user") {
    std::string n = r.entity_id ? names.user(id) : std::string();
    return n.empty() ? numbered(_("staff member No. %lld")) : n;
  }
  if (e == "doctor") {
    std::string n = r.entity_id ? names.doctor(id) : std::string();
    return n.empty() ? numbered(_("Doctor No. %lld")) : n;
  }
  if (e == "payer_company") {
    std::string n = r.entity_id ? names.company(id) : std::string();
    return n.empty() ? numbered(_("Company No. %lld")) : n;
  }
  if (e == "role") {
    auto role = get(d, "role");
    return role ? format_text(_("Role: %s"), role_words(*role).c_str()) : std::string();
  }
  if (e == "setting") return std::string(get(d, "key").value_or(""));
  if (e == "clinic") return _("The clinic");
  if (e == "kiosk") {
    auto k = get(d, "kiosk");
    return k ? std::string(_("kiosk")) + " " + std::string(*k) : std::string();
  }
  if (e == "name_form") return std::string(get(d, "nominative").value_or(""));
  if (e == "export" || e == "import") {
    auto file = get(d, "file");
    return file ? std::filesystem::path(std::string(*file)).filename().string() : std::string();
  }
  if (e == "session") return {};
  return r.entity_id ? std::string(e) + " " + number_text(id) : std::string(e);
}

// An export's filter of actions: the kind it is, in words, else the prefixes as they are.
std::string actions_words(std::string_view prefixes) {
  for (const auto& k : kKinds) {
    std::string joined;
    for (const char* p : k.prefixes) joined += (joined.empty() ? "" : ",") + std::string(p);
    if (!joined.empty() && joined == prefixes) return _(k.title);
  }
  return std::string(prefixes);
}

}  // namespace

// ---- public -------------------------------------------------------------------------------

std::string audit_kind_title(AuditKind k) { return _(kind_info(k).title); }

std::vector<std::string> audit_kind_prefixes(AuditKind k) {
  std::vector<std::string> out;
  for (const char* p : kind_info(k).prefixes) out.emplace_back(p);
  return out;
}

std::string audit_action_title(std::string_view action, const AuditDetails& details) {
  if (action == "payment.intent") {
    auto kind = get(details, "kind");
    if (kind == "refund") return _("Refund started");
    if (kind == "deposit") return _("Advance payment started");
    if (kind == "deposit_refund") return _("Refund from the personal account started");
  }
  const auto& m = action_titles();
  auto it = m.find(action);
  return it != m.end() ? std::string(_(it->second)) : std::string(action);
}

std::optional<AuditDetails> parse_audit_details(std::string_view json) {
  JsonReader r{json};
  AuditDetails out;
  if (!r.eat('{')) return std::nullopt;
  if (r.eat('}')) {
    r.skip_ws();
    return r.i == json.size() ? std::optional(out) : std::nullopt;
  }
  for (;;) {
    if (!r.eat('"')) return std::nullopt;
    auto key = r.string_body();
    if (!key || !r.eat(':')) return std::nullopt;
    std::optional<std::string> value;
    if (r.eat('"')) value = r.string_body();
    else value = r.raw_value();
    if (!value) return std::nullopt;
    out.emplace_back(std::move(*key), std::move(*value));
    if (r.eat(',')) continue;
    if (r.eat('}')) break;
    return std::nullopt;
  }
  r.skip_ws();
  if (r.i != json.size()) return std::nullopt;
  return out;
}

std::string audit_details_text(std::string_view action, std::string_view json, const AuditNameLookup& names) {
  auto parsed = parse_audit_details(json);
  if (!parsed) return std::string(json);
  const AuditDetails& d = *parsed;
  auto name_of = [&](std::string_view what, std::string_view id_text, std::string (*fallback)(std::int64_t)) {
    auto id = to_int(id_text);
    if (!id) return std::string(id_text);
    std::string n = names ? names(what, *id) : std::string();
    return n.empty() ? fallback(*id) : n;
  };
  auto user_name = [&](std::string_view v) { return name_of("user", v, number_text); };
  auto patient_name = [&](std::string_view v) { return name_of("patient", v, number_text); };
  auto doctor_name = [&](std::string_view v) { return name_of("doctor", v, number_text); };

  std::vector<std::string> lines;
  std::vector<std::string_view> done;
  auto line = [&](const std::string& label, const std::string& value) {
    lines.push_back(label.empty() ? value : label + ": " + value);
  };
  auto mark = [&](std::initializer_list<std::string_view> keys) { done.insert(done.end(), keys); };
  auto handled = [&](std::string_view k) { return std::find(done.begin(), done.end(), k) != done.end(); };

  // Pairs first: they read as one change.
  if (auto before = get(d, "before"), after = get(d, "after"); before && after) {
    // setting.change names the setting as its object: here only the change of its value.
    auto key = get(d, "key");
    line(key && action != "setting.change" ? std::string(*key) : std::string(_("Value")),
         dash_if_empty(*before) + " → " + dash_if_empty(*after));
    mark({"key", "before", "after"});
  }
  const bool appointment = action.starts_with("appointment.");
  if (auto from = get(d, "from"); appointment && from && status_from_db(*from)) {
    auto to = get(d, "to");
    std::string target = to ? status_words(*to) : action == "appointment.cancel" ? status_words("cancelled") : "";
    line(_("Status"), status_words(*from) + (target.empty() ? "" : " → " + target));
    mark({"from", "to"});
  }
  if (action == "absence.add") {
    if (auto from = get(d, "from"), to = get(d, "to"); from && to) {
      line(_("Period"), date_words(*from) + " – " + date_words(*to));
      mark({"from", "to"});
    }
  }
  if (auto a = get(d, "from_doctor"), b = get(d, "to_doctor"); a && b) {
    if (*a != *b) line(_("Doctor"), doctor_name(*a) + " → " + doctor_name(*b));
    mark({"from_doctor", "to_doctor"});
  }
  if (auto a = get(d, "from_start"), b = get(d, "to_start"); a && b) {
    if (*a != *b) line(_("Time"), when_words(*a) + " → " + when_words(*b));
    mark({"from_start", "to_start"});
  }
  // Noise for a reader: the row's own patient is the object; the PDF's hash is for reprints.
  mark({"patient_id", "pdf_sha256"});
  if (action.starts_with("permission.")) mark({"role"});  // the role is the object

  for (const auto& [key, value] : d) {
    if (handled(key)) continue;
    if (value.empty() || (key == "credit" && value == "0")) continue;  // nothing to say
    const char* label = key_label(action, key);
    const std::string l = label ? std::string(label) : key;
    if (key == "fields" && action == "patient.update") line(_("Changed"), map_list(value, patient_field_words));
    else if (key == "roles") line(l, map_change(value, [](std::string_view s) { return map_list(s, role_words); }));
    else if (key == "role") line(l, role_words(value));
    else if (key == "permission") line(l, permission_words(value));
    else if (key == "doctor_id") line(l, map_change(value, doctor_name));
    else if (key == "approved_by" || key == "person") line(l, user_name(value));
    else if (key == "payer" || key == "patient") line(l, patient_name(value));
    else if (key == "doctors") line(l, map_list(unbracketed(value), doctor_name));
    else if (key == "appointments") line(l, map_list(unbracketed(value), [](std::string_view s) { return std::string(s); }));
    else if (key == "actions") line(l, actions_words(value));
    else if (key == "start_at") line(l, when_words(value));
    else if (key == "day") line(l, date_words(value));
    else if (key == "channel") line({}, channel_words(value));
    else if (key == "kind" && action.starts_with("document.")) line(_("Document"), document_words(value));
    else if (key == "template" && action.starts_with("document.")) {
      // "contract v3": the version is what tells two prints of one document apart.
      const auto v = value.rfind(" v");
      line(_("Template version"), v != std::string::npos ? value.substr(v + 2) : value);
    } else if (key == "kind" && action.starts_with("payment.")) {
      auto k = std::string_view(value);
      line(l, k == "invoice" ? _("payment") : k == "refund" ? _("refund") : k == "deposit" ? _("deposit")
              : k == "deposit_refund" ? _("account refund") : value);
    } else if (key == "total" || key == "amount" || key == "float" || key == "counted" || key == "expected" ||
               key == "handed_over" || key == "limit" || key == "credit")
      line(l, money_words(value));
    else if (key == "bp") line(l, percent_words(value));
    else if (key == "method") line(l, value == "pin" ? _("PIN") : value == "password" ? _("password") : value);
    else if (key == "representative" || key == "informed") line(l, yes_no(value));
    else line(l, value);
  }
  std::string out;
  for (const auto& s : lines) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::string audit_workplace(std::string_view place) {
  if (place.starts_with("desk:")) return std::string(place.substr(5));
  if (place.starts_with("kiosk:")) return std::string(_("kiosk")) + " " + std::string(place.substr(6));
  return std::string(place);
}

Result<std::vector<AuditRow>> read_audit(Database& db, const AuditFilter& filter, const Actor& reader) {
  RG_TRY(require(db, reader, Permission::AuditView));
  Where w = where_of(filter);
  const std::string limit = w.add(std::int64_t(filter.limit < 0 ? -1 : filter.limit));
  const std::string offset = w.add(std::int64_t(std::max(0, filter.offset)));
  const std::string sql =
      "SELECT x.id, x.at_ms, x.actor, x.action, x.entity, x.entity_id, x.details, x.place, x.uid, u.full_name, "
      "x.pid, p.surname, p.name, p.patronymic, p.card_no FROM ("
      "SELECT al.id, al.at_ms, al.actor, al.action, al.entity, al.entity_id, al.details, al.place, "
      "CASE WHEN al.actor GLOB 'user:[0-9]*' THEN CAST(substr(al.actor, 6) AS INTEGER) END AS uid, " +
      std::string(kPatientOf) + " AS pid FROM audit_log al" + w.sql +
      " ORDER BY al.at_ms DESC, al.id DESC LIMIT " + limit + " OFFSET " + offset +
      ") x LEFT JOIN users u ON u.id = x.uid LEFT JOIN patients p ON p.id = x.pid "
      "ORDER BY x.at_ms DESC, x.id DESC";
  RG_TRY_ASSIGN(auto st, db.prepare(sql));
  bind_params(st, w.params);
  std::vector<AuditRow> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st.step());
    if (!row) break;
    AuditRow r;
    r.id = st.col_int(0);
    r.at_ms = st.col_int(1);
    r.actor = st.col_text(2);
    r.action = st.col_text(3);
    r.entity = st.col_text(4);
    r.entity_id = st.col_opt_int(5);
    r.details = st.col_text(6);
    r.place = st.col_text(7);
    r.user_id = st.col_opt_int(8);
    r.person = person_of(r.actor, r.user_id, st.col_opt_text(9));
    r.person_short = r.user_id && !st.is_null(9) ? masked_full_name(st.col_view(9)) : r.person;
    r.workplace = audit_workplace(r.place);
    if (!st.is_null(11)) {
      r.patient_id = st.col_opt_int(10);
      r.patient_name = masked_name(st.col_view(11), st.col_view(12), st.col_view(13));
      r.patient_card = st.col_text(14);
    }
    out.push_back(std::move(r));
  }
  // The words, with names looked up for the ids the details carry.
  Names names{db};
  const AuditNameLookup lookup = names.lookup();
  for (AuditRow& r : out) {
    const AuditDetails d = parse_audit_details(r.details).value_or(AuditDetails{});
    r.what = audit_action_title(r.action, d);
    r.changes = audit_details_text(r.action, r.details, lookup);
    std::string thing = entity_words(r, d, names);
    std::string who = r.patient_id ? format_text(_("%s (card %s)"), r.patient_name.c_str(), r.patient_card.c_str())
                                   : std::string();
    r.object = thing.empty() ? who : who.empty() ? thing : thing + " · " + who;
  }
  return out;
}

Result<std::int64_t> count_audit(Database& db, const AuditFilter& filter, const Actor& reader) {
  RG_TRY(require(db, reader, Permission::AuditView));
  Where w = where_of(filter);
  RG_TRY_ASSIGN(auto st, db.prepare("SELECT count(*) FROM audit_log al" + w.sql));
  bind_params(st, w.params);
  RG_TRY_ASSIGN(bool row, st.step());
  return row ? st.col_int(0) : 0;
}

std::string audit_time(std::int64_t at_ms) {
  const std::int64_t s = at_ms >= 0 ? at_ms / 1000 : -((-at_ms + 999) / 1000);
  LocalTime l = to_local(s);
  char sec[4];
  std::snprintf(sec, sizeof sec, ":%02d", int(((s % 60) + 60) % 60));
  return l.date.ru() + " " + hhmm(l.minutes) + sec;
}

std::string audit_csv(const std::vector<AuditRow>& rows) {
  std::string out = kCsvBom;
  auto line = [&out](std::initializer_list<std::string_view> fields) { csv_line(out, fields); };
  line({_("Time"), _("Person"), _("Workplace"), _("Action"), _("Object"), _("What changed"), _("Action code"),
        _("Details as stored")});
  for (const auto& r : rows)
    line({audit_time(r.at_ms), r.person, r.workplace, r.what, r.object, r.changes, r.action, r.details});
  return out;
}

Result<std::int64_t> export_audit(Database& db, const AuditFilter& filter, const std::string& path,
                                  const Actor& reader) {
  // Read (and checked) before the write transaction: a long period must not hold other desks'
  // writes while it is read and put into words.
  AuditFilter all = filter;
  all.limit = -1;
  all.offset = 0;
  RG_TRY_ASSIGN(auto rows, read_audit(db, all, reader));
  const std::string csv = audit_csv(rows);
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, reader, Permission::AuditView));
  AuditDetails details{{"file", path}, {"rows", std::to_string(rows.size())}};
  if (filter.from || filter.to)
    details.push_back({"period", (filter.from ? filter.from->ru() : std::string("…")) + " – " +
                                     (filter.to ? filter.to->ru() : std::string("…"))});
  if (filter.user_id) details.push_back({"person", std::to_string(*filter.user_id)});
  if (filter.patient_id) details.push_back({"patient", std::to_string(*filter.patient_id)});
  if (!filter.action_prefixes.empty()) {
    std::string a;
    for (const auto& p : filter.action_prefixes) a += (a.empty() ? "" : ",") + p;
    details.push_back({"actions", a});
  }
  RG_TRY(append_audit(db, reader, "export.audit", "export", std::nullopt, details));
  // The file last: when it cannot be written, the transaction rolls back and the log says nothing.
  RG_TRY(write_export_and_commit(tx, path, csv));
  return std::int64_t(rows.size());
}

}  // namespace rg::db
