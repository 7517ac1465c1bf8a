// The manager's price list: services and their price rows, each change in its own transaction
// with PricesEdit checked first and an audit row saying what it was and what it became.
#include "price_edit.h"

#include <regex>

#include <algorithm>
#include <map>

#include "document_data.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

using namespace price_edit_detail;

namespace {

ServiceDraft tidy(const ServiceDraft& d) {
  ServiceDraft t = d;
  t.code = normalize_service_code(d.code);
  t.name = fold_spaces(d.name);
  t.short_name = fold_spaces(d.short_name);
  t.category = fold_spaces(d.category);
  return t;
}

std::string price_or_dash(const std::optional<PriceRow>& p) { return p ? rubles_text(p->price) : "—"; }

Result<std::string> specialty_name(Database& db, std::optional<std::int64_t> id) {
  if (!id) return std::string();
  RG_TRY_ASSIGN(auto st, db.cached("SELECT name FROM specialties WHERE id = ?1"));
  st->bind(1, *id);
  RG_TRY_ASSIGN(bool found, st->step());
  return found ? st->col_text(0) : std::string();
}

Result<std::vector<ServiceCard>> read_cards(Database& db, std::optional<std::int64_t> only, std::int64_t now) {
  const Date today = to_local(now).date;
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT s.id, s.code, s.name, s.short_name, s.category, s.specialty_id, coalesce(sp.name, ''), "
      "s.duration_min, s.tax_code, s.active FROM services s LEFT JOIN specialties sp ON sp.id = s.specialty_id "
      "WHERE ?1 IS NULL OR s.id = ?1 "
      "ORDER BY s.active DESC, s.category = '', s.category, s.name, s.code"));
  st->bind(1, only);
  std::vector<ServiceCard> out;
  std::map<std::int64_t, std::size_t> at;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    ServiceCard c;
    c.id = st->col_int(0);
    c.service.code = st->col_text(1);
    c.service.name = st->col_text(2);
    c.service.short_name = st->col_text(3);
    c.service.category = st->col_text(4);
    c.service.specialty_id = st->col_opt_int(5);
    c.specialty = st->col_text(6);
    c.service.duration_min = static_cast<int>(st->col_int(7));
    c.service.tax_code = static_cast<int>(st->col_int(8));
    c.active = st->col_int(9) != 0;
    at[c.id] = out.size();
    out.push_back(std::move(c));
  }
  RG_TRY_ASSIGN(auto pr, db.cached(
      "SELECT service_id, active_from, price_kopecks FROM service_prices WHERE ?1 IS NULL OR service_id = ?1 "
      "ORDER BY service_id, active_from"));
  pr->bind(1, only);
  for (;;) {
    RG_TRY_ASSIGN(bool row, pr->step());
    if (!row) break;
    auto it = at.find(pr->col_int(0));
    auto from = Date::parse_iso(pr->col_view(1));
    if (it == at.end() || !from) continue;
    ServiceCard& c = out[it->second];
    const PriceRow p{*from, pr->col_int(2)};
    c.history.push_back(p);
    if (p.from <= today) c.current = p;
    else if (!c.next) c.next = p;
  }
  return out;
}

}  // namespace

// ---- the rules, inside the caller's transaction ----

std::string price_edit_detail::rubles_text(Kopecks k) { return rubles(k) + " ₽"; }

std::string normalize_service_code(std::string_view code) {
  std::string out;
  for (std::size_t i = 0; i < code.size();) {
    const std::string_view rest = code.substr(i);
    if (rest.starts_with("\u0410") || rest.starts_with("\u0430")) out += 'A', i += 2;       // А а
    else if (rest.starts_with("\u0412") || rest.starts_with("\u0432")) out += 'B', i += 2;  // В в
    else if (rest.starts_with("\u00A0")) i += 2;
    else if (code[i] == ' ' || code[i] == '\t') ++i;
    else if (code[i] == 'a' || code[i] == 'b') out += char(code[i] - 'a' + 'A'), ++i;
    else if (code[i] == ',') out += '.', ++i;  // «B01,047,001» typed on a Russian keypad
    else out += code[i++];
  }
  return out;
}

