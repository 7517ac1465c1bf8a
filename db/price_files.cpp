// The price list to CSV and XLSX, and back from CSV: see price_files.h.
#include "price_files.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "files.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {

using namespace price_edit_detail;

namespace {

// pgettext: the context travels in the msgid after an EOT, as gettext.h does (ui/format.cpp too).
const char* pgettext_rg(const char* combined, const char* msgid) {
  const char* t = dgettext(RG_TEXT_DOMAIN, combined);
  return t == combined ? msgid : t;
}
#define C_(ctx, s) pgettext_rg(ctx "\004" s, s)

enum Column { kCode, kName, kShort, kCategory, kSpecialty, kDuration, kPrice, kFrom, kTax, kActive, kColumns };

const char* column_title(int c) {
  switch (c) {
    case kCode: return C_("price list column", "Code");
    case kName: return C_("price list column", "Name");
    case kShort: return C_("price list column", "Short name");
    case kCategory: return C_("price list column", "Category");
    case kSpecialty: return C_("price list column", "Specialty");
    case kDuration: return C_("price list column", "Duration, min");
    case kPrice: return C_("price list column", "Price, ₽");
    case kFrom: return C_("price list column", "In force from");
    case kTax: return C_("price list column", "Tax code");
    default: return C_("price list column", "Active");
  }
}

// A header cell as compared: folded, without its unit («Цена, ₽» → «цена», «Цена (руб.)» → «цена»).
std::string header_key(std::string_view cell) {
  std::string h = fold(cell);
  h = h.substr(0, std::min(h.find(','), h.find('(')));
  for (const char* unit : {"₽", "руб.", "руб", "rub.", "rub", "rur", "мин.", "мин", "min."}) {
    while (!h.empty() && h.back() == ' ') h.pop_back();
    if (h.size() > std::string_view(unit).size() && h.ends_with(unit)) h.resize(h.size() - std::string_view(unit).size());
  }
  while (!h.empty() && (h.back() == ' ' || h.back() == '.' || h.back() == ':')) h.pop_back();
  return h;
}

// The names a column goes by in files people bring (after header_key).
const std::vector<std::vector<std::string_view>>& header_names() {
  static const std::vector<std::vector<std::string_view>> names = {
      {"код", "код услуги", "шифр", "артикул", "code", "service code"},
      {"наименование", "наименование услуги", "название", "название услуги", "услуга", "name", "service",
       "service name"},
      {"краткое наименование", "краткое название", "короткое название", "short name"},
      {"категория", "раздел", "группа", "category", "section", "group"},
      {"специальность", "specialty", "speciality"},
      {"длительность", "продолжительность", "время", "duration", "minutes"},
      {"цена", "стоимость", "price", "cost"},
      {"действует с", "в силе с", "дата", "in force from", "from", "since"},
      {"код вычета", "tax code", "tax deduction code"},
      {"активна", "активен", "активно", "активность", "active"},
  };
  return names;
}

std::optional<int> column_of(std::string_view cell) {
  const std::string key = header_key(cell);
  if (key.empty()) return std::nullopt;
  for (int c = 0; c < kColumns; ++c) {
    if (key == header_key(column_title(c))) return c;
    for (std::string_view n : header_names()[static_cast<std::size_t>(c)])
      if (key == n) return c;
  }
  return std::nullopt;
}

std::string plain_rubles(Kopecks k) {
  char b[40];
  std::snprintf(b, sizeof b, "%lld,%02lld", static_cast<long long>(k / 100), static_cast<long long>(k % 100));
  return b;
}

// «1 500,00», «1500.5», «1500 ₽», «1 500 руб.» → kopecks.
std::optional<Kopecks> parse_price(std::string_view cell) {
  std::string t = fold(cell);
  for (const char* unit : {"руб.", "руб", "р.", "р", "rub.", "rub", "rur"}) {
    while (!t.empty() && t.back() == ' ') t.pop_back();
    if (t.size() > std::string_view(unit).size() && t.ends_with(unit)) t.resize(t.size() - std::string_view(unit).size());
  }
  if (t.empty()) return std::nullopt;
  return parse_rubles(t);
}

std::optional<int> parse_whole(std::string_view cell, std::initializer_list<const char*> units) {
  std::string t = fold(cell);
  for (const char* unit : units) {
    if (t.size() > std::string_view(unit).size() && t.ends_with(unit)) t.resize(t.size() - std::string_view(unit).size());
    while (!t.empty() && t.back() == ' ') t.pop_back();
  }
  int v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<bool> parse_yes_no(std::string_view cell) {
  const std::string t = fold(cell);
  if (t == fold(_("yes"))) return true;
  if (t == fold(_("no"))) return false;
  for (std::string_view y : {"да", "yes", "1", "+", "д", "y", "true", "активна", "активен", "active"})
    if (t == y) return true;
  for (std::string_view n : {"нет", "no", "0", "-", "н", "n", "false", "неактивна", "не активна", "inactive"})
    if (t == n) return false;
  return std::nullopt;
}

std::optional<PriceRow> row_on(const std::vector<PriceRow>& history, Date day) {
  std::optional<PriceRow> p;
  for (const auto& r : history)
    if (r.from <= day) p = r;
  return p;
}

std::string quoted_or_dash(const std::optional<PriceRow>& p) { return p ? rubles_text(p->price) : "—"; }

Result<PriceImportPreview> analyse(Database& db, const CsvTable& table, std::string_view file, Date from,
                                   std::int64_t now) {
  PriceImportPreview pv;
  pv.file = std::string(file);
  pv.encoding = table.encoding;
  pv.separator = table.separator;
  pv.from = from;
  pv.table = table;
  const Date today = to_local(now).date;
  if (from < today)
    pv.problems.push_back(format_text(_("New prices cannot take effect on %s, in the past: that would change what "
                                        "patients were already charged. Choose today or a later day."),
                                      from.ru().c_str()));
  if (table.rows.empty()) {
    pv.problems.push_back(_("The file is empty."));
    return pv;
  }
  // The header.
  std::array<std::optional<std::size_t>, kColumns> at{};
  const auto& header = table.rows.front();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (fold_spaces(header[i]).empty()) continue;
    auto c = column_of(header[i]);
    if (!c) {
      pv.notes.push_back(format_text(_("The column «%s» is not known and is left out."), fold_spaces(header[i]).c_str()));
      continue;
    }
    if (at[static_cast<std::size_t>(*c)]) {
      pv.problems.push_back(format_text(_("The column «%s» appears twice in the first line."), column_title(*c)));
      continue;
    }
    at[static_cast<std::size_t>(*c)] = i;
  }
  for (int c : {kCode, kName, kPrice})
    if (!at[static_cast<std::size_t>(c)])
      pv.problems.push_back(format_text(_("The file has no column «%s». Its first line must name the columns, "
                                          "at least: %s; %s; %s."),
                                        column_title(c), column_title(kCode), column_title(kName),
                                        column_title(kPrice)));
  if (!pv.problems.empty()) return pv;

  // What the clinic has.
  RG_TRY_ASSIGN(auto cards, list_service_cards(db, now));
  std::map<std::string, std::vector<std::size_t>> by_code;
  for (std::size_t i = 0; i < cards.size(); ++i) by_code[cards[i].service.code].push_back(i);
  std::map<std::string, std::pair<std::int64_t, std::string>> specialties;  // folded name → id, name
  {
    RG_TRY_ASSIGN(auto st, db.cached("SELECT id, name FROM specialties"));
    for (;;) {
      RG_TRY_ASSIGN(bool row, st->step());
      if (!row) break;
      specialties[fold(st->col_view(1))] = {st->col_int(0), st->col_text(1)};
    }
  }

  std::map<std::string, std::size_t> seen;  // code → its line
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    PriceImportLine l;
    l.line = table.line[r];
    auto cell = [&](int c) -> std::optional<std::string> {
      const auto& i = at[static_cast<std::size_t>(c)];
      if (!i) return std::nullopt;
      return *i < row.size() ? fold_spaces(row[*i]) : std::string();
    };
    auto wrong = [&](std::string why) {
      l.kind = ImportLineKind::Wrong;
      l.problem = std::move(why);
      ++pv.wrong;
      pv.lines.push_back(std::move(l));
    };
    l.code = normalize_service_code(*cell(kCode));
    l.name = *cell(kName);
    if (l.code.empty()) {
      wrong(_("The code is empty."));
      continue;
    }
    // The service the line is: by its code; services sharing a code (one service for two
    // specialties) are told apart by the specialty.
    const ServiceCard* card = nullptr;
    if (auto f = by_code.find(l.code); f != by_code.end()) {
      if (f->second.size() == 1) {
        card = &cards[f->second.front()];
      } else {
        const std::string sp = fold(cell(kSpecialty).value_or(""));
        int found = 0;
        for (std::size_t i : f->second)
          if (fold(cards[i].specialty) == sp) card = &cards[i], ++found;
        if (found != 1) {
          wrong(format_text(found == 0 ? _("Several services in the price list have the code %s: the column «%s» "
                                           "must name the specialty of the one this line is.")
                                       : _("Several services in the price list have the code %s and the same "
                                           "specialty («%s» does not tell them apart): correct them on the screen first."),
                            l.code.c_str(), found == 0 ? column_title(kSpecialty) : sp.c_str()));
          continue;
        }
      }
      l.service_id = card->id;
      l.draft = card->service;
    }
    const std::string key = card ? "#" + std::to_string(card->id) : l.code;
    if (auto s = seen.find(key); s != seen.end()) {
      wrong(format_text(_("The code %s is already on line %zu."), l.code.c_str(), s->second));
      continue;
    }
    seen[key] = l.line;
    ServiceDraft& d = l.draft;
    d.code = l.code;
    d.name = l.name;
    if (auto v = cell(kShort)) d.short_name = *v;
    if (auto v = cell(kCategory)) d.category = *v;
    std::string specialty = card ? card->specialty : std::string();
    if (auto v = cell(kSpecialty)) {
      if (v->empty()) {
        d.specialty_id.reset();
        specialty.clear();
      } else if (auto s = specialties.find(fold(*v)); s != specialties.end()) {
        d.specialty_id = s->second.first;
        specialty = s->second.second;
      } else {
        wrong(format_text(_("There is no specialty «%s» in the clinic: add it with the doctors first, or leave "
                            "the cell empty."),
                          v->c_str()));
        continue;
      }
    }
    if (auto v = cell(kDuration); v && !v->empty()) {
      auto m = parse_whole(*v, {"минут", "мин.", "мин", "min.", "min", "minutes"});
      if (!m) {
        wrong(format_text(_("The duration «%s» is not a number of minutes."), v->c_str()));
        continue;
      }
      d.duration_min = *m;
    }
    if (auto v = cell(kTax); v && !v->empty()) {
      auto t = parse_whole(*v, {});
      if (!t) {
        wrong(format_text(_("The tax code «%s» is neither 1 nor 2."), v->c_str()));
        continue;
      }
      d.tax_code = *t;
    }
    if (auto v = cell(kActive); v && !v->empty()) {
      auto a = parse_yes_no(*v);
      if (!a) {
        wrong(format_text(_("«%s» in the column «%s» is neither «%s» nor «%s»."), v->c_str(), column_title(kActive),
                          _("yes"), _("no")));
        continue;
      }
      if (!card || card->active != *a) l.active = *a;
    }
    if (auto v = cell(kPrice); !v->empty()) {
      auto p = parse_price(*v);
      if (!p) {
        wrong(format_text(_("The price «%s» does not read as an amount in roubles, such as 1500,00."), v->c_str()));
        continue;
      }
      l.price = *p;
    } else if (!card) {
      wrong(_("A new service needs its price."));
      continue;
    }
    if (auto v = validate(db, d, l.service_id); !v) {
      wrong(v.error().message);
      continue;
    }
    if (!card) {
      l.kind = ImportLineKind::New;
      l.changes.push_back(format_text(_("new service, %d min, %s from %s"), d.duration_min,
                                      rubles_text(*l.price).c_str(), from.ru().c_str()));
      if (l.active == false) l.changes.push_back(_("made inactive"));
      ++pv.added;
      pv.lines.push_back(std::move(l));
      continue;
    }
    // What changes in a service the clinic has.
    const ServiceDraft& b = card->service;
    auto note = [&](const char* fmt, const std::string& was, const std::string& now_is) {
      if (was == now_is) return;
      l.changes.push_back(format_text(fmt, was.c_str(), now_is.c_str()));
      l.fields_change = true;
    };
    note(_("name: «%s» → «%s»"), b.name, d.name);
    note(_("short name: «%s» → «%s»"), b.short_name, d.short_name);
    note(_("category: «%s» → «%s»"), b.category, d.category);
    note(_("specialty: «%s» → «%s»"), card->specialty, specialty);
    if (b.duration_min != d.duration_min) {
      l.changes.push_back(format_text(_("duration: %d → %d min"), b.duration_min, d.duration_min));
      l.fields_change = true;
    }
    if (b.tax_code != d.tax_code) {
      l.changes.push_back(format_text(_("tax code: %d → %d"), b.tax_code, d.tax_code));
      l.fields_change = true;
    }
    if (l.active) l.changes.push_back(*l.active ? _("made active again") : _("made inactive"));
    if (l.price) {
      const auto before = row_on(card->history, from);
      if (before && before->price == *l.price) {
        l.price.reset();
      } else if (before && before->from == from && from <= today) {
        wrong(format_text(_("The price from %s is already in force and is not changed: set the new price from "
                            "tomorrow."),
                          from.ru().c_str()));
        continue;
      } else {
        l.changes.push_back(format_text(_("price from %s: %s → %s"), from.ru().c_str(), quoted_or_dash(before).c_str(),
                                        rubles_text(*l.price).c_str()));
        for (const auto& h : card->history)
          if (h.from > from) {
            l.changes.push_back(format_text(_("the price from %s stays planned"), h.from.ru().c_str()));
            break;
          }
      }
    }
    if (l.active == false) {
      RG_TRY_ASSIGN(const std::string why, still_used(db, card->id, now));
      if (!why.empty()) {
        wrong(why);
        continue;
      }
    }
    if (!l.fields_change && !l.price && !l.active) {
      l.kind = ImportLineKind::Same;
      ++pv.same;
    } else {
      l.kind = ImportLineKind::Changed;
      ++pv.changed;
      if (l.price) ++pv.prices;
    }
    pv.lines.push_back(std::move(l));
  }
  return pv;
}

}  // namespace