Status price_edit_detail::validate(Database& db, const ServiceDraft& d, std::optional<std::int64_t> id) {
  if (d.code.empty()) return fail(ErrorCode::Invalid, _("Give the service's code (order 804н), e.g. B01.047.001."));
  // The schema's CHECK, said in C++ so the same rule holds on either engine: A or B, two digits,
  // a point, two digits, …, a point, three digits, … — capitals, digits and points only.
  static const std::regex kForm(R"(^[AB][0-9]{2}\.[0-9]{2}[A-Z0-9.]*\.[0-9]{3}[A-Z0-9.]*$)");
  if (!std::regex_match(d.code, kForm))
    return fail(ErrorCode::Invalid,
                format_text(_("The code %s is not in the form of the nomenclature of medical services (order "
                              "804н): the letter A or B, then numbers with points, like B01.047.001."),
                            d.code.c_str()));
  if (d.name.empty()) return fail(ErrorCode::Invalid, _("Give the service's name."));
  if (utf8_length(d.name) > 500) return fail(ErrorCode::Invalid, _("A service's name has at most 500 characters."));
  if (utf8_length(d.short_name) > 60) return fail(ErrorCode::Invalid, _("A short name has at most 60 characters."));
  if (utf8_length(d.category) > 100) return fail(ErrorCode::Invalid, _("A category has at most 100 characters."));
  if (d.duration_min < 5 || d.duration_min > 720)
    return fail(ErrorCode::Invalid, _("A service lasts from 5 to 720 minutes."));
  if (d.tax_code != 1 && d.tax_code != 2)
    return fail(ErrorCode::Invalid, _("The tax code is 1 (medical services) or 2 (expensive treatment)."));
  if (d.specialty_id) {
    RG_TRY_ASSIGN(auto sp, db.cached("SELECT count(*) FROM specialties WHERE id = ?1"));
    sp->bind(1, *d.specialty_id);
    RG_TRY(sp->step());
    if (sp->col_int(0) == 0) return fail(ErrorCode::Invalid, _("This specialty no longer exists."));
  }
  // A code another service has is refused; a service that already shares its code with another
  // (the same service for two specialties, as databases brought in have them) keeps it.
  RG_TRY_ASSIGN(auto same, db.cached(
      "SELECT name FROM services WHERE code = ?1 AND id IS NOT ?2 "
      "AND NOT EXISTS (SELECT 1 FROM services WHERE id = ?2 AND code = ?1) LIMIT 1"));
  same->bind_all(d.code, id);
  RG_TRY_ASSIGN(bool taken, same->step());
  if (taken)
    return fail(ErrorCode::Conflict, format_text(_("There is already a service with the code %s: «%s»."),
                                                 d.code.c_str(), same->col_text(0).c_str()));
  return {};
}

Result<std::int64_t> price_edit_detail::insert_service(Database& db, const ServiceDraft& d) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO services(code, name, short_name, category, specialty_id, duration_min, tax_code) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"));
  st->bind_all(d.code, d.name, d.short_name, d.category, d.specialty_id, d.duration_min, d.tax_code);
  return st->exec_returning_id();
}

Status price_edit_detail::write_service(Database& db, std::int64_t id, const ServiceDraft& d) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "UPDATE services SET code = ?2, name = ?3, short_name = ?4, category = ?5, specialty_id = ?6, "
      "duration_min = ?7, tax_code = ?8 WHERE id = ?1"));
  st->bind_all(id, d.code, d.name, d.short_name, d.category, d.specialty_id, d.duration_min, d.tax_code);
  return st->exec();
}

Result<std::optional<PriceRow>> price_edit_detail::price_on(Database& db, std::int64_t id, Date day) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT active_from, price_kopecks FROM service_prices WHERE service_id = ?1 AND active_from <= ?2 "
      "ORDER BY active_from DESC LIMIT 1"));
  st->bind_all(id, day.iso());
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return std::optional<PriceRow>();
  auto from = Date::parse_iso(st->col_view(0));
  if (!from) return fail(ErrorCode::Internal, _("A price row has a date that does not read."), st->col_text(0));
  return std::optional<PriceRow>(PriceRow{*from, st->col_int(1)});
}