std::string PriceImportPreview::wrong_lines() const {
  std::string out;
  for (const auto& l : lines)
    if (l.kind == ImportLineKind::Wrong) out += (out.empty() ? "" : ", ") + std::to_string(l.line);
  return out;
}

std::vector<std::string> price_list_columns() {
  std::vector<std::string> out;
  for (int c = 0; c < kColumns; ++c) out.emplace_back(column_title(c));
  return out;
}

std::string price_list_csv(const std::vector<ServiceCard>& cards) {
  std::string out = kCsvBom;
  csv_line(out, price_list_columns());
  const std::string yes = _("yes"), no = _("no");
  for (const auto& c : cards) {
    const ServiceDraft& s = c.service;
    csv_line(out, std::vector<std::string>{
                      s.code, s.name, s.short_name, s.category, c.specialty, std::to_string(s.duration_min),
                      c.current ? plain_rubles(c.current->price) : std::string(),
                      c.current ? c.current->from.ru() : std::string(), std::to_string(s.tax_code),
                      c.active ? yes : no});
  }
  return out;
}

Result<std::string> price_list_xlsx(const std::vector<ServiceCard>& cards) {
  // libxlsxwriter writes to a named file: a private temporary one, read back and removed.
  std::string name = (std::filesystem::temp_directory_path() / "registratura-prices-XXXXXX").string();
  const int fd = mkstemp(name.data());
  if (fd < 0)
    return fail(ErrorCode::Io, _("Cannot make a temporary file for the workbook."), std::strerror(errno));
  ::close(fd);
  struct Removed {
    std::string path;
    ~Removed() { std::remove(path.c_str()); }
  } removed{name};
  lxw_workbook* wb = workbook_new(name.c_str());
  if (!wb) return fail(ErrorCode::Io, _("Cannot make a temporary file for the workbook."), "workbook_new");
  lxw_worksheet* ws = workbook_add_worksheet(wb, C_("price list", "Price list"));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_text_wrap(bold);
  format_set_align(bold, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "0.00");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd.mm.yyyy");
  constexpr std::array<double, kColumns> widths = {14, 60, 30, 22, 22, 12, 12, 13, 10, 10};
  for (int c = 0; c < kColumns; ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[static_cast<std::size_t>(c)],
                         nullptr);
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), column_title(c), bold);
  }
  worksheet_set_row(ws, 0, 30, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  const std::string yes = _("yes"), no = _("no");
  lxw_row_t r = 1;
  for (const auto& c : cards) {
    const ServiceDraft& s = c.service;
    auto text = [&](int col, const std::string& v) {
      if (!v.empty()) worksheet_write_string(ws, r, static_cast<lxw_col_t>(col), v.c_str(), nullptr);
    };
    text(kCode, s.code);
    text(kName, s.name);
    text(kShort, s.short_name);
    text(kCategory, s.category);
    text(kSpecialty, c.specialty);
    worksheet_write_number(ws, r, kDuration, s.duration_min, nullptr);
    if (c.current) {
      worksheet_write_number(ws, r, kPrice, static_cast<double>(c.current->price) / 100.0, money);
      lxw_datetime dt{c.current->from.year(), static_cast<int>(c.current->from.month()),
                      static_cast<int>(c.current->from.day()), 0, 0, 0};
      worksheet_write_datetime(ws, r, kFrom, &dt, date);
    }
    worksheet_write_number(ws, r, kTax, s.tax_code, nullptr);
    text(kActive, c.active ? yes : no);
    ++r;
  }
  worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1, kColumns - 1);
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
    return fail(ErrorCode::Io, _("The workbook could not be written."), lxw_strerror(e));
  std::ifstream in(name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return fail(ErrorCode::Io, _("The workbook could not be written."), "read back " + name);
  return bytes.str();
}