Result<bool> price_edit_detail::put_price(Database& db, std::int64_t id, Date from, Kopecks price, Date today) {
  if (price < 0) return fail(ErrorCode::Invalid, _("A price cannot be negative."));
  if (from < today)
    return fail(ErrorCode::Invalid,
                format_text(_("A price cannot start on %s, in the past: it would change what patients were already "
                              "charged. Give today's date or a later one."),
                            from.ru().c_str()));
  RG_TRY_ASSIGN(auto same_day, price_on(db, id, from));
  bool replaced = false;
  if (same_day && same_day->from == from) {
    if (same_day->price == price) return false;
    if (from <= today)
      return fail(ErrorCode::Conflict,
                  format_text(_("The price from %s is already in force and is not changed: set the new price from "
                                "tomorrow."),
                              from.ru().c_str()));
    // A planned price, replaced.
    RG_TRY_ASSIGN(auto del, db.cached("DELETE FROM service_prices WHERE service_id = ?1 AND active_from = ?2"));
    del->bind_all(id, from.iso());
    if (auto r = del->exec(); !r)
      return fail(ErrorCode::Conflict,
                  format_text(_("The price from %s is already in force and is not changed: set the new price from "
                                "tomorrow."),
                              from.ru().c_str()),
                  r.error().detail);
    replaced = true;
  }
  RG_TRY_ASSIGN(auto before, price_on(db, id, from));
  // The price it would have anyway: nothing to add (a planned change replaced by it is withdrawn).
  if (before && before->price == price) return replaced;
  RG_TRY_ASSIGN(auto ins, db.cached(
      "INSERT INTO service_prices(service_id, active_from, price_kopecks) VALUES (?1, ?2, ?3)"));
  ins->bind_all(id, from.iso(), price);
  RG_TRY(ins->exec());
  return true;
}

Result<std::string> price_edit_detail::still_used(Database& db, std::int64_t id, std::int64_t now) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT (SELECT count(DISTINCT i.id) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
      "        WHERE l.service_id = ?1 AND i.status = 'open'), "
      "(SELECT count(*) FROM appointment_services x JOIN appointments a ON a.id = x.appointment_id "
      "  WHERE x.service_id = ?1 AND a.end_at > ?2 AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room'))"));
  st->bind_all(id, now);
  RG_TRY(st->step());
  const int invoices = static_cast<int>(st->col_int(0)), visits = static_cast<int>(st->col_int(1));
  if (invoices + visits == 0) return std::string();
  return format_text(_("The service is still in use: on %d open invoice(s) and in %d visit(s) to come. Let the "
                       "invoices be paid or cancelled and the visits take place or be moved to another service "
                       "first."),
                     invoices, visits);
}

Status price_edit_detail::write_active(Database& db, std::int64_t id, bool active) {
  RG_TRY_ASSIGN(auto st, db.cached("UPDATE services SET active = ?2 WHERE id = ?1"));
  st->bind_all(id, active);
  return st->exec();
}

// ---- reading ----

bool ServiceCard::matches(std::string_view query) const {
  const std::string q = fold(fold_spaces(query));
  if (q.empty()) return true;
  if (fold(service.code).starts_with(q)) return true;
  const std::string hay = fold(service.name) + " " + fold(service.short_name) + " " + fold(service.category);
  for (size_t at = 0; at < q.size();) {
    const size_t end = std::min(q.find(' ', at), q.size());
    if (end > at && hay.find(q.substr(at, end - at)) == std::string::npos) return false;
    at = end + 1;
  }
  return true;
}

Result<std::vector<ServiceCard>> list_service_cards(Database& db, std::int64_t now) {
  return read_cards(db, std::nullopt, now);
}

Result<ServiceCard> get_service_card(Database& db, std::int64_t id, std::int64_t now) {
  RG_TRY_ASSIGN(auto cards, read_cards(db, id, now));
  if (cards.empty()) return fail(ErrorCode::NotFound, _("This service no longer exists."));
  return std::move(cards.front());
}

Result<std::vector<Specialty>> service_specialties(Database& db) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT id, name FROM specialties ORDER BY name"));
  std::vector<Specialty> out;
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out.push_back({st->col_int(0), st->col_text(1)});
  }
  return out;
}

// ---- the manager's changes ----

Result<std::int64_t> create_service(Database& db, const ServiceDraft& draft, const std::optional<NewPrice>& price,
                                    std::int64_t now, const Actor& actor) {
  const ServiceDraft d = tidy(draft);
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PricesEdit));
  RG_TRY(validate(db, d, std::nullopt));
  RG_TRY_ASSIGN(const std::int64_t id, insert_service(db, d));
  AuditDetails details{{"code", d.code}, {"name", d.name}, {"duration", std::to_string(d.duration_min)}};
  if (price) {
    RG_TRY(put_price(db, id, price->from, price->price, to_local(now).date));
    details.push_back({"price", rubles_text(price->price) + " " + price->from.iso()});
  }
  RG_TRY(append_audit(db, actor, "service.create", "service", id, details));
  RG_TRY(tx.commit());
  return id;
}

Status update_service(Database& db, std::int64_t id, const ServiceDraft& draft, const std::optional<NewPrice>& price,
                      std::int64_t now, const Actor& actor) {
  const ServiceDraft d = tidy(draft);
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PricesEdit));
  auto was = get_service_card(db, id, now);
  if (!was) return std::unexpected(was.error());
  RG_TRY(validate(db, d, id));
  const ServiceDraft& b = was->service;
  AuditDetails changed{{"service", b.code}};
  auto note = [&](const char* key, const std::string& before, const std::string& after) {
    if (before != after) changed.push_back({key, before + " → " + after});
  };
  note("code", b.code, d.code);
  note("name", b.name, d.name);
  note("short_name", b.short_name, d.short_name);
  note("category", b.category, d.category);
  RG_TRY_ASSIGN(const std::string specialty, specialty_name(db, d.specialty_id));
  note("specialty", was->specialty, specialty);
  note("duration", std::to_string(b.duration_min), std::to_string(d.duration_min));
  note("tax_code", std::to_string(b.tax_code), std::to_string(d.tax_code));
  RG_TRY(write_service(db, id, d));
  if (price) {
    RG_TRY_ASSIGN(auto before, price_on(db, id, price->from));
    RG_TRY_ASSIGN(bool moved, put_price(db, id, price->from, price->price, to_local(now).date));
    if (moved)
      changed.push_back({"price " + price->from.iso(), price_or_dash(before) + " → " + rubles_text(price->price)});
  }
  if (changed.size() == 1) return tx.commit();  // nothing changed
  RG_TRY(append_audit(db, actor, "service.update", "service", id, changed));
  return tx.commit();
}

Result<bool> set_price(Database& db, std::int64_t id, Date from, Kopecks price, std::int64_t now, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PricesEdit));
  RG_TRY_ASSIGN(auto code, db.cached("SELECT code FROM services WHERE id = ?1"));
  code->bind(1, id);
  RG_TRY_ASSIGN(bool found, code->step());
  if (!found) return fail(ErrorCode::NotFound, _("This service no longer exists."));
  const std::string service_code = code->col_text(0);
  RG_TRY_ASSIGN(auto before, price_on(db, id, from));
  RG_TRY_ASSIGN(bool moved, put_price(db, id, from, price, to_local(now).date));
  if (!moved) return false;
  RG_TRY(append_audit(db, actor, "service.price", "service", id,
                      {{"code", service_code}, {"from", from.iso()},
                       {"price", price_or_dash(before) + " → " + rubles_text(price)}}));
  RG_TRY(tx.commit());
  return true;
}

Status set_service_active(Database& db, std::int64_t id, bool active, std::int64_t now, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PricesEdit));
  RG_TRY_ASSIGN(auto st, db.cached("SELECT code, active FROM services WHERE id = ?1"));
  st->bind(1, id);
  RG_TRY_ASSIGN(bool found, st->step());
  if (!found) return fail(ErrorCode::NotFound, _("This service no longer exists."));
  const std::string service_code = st->col_text(0);
  if ((st->col_int(1) != 0) == active) return tx.commit();  // already so
  if (!active) {
    RG_TRY_ASSIGN(const std::string why, still_used(db, id, now));
    if (!why.empty()) return fail(ErrorCode::Conflict, why);
  }
  RG_TRY(write_active(db, id, active));
  RG_TRY(append_audit(db, actor, active ? "service.activate" : "service.deactivate", "service", id,
                      {{"code", service_code}}));
  return tx.commit();
}

}  // namespace rg::db