Result<std::int64_t> export_price_list(Database& db, const std::string& path, std::int64_t now, const Actor& actor) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool xlsx = ext == ".xlsx";
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY_ASSIGN(auto cards, list_service_cards(db, now));
  std::string bytes;
  if (xlsx) {
    RG_TRY_ASSIGN(bytes, price_list_xlsx(cards));
  } else {
    bytes = price_list_csv(cards);
  }
  RG_TRY(append_audit(db, actor, "export.prices", "export", std::nullopt,
                      {{"file", path}, {"format", xlsx ? "xlsx" : "csv"}, {"rows", std::to_string(cards.size())}}));
  RG_TRY(write_export_and_commit(tx, path, bytes));
  return static_cast<std::int64_t>(cards.size());
}

Result<PriceImportPreview> preview_price_import(Database& db, const CsvTable& table, std::string_view file, Date from,
                                                std::int64_t now) {
  return analyse(db, table, file, from, now);
}

Result<PriceImportPreview> preview_price_import_file(Database& db, const std::string& path, Date from,
                                                     std::int64_t now) {
  RG_TRY_ASSIGN(auto table, read_csv(path));
  return analyse(db, table, std::filesystem::path(path).filename().string(), from, now);
}

Result<PriceImportPreview> apply_price_import(Database& db, const CsvTable& table, std::string_view file, Date from,
                                              std::int64_t now, const Actor& actor) {
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::PricesEdit));
  RG_TRY_ASSIGN(auto pv, analyse(db, table, file, from, now));
  if (!pv.problems.empty())
    return fail(ErrorCode::Invalid, pv.problems.front() + " " + _("Nothing was imported."));
  if (pv.wrong > 0)
    return fail(ErrorCode::Invalid,
                format_text(_("Nothing was imported: line(s) %s of the file are wrong. Correct them and import again."),
                            pv.wrong_lines().c_str()));
  if (pv.added + pv.changed == 0) return pv;  // nothing to do, nothing written
  const Date today = to_local(now).date;
  for (const auto& l : pv.lines) {
    if (l.kind != ImportLineKind::New && l.kind != ImportLineKind::Changed) continue;
    std::int64_t id = 0;
    if (l.service_id) {
      id = *l.service_id;
      if (l.fields_change) {
        RG_TRY(write_service(db, id, l.draft));
      }
    } else {
      RG_TRY_ASSIGN(id, insert_service(db, l.draft));
    }
    if (l.price) {
      RG_TRY(put_price(db, id, from, *l.price, today));
    }
    if (l.active) {
      RG_TRY(write_active(db, id, *l.active));
    }
  }
  RG_TRY(append_audit(db, actor, "import.prices", "service", std::nullopt,
                      {{"file", pv.file},
                       {"from", from.iso()},
                       {"new", std::to_string(pv.added)},
                       {"changed", std::to_string(pv.changed)},
                       {"unchanged", std::to_string(pv.same)},
                       {"prices", std::to_string(pv.prices)}}));
  RG_TRY(tx.commit());
  return pv;
}

}  // namespace rg::db
