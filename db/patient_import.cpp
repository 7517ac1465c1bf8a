// The patient base a clinic brings; see patient_import.h. Rows are parsed in C++ (names, dates and
// phones as the desk stores them), duplicates found before anything is written, then every row is
// imported, merged or skipped in file order inside one transaction, so a merge into an earlier row
// of the same file finds that row's new card.
#include "patient_import.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_map>

#include "grammar.h"
#include "i18n.h"
#include "staff.h"
#include "text.h"

namespace rg::db {
namespace {

// ---- text helpers ---------------------------------------------------------------------------

// A cell's text: trimmed, runs of white space (a line break included) made one space.
std::string trim(std::string_view s) { return fold_spaces(s); }

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i++]);
    if (b < 0x80) {
      out += b;
      continue;
    }
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
    if (extra < 0) {
      out += U'\uFFFD';
      continue;
    }
    char32_t cp = b & (0x3F >> extra);
    for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
    out += cp;
  }
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x400 && c <= 0x52F);
}
bool is_upper(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x400 && c <= 0x42F);
}
bool is_lower(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || (c >= 0x430 && c <= 0x45F);
}
char32_t lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}
char32_t upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;
  return c;
}
bool is_dash(char32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2014); }

// «ИВАНОВА-ПЕТРОВА» and «иванова-петрова» → «Иванова-Петрова»; a name typed in mixed case is kept.
std::string fix_case(std::string_view s) {
  std::u32string u = to_u32(s);
  bool any_upper = false, any_lower = false;
  int letters = 0;
  for (char32_t c : u) {
    any_upper = any_upper || is_upper(c);
    any_lower = any_lower || is_lower(c);
    letters += is_letter(c);
  }
  const bool shouting = any_upper && !any_lower && letters > 1;
  if (!shouting && any_upper) return std::string(s);
  bool start = true;
  for (char32_t& c : u) {
    c = start ? upper(c) : lower(c);
    start = c == ' ' || is_dash(c);
  }
  return to_utf8(u);
}

// Why a name part cannot be a name («Иванов2», «И.», «???»), or empty.
std::string name_problem(std::string_view part) {
  const std::u32string u = to_u32(part);
  bool digit = false, junk = false, letter = false, dot = false;
  for (char32_t c : u) {
    if (c >= '0' && c <= '9') digit = true;
    else if (is_letter(c)) letter = true;
    else if (c == '.') dot = true;
    else if (!(c == ' ' || is_dash(c) || c == '\'' || c == 0x2019)) junk = true;
  }
  const std::string shown(part);
  if (digit) return format_text(_("«%s» has digits in it."), shown.c_str());
  if (dot && letter && !junk && u.size() <= 4) return format_text(_("«%s» is only an initial: the full name is needed."), shown.c_str());
  if (junk || dot || !letter) return format_text(_("«%s» has characters a name does not have."), shown.c_str());
  return {};
}

// A header cell reduced to its letters and digits, folded: «№ карты» → «карты», «E-mail» → «email».
std::string header_key(std::string_view s) {
  std::string out;
  for (char32_t c : to_u32(fold(s)))
    if ((c >= '0' && c <= '9') || is_letter(c)) append_utf8(out, c);
  return out;
}

struct HeaderName {
  const char* key;
  ImportField field;
};
constexpr HeaderName kHeaderNames[] = {
    {"фамилия", ImportField::Surname},       {"surname", ImportField::Surname},
    {"lastname", ImportField::Surname},      {"familyname", ImportField::Surname},
    {"имя", ImportField::Name},              {"name", ImportField::Name},
    {"firstname", ImportField::Name},        {"givenname", ImportField::Name},
    {"отчество", ImportField::Patronymic},   {"patronymic", ImportField::Patronymic},
    {"middlename", ImportField::Patronymic}, {"фио", ImportField::FullName},
    {"фиопациента", ImportField::FullName},  {"пациент", ImportField::FullName},
    {"полноеимя", ImportField::FullName},    {"fullname", ImportField::FullName},
    {"patient", ImportField::FullName},      {"patientname", ImportField::FullName},
    {"датарождения", ImportField::BirthDate}, {"др", ImportField::BirthDate},
    {"рождение", ImportField::BirthDate},    {"birthdate", ImportField::BirthDate},
    {"dateofbirth", ImportField::BirthDate}, {"dob", ImportField::BirthDate},
    {"birthday", ImportField::BirthDate},    {"пол", ImportField::Sex},
    {"sex", ImportField::Sex},               {"gender", ImportField::Sex},
    {"телефон", ImportField::Phones},        {"телефоны", ImportField::Phones},
    {"тел", ImportField::Phones},            {"мобильный", ImportField::Phones},
    {"сотовый", ImportField::Phones},        {"phone", ImportField::Phones},
    {"phones", ImportField::Phones},         {"mobile", ImportField::Phones},
    {"telephone", ImportField::Phones},      {"tel", ImportField::Phones},
    {"phonenumber", ImportField::Phones},    {"email", ImportField::Email},
    {"эпочта", ImportField::Email},          {"электроннаяпочта", ImportField::Email},
    {"почта", ImportField::Email},           {"mail", ImportField::Email},
    {"карты", ImportField::CardNo},          {"номеркарты", ImportField::CardNo},
    {"карта", ImportField::CardNo},          {"медкарта", ImportField::CardNo},
    {"медкарты", ImportField::CardNo},       {"номермедкарты", ImportField::CardNo},
    {"nкарты", ImportField::CardNo},         {"амбулаторнаякарта", ImportField::CardNo},
    {"card", ImportField::CardNo},           {"cardno", ImportField::CardNo},
    {"cardnumber", ImportField::CardNo},     {"снилс", ImportField::Snils},
    {"snils", ImportField::Snils},           {"адрес", ImportField::Address},
    {"address", ImportField::Address},       {"примечание", ImportField::Notes},
    {"примечания", ImportField::Notes},      {"комментарий", ImportField::Notes},
    {"комментарии", ImportField::Notes},     {"заметки", ImportField::Notes},
    {"note", ImportField::Notes},            {"notes", ImportField::Notes},
    {"comment", ImportField::Notes},         {"comments", ImportField::Notes},
};
// Longer names that start like a known one: «Телефон мобильный», «Адрес регистрации».
constexpr HeaderName kHeaderStems[] = {
    {"телефон", ImportField::Phones},  {"phone", ImportField::Phones},   {"датарожд", ImportField::BirthDate},
    {"адрес", ImportField::Address},   {"address", ImportField::Address}, {"примечан", ImportField::Notes},
    {"комментар", ImportField::Notes}, {"email", ImportField::Email},     {"номеркарты", ImportField::CardNo},
};

std::optional<ImportField> field_of_header(std::string_view cell) {
  const std::string k = header_key(cell);
  if (k.empty()) return std::nullopt;
  for (const auto& h : kHeaderNames)
    if (k == h.key) return h.field;
  for (const auto& h : kHeaderStems)
    if (k.starts_with(h.key)) return h.field;
  return std::nullopt;
}

// ---- fields ----------------------------------------------------------------------------------

std::optional<char> parse_sex(std::string_view v) {
  std::string k = header_key(v);
  if (k == "м" || k == "муж" || k == "мужской" || k == "мужчина" || k == "m" || k == "male" || k == "man")
    return 'M';
  if (k == "ж" || k == "жен" || k == "женский" || k == "женщина" || k == "f" || k == "female" || k == "woman" ||
      k == "w")
    return 'F';
  return std::nullopt;
}

// The sex the patronymic or surname says (grammar.h), else the first name's ending.
char guessed_sex(const PatientDraft& d) {
  if (char s = guess_sex(PersonName{d.surname, d.name, d.patronymic, 0})) return s;
  std::u32string n = to_u32(fold(d.name));
  if (n.empty()) return 0;
  static const std::u32string kMaleInA[] = {U"никита", U"илья", U"фома", U"кузьма", U"лука", U"савва",
                                            U"данила", U"гаврила", U"миша", U"саша", U"женя", U"валя"};
  for (const auto& m : kMaleInA)
    if (n == m) return n == U"саша" || n == U"женя" || n == U"валя" ? 0 : 'M';
  const char32_t last = n.back();
  if (last == U'а' || last == U'я') return 'F';
  if (last == U'ь' || !is_letter(last)) return 0;
  if (last == U'о' || last == U'е' || last == U'и' || last == U'у' || last == U'ы' || last == U'э' || last == U'ю')
    return 0;
  return 'M';
}

std::vector<std::string> split_any(std::string_view s, std::string_view seps) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || seps.find(s[i]) != std::string_view::npos) {
      std::string piece = trim(s.substr(start, i - start));
      if (!piece.empty()) out.push_back(std::move(piece));
      start = i + 1;
    }
  }
  return out;
}

// One number as people write it; the E.164 digits or empty. An extension («доб. 12») is dropped;
// ten digits are a Russian number without its +7.
std::string import_phone(std::string_view piece) {
  std::string kept;
  bool had_digit = false;
  for (std::size_t i = 0; i < piece.size(); ++i) {
    const auto c = static_cast<unsigned char>(piece[i]);
    if (c >= '0' && c <= '9') had_digit = true;
    else if (had_digit && (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
    kept += piece[i];
  }
  std::string d = digits_of(kept);
  if (d.size() == 10 && d[0] != '0') d = "7" + d;
  return normalize_phone(d);
}

bool email_ok(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  const auto dot = e.find('.', at + 2);
  if (dot == std::string_view::npos || dot + 1 >= e.size()) return false;
  return e.find_first_of(" ,;<>()[]\\\"") == std::string_view::npos;
}

}  // namespace

// ---- public: fields and the mapping -----------------------------------------------------------

std::string_view import_field_key(ImportField f) {
  switch (f) {
    case ImportField::Surname: return "surname";
    case ImportField::Name: return "name";
    case ImportField::Patronymic: return "patronymic";
    case ImportField::FullName: return "full_name";
    case ImportField::BirthDate: return "birth_date";
    case ImportField::Sex: return "sex";
    case ImportField::Phones: return "phones";
    case ImportField::Phones2: return "phones2";
    case ImportField::Email: return "email";
    case ImportField::CardNo: return "card";
    case ImportField::Snils: return "snils";
    case ImportField::Address: return "address";
    case ImportField::Notes: return "notes";
  }
  return "";
}

std::optional<ImportField> import_field_from_key(std::string_view key) {
  for (ImportField f : kImportFields)
    if (import_field_key(f) == key) return f;
  return std::nullopt;
}

std::string import_field_title(ImportField f) {
  switch (f) {
    case ImportField::Surname: return _("Surname");
    case ImportField::Name: return _("First name");
    case ImportField::Patronymic: return _("Patronymic");
    case ImportField::FullName: return _("Full name in one column");
    case ImportField::BirthDate: return _("Date of birth");
    case ImportField::Sex: return _("Sex");
    case ImportField::Phones: return _("Phones");
    case ImportField::Phones2: return _("More phones");
    case ImportField::Email: return _("E-mail");
    case ImportField::CardNo: return _("Card No.");
    case ImportField::Snils: return _("SNILS");
    case ImportField::Address: return _("Address");
    case ImportField::Notes: return _("Note");
  }
  return {};
}

ImportMapping detect_mapping(const CsvTable& table) {
  ImportMapping m;
  if (table.rows.empty()) return m;
  const auto& head = table.rows.front();
  int known = 0;
  for (std::size_t c = 0; c < head.size(); ++c) {
    auto f = field_of_header(head[c]);
    if (!f) continue;
    if (*f == ImportField::Phones && m.has(ImportField::Phones)) f = ImportField::Phones2;
    if (m.has(*f)) continue;  // the first column of that name counts
    m[*f] = static_cast<int>(c);
    ++known;
  }
  if (known < 2) return ImportMapping();  // a row of data, not names
  m.header = true;
  return m;
}

std::string mapping_problem(const ImportMapping& m) {
  const bool names = (m.has(ImportField::Surname) && m.has(ImportField::Name)) || m.has(ImportField::FullName);
  if (!names && !m.has(ImportField::BirthDate))
    return _("No column of the file is known: choose the columns for the surname, the first name and the date of "
             "birth (or for the full name in one column).");
  if (!names)
    return _("Choose the columns for the surname and the first name, or the column with the full name.");
  if (!m.has(ImportField::BirthDate)) return _("Choose the column with the date of birth.");
  return {};
}

std::optional<Date> parse_birth_date(std::string_view text, Date today, std::string& reason) {
  reason.clear();
  std::string s = trim(text);
  if (s.empty()) {
    reason = _("The date of birth is missing.");
    return std::nullopt;
  }
  // Excel's «12.03.1985 0:00:00», an ISO «1985-03-12T00:00».
  std::string d = s;
  if (auto cut = d.find_first_of(" T"); cut != std::string::npos && cut >= 6) d.resize(cut);
  int y = 0, m = 0, day = 0;
  bool read = false;
  const bool all_digits = !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (all_digits && d.size() == 5) {
    // An Excel day number (a date cell saved as General): days since 30.12.1899.
    const Date x = Date(1899, 12, 30).plus_days(std::stoi(d));
    y = x.year(), m = static_cast<int>(x.month()), day = static_cast<int>(x.day());
    read = true;
  } else {
    std::vector<std::string> parts;
    std::string cur;
    bool bad = false;
    for (char c : d) {
      if (c == '.' || c == '/' || c == '-') parts.push_back(cur), cur.clear();
      else if (c >= '0' && c <= '9') cur += c;
      else bad = true;
    }
    parts.push_back(cur);
    auto num = [](const std::string& p) { return std::stoi(p); };
    if (!bad && parts.size() == 3 && std::none_of(parts.begin(), parts.end(), [](auto& p) { return p.empty(); })) {
      if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
        y = num(parts[0]), m = num(parts[1]), day = num(parts[2]);
        read = true;
      } else if (parts[0].size() <= 2 && parts[1].size() <= 2 && (parts[2].size() == 4 || parts[2].size() == 2)) {
        day = num(parts[0]), m = num(parts[1]), y = num(parts[2]);
        if (parts[2].size() == 2) y += y <= today.year() % 100 ? (today.year() / 100) * 100 : (today.year() / 100 - 1) * 100;
        read = true;
      }
    }
  }
  if (!read) {
    reason = format_text(_("«%s» is not a date: write it as DD.MM.YYYY."), s.c_str());
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (m < 1 || m > 12 || day < 1 || !ymd.ok()) {
    reason = format_text(_("The date %s does not exist."), s.c_str());
    return std::nullopt;
  }
  const Date date(y, static_cast<unsigned>(m), static_cast<unsigned>(day));
  if (date > today) {
    reason = format_text(_("The date of birth %s is in the future."), s.c_str());
    return std::nullopt;
  }
  const Date limit(today.year() - 120, today.month(), today.month() == 2 && today.day() == 29 ? 28 : today.day());
  if (date < limit) {
    reason = format_text(_("The date of birth %s is more than 120 years ago."), s.c_str());
    return std::nullopt;
  }
  return date;
}

std::vector<ImportRow> parse_import_rows(const CsvTable& table, const ImportMapping& m, Date today) {
  std::vector<ImportRow> out;
  const std::size_t first = m.header ? 1 : 0;
  out.reserve(table.rows.size() > first ? table.rows.size() - first : 0);
  for (std::size_t r = first; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r];
    ImportRow row;
    row.line = r < table.line.size() ? table.line[r] : r + 1;
    auto cell = [&](ImportField f) -> std::string {
      const int c = m[f];
      return c >= 0 && static_cast<std::size_t>(c) < cells.size() ? trim(cells[static_cast<std::size_t>(c)])
                                                                   : std::string();
    };
    auto error = [&](ImportField f, std::string reason) { row.errors.push_back({f, m[f], std::move(reason)}); };
    PatientDraft& d = row.draft;
    for (ImportField f : kImportFields) row.text[static_cast<std::size_t>(f)] = cell(f);

    // Names: separate columns, or one column split into surname, name and patronymic.
    std::string surname = cell(ImportField::Surname), name = cell(ImportField::Name),
                patronymic = cell(ImportField::Patronymic);
    ImportField surname_field = ImportField::Surname, name_field = ImportField::Name,
                patronymic_field = ImportField::Patronymic;
    const std::string full = cell(ImportField::FullName);
    if (surname.empty() && !full.empty()) {
      const PersonName n = split_full_name(full);
      surname = n.surname, name = n.name, patronymic = n.patronymic;
      surname_field = name_field = patronymic_field = ImportField::FullName;
      if (name.empty())
        error(ImportField::FullName,
              format_text(_("«%s» has no first name: write the surname, the name and the patronymic."), full.c_str()));
    }
    if (surname.empty()) {
      error(m.has(ImportField::Surname) ? ImportField::Surname : ImportField::FullName, _("The surname is missing."));
    } else if (auto p = name_problem(surname); !p.empty()) {
      error(surname_field, p);
    }
    if (name.empty()) {
      if (surname_field == ImportField::Surname) error(ImportField::Name, _("The first name is missing."));
    } else if (auto p = name_problem(name); !p.empty()) {
      error(name_field, p);
    }
    if (!patronymic.empty())
      if (auto p = name_problem(patronymic); !p.empty()) error(patronymic_field, p);
    d.surname = tidy_name(fix_case(surname));
    d.name = tidy_name(fix_case(name));
    d.patronymic = tidy_name(fix_case(patronymic));

    std::string reason;
    if (auto b = parse_birth_date(cell(ImportField::BirthDate), today, reason)) d.birth_date = *b;
    else error(ImportField::BirthDate, reason);

    const std::string sex = cell(ImportField::Sex);
    if (!sex.empty()) {
      if (auto s = parse_sex(sex)) d.sex = *s;
      else error(ImportField::Sex, format_text(_("«%s» is not a sex: write М or Ж."), sex.c_str()));
    } else if (char g = guessed_sex(d)) {
      d.sex = g;
    } else if (!d.name.empty()) {
      error(ImportField::Sex, _("The sex is not given and the name does not tell it: fill in the sex column."));
    }

    for (ImportField f : {ImportField::Phones, ImportField::Phones2}) {
      for (const auto& piece : split_any(cell(f), ",;/")) {
        std::string e164 = import_phone(piece);
        if (e164.empty()) {
          error(f, format_text(_("«%s» is not a phone number."), piece.c_str()));
          continue;
        }
        if (std::any_of(d.phones.begin(), d.phones.end(), [&](const Phone& p) { return p.number == e164; })) continue;
        const bool mobile = e164.size() == 11 && e164[0] == '7' && e164[1] == '9';
        d.phones.push_back({e164, mobile ? "mobile" : "home"});
      }
    }

    d.email = cell(ImportField::Email);
    if (!d.email.empty() && !email_ok(d.email))
      error(ImportField::Email, format_text(_("«%s» is not an e-mail address."), d.email.c_str()));

    row.card_no = cell(ImportField::CardNo);
    if (utf8_length(row.card_no) > 32) error(ImportField::CardNo, _("The card number is longer than 32 characters."));

    const std::string snils = cell(ImportField::Snils);
    if (!snils.empty()) {
      const std::string digits = digits_of(snils);
      if (!snils_valid(digits))
        error(ImportField::Snils,
              format_text(_("SNILS %s is wrong: it has 11 digits with a valid check number."), snils.c_str()));
      else
        d.snils = digits;
    }
    d.address = cell(ImportField::Address);
    if (m.has(ImportField::Notes) && static_cast<std::size_t>(m[ImportField::Notes]) < cells.size()) {
      // The note as written, line breaks kept; only the ends trimmed.
      const std::string& n = cells[static_cast<std::size_t>(m[ImportField::Notes])];
      const auto a = n.find_first_not_of(" \t\r\n"), b = n.find_last_not_of(" \t\r\n");
      d.notes = a == std::string::npos ? std::string() : n.substr(a, b - a + 1);
    }
    // Whatever else the desk's own check refuses (lengths, …): the same rules for every card.
    if (row.errors.empty())
      if (auto v = validate(d, today); !v) row.errors.push_back({ImportField::Surname, -1, v.error().message});
    out.push_back(std::move(row));
  }
  return out;
}

std::string_view to_db(DuplicateAction a) {
  switch (a) {
    case DuplicateAction::Skip: return "skip";
    case DuplicateAction::Merge: return "merge";
    case DuplicateAction::Separate: return "separate";
  }
  return "skip";
}

std::optional<DuplicateAction> duplicate_action_from_db(std::string_view s) {
  for (auto a : {DuplicateAction::Skip, DuplicateAction::Merge, DuplicateAction::Separate})
    if (to_db(a) == s) return a;
  return std::nullopt;
}

std::string duplicate_action_title(DuplicateAction a) {
  switch (a) {
    case DuplicateAction::Skip: return _("Skip");
    case DuplicateAction::Merge: return _("Merge into the card");
    case DuplicateAction::Separate: return _("Import as another patient");
  }
  return {};
}

// ---- the import --------------------------------------------------------------------------------

namespace {

std::string person_key(const PatientDraft& d) {
  return fold(d.surname) + '\x1f' + fold(d.name) + '\x1f' + d.birth_date.iso();
}

PatientSummary summary_of_row(const ImportRow& r) {
  PatientSummary s;
  s.card_no = r.card_no;
  s.surname = r.draft.surname;
  s.name = r.draft.name;
  s.patronymic = r.draft.patronymic;
  s.birth_date = r.draft.birth_date.iso();
  s.sex = r.draft.sex;
  if (!r.draft.phones.empty()) s.phone = r.draft.phones.front().number;
  return s;
}

Result<PatientSummary> summary_by_id(Database& db, std::int64_t id) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT card_no, surname, name, patronymic, birth_date, sex, coalesce((SELECT phone FROM patient_phones f "
      "WHERE f.patient_id = p.id ORDER BY position LIMIT 1), '') FROM patients p WHERE id = ?1"));
  st->bind(1, id);
  RG_TRY_ASSIGN(bool row, st->step());
  PatientSummary s;
  s.id = id;
  if (!row) return s;
  s.card_no = st->col_text(0);
  s.surname = st->col_text(1);
  s.name = st->col_text(2);
  s.patronymic = st->col_text(3);
  s.birth_date = st->col_text(4);
  s.sex = st->col_view(5) == "M" ? 'M' : 'F';
  s.phone = st->col_text(6);
  return s;
}

Result<std::int64_t> db_person(Database& db, const PatientDraft& d) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT patient_id FROM patient_name_keys WHERE part = 0 AND key = ?1 AND name_norm = ?2 AND birth_date = ?3 "
      "ORDER BY patient_id LIMIT 1"));
  st->bind_all(fold(d.surname), fold(d.name), d.birth_date.iso());
  RG_TRY_ASSIGN(bool row, st->step());
  return row ? st->col_int(0) : 0;
}

Result<std::int64_t> db_phone(Database& db, const std::string& e164, const std::string& surname_norm) {
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT p.id FROM patient_phones f JOIN patients p ON p.id = f.patient_id "
      "WHERE f.phone_rev = ?1 AND f.phone = ?2 AND p.surname_norm = ?3 ORDER BY p.id LIMIT 1"));
  st->bind_all(reversed(e164), e164, surname_norm);
  RG_TRY_ASSIGN(bool row, st->step());
  return row ? st->col_int(0) : 0;
}

Result<std::int64_t> db_card(Database& db, const std::string& card) {
  RG_TRY_ASSIGN(auto st, db.cached("SELECT id FROM patients WHERE card_no = ?1"));
  st->bind(1, card);
  RG_TRY_ASSIGN(bool row, st->step());
  return row ? st->col_int(0) : 0;
}

std::string why_text(DuplicateKind k, const std::string& phone, const std::string& card, bool in_file) {
  switch (k) {
    case DuplicateKind::SamePerson: return _("the same surname, first name and date of birth");
    case DuplicateKind::SamePhone:
      return format_text(_("the same surname and phone %s"), format_phone(phone).c_str());
    case DuplicateKind::SameCard:
      return in_file ? format_text(_("card No. %s is given twice"), card.c_str())
                     : format_text(_("card No. %s is another patient's"), card.c_str());
  }
  return {};
}

// Fills the card's empty fields from the row and adds its new phones; the names of what was filled.
std::vector<std::string> fill_empty(PatientDraft& card, const PatientDraft& row) {
  std::vector<std::string> filled;
  auto take = [&](std::string& to, const std::string& from, ImportField f) {
    if (to.empty() && !from.empty()) to = from, filled.push_back(import_field_title(f));
  };
  take(card.patronymic, row.patronymic, ImportField::Patronymic);
  take(card.email, row.email, ImportField::Email);
  take(card.address, row.address, ImportField::Address);
  take(card.notes, row.notes, ImportField::Notes);
  if ((!card.snils || card.snils->empty()) && row.snils && !row.snils->empty())
    card.snils = row.snils, filled.push_back(import_field_title(ImportField::Snils));
  int added = 0;
  for (const auto& ph : row.phones) {
    const std::string e = normalize_phone(ph.number);
    if (std::none_of(card.phones.begin(), card.phones.end(),
                     [&](const Phone& p) { return normalize_phone(p.number) == e; }))
      card.phones.push_back(ph), ++added;
  }
  if (added) filled.push_back(format_text(_("phones: %d"), added));
  return filled;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool numeric_card(const std::string& c) {
  return !c.empty() && c.size() <= 15 && c[0] != '0' && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// A dry run reads one snapshot: a deferred transaction, always rolled back.
struct ReadSnapshot {
  Database* db = nullptr;
  ~ReadSnapshot() {
    if (db) (void)db->exec("ROLLBACK");
  }
};

}  // namespace

Result<ImportReport> import_patients(Database& db, const CsvTable& table, const ImportOptions& o, const Actor& actor) {
  ImportReport rep;
  rep.mapping = o.mapping ? *o.mapping : detect_mapping(table);
  rep.encoding = table.encoding;
  rep.separator = table.separator;
  if (auto problem = mapping_problem(rep.mapping); !problem.empty()) return fail(ErrorCode::Invalid, problem);

  std::optional<Transaction> tx;
  ReadSnapshot snapshot;
  if (o.dry_run) {
    RG_TRY(require(db, actor, Permission::PatientsEdit));
    if (!db.in_transaction()) {
      RG_TRY(db.exec("BEGIN"));
      snapshot.db = &db;
    }
  } else {
    RG_TRY_ASSIGN(auto t, Transaction::begin(db));
    tx.emplace(std::move(t));
    RG_TRY(require(db, actor, Permission::PatientsEdit));
  }

  std::vector<ImportRow> rows = parse_import_rows(table, rep.mapping, today());
  rep.rows = rows.size();
  for (const auto& r : rows)
    for (const auto& e : r.errors) rep.errors.push_back({r.line, e.column, e.field, e.reason});
  for (std::size_t i = 0; i < rows.size() && i < o.preview_rows; ++i) rep.preview.push_back(rows[i]);

  // Duplicates, before anything is written: against the database first, then earlier rows.
  std::vector<int> dup_of(rows.size(), -1);  // index into rep.duplicates
  std::unordered_map<std::size_t, std::size_t> index_of_line;
  std::unordered_map<std::string, std::size_t> file_person, file_phone, file_card;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ImportRow& r = rows[i];
    index_of_line[r.line] = i;
    if (!r.ok()) continue;
    const std::string surname_norm = fold(r.draft.surname);
    ImportDuplicate d;
    bool found = false;
    auto from_db = [&](DuplicateKind k, std::int64_t id, const std::string& phone) -> Status {
      d.kind = k;
      d.patient_id = id;
      d.why = why_text(k, phone, r.card_no, false);
      RG_TRY_ASSIGN(d.other, summary_by_id(db, id));
      found = true;
      return {};
    };
    RG_TRY_ASSIGN(std::int64_t same, db_person(db, r.draft));
    if (same) {
      RG_TRY(from_db(DuplicateKind::SamePerson, same, {}));
    }
    for (std::size_t p = 0; !found && p < r.draft.phones.size(); ++p) {
      RG_TRY_ASSIGN(std::int64_t by_phone, db_phone(db, r.draft.phones[p].number, surname_norm));
      if (by_phone) {
        RG_TRY(from_db(DuplicateKind::SamePhone, by_phone, r.draft.phones[p].number));
      }
    }
    if (!found && !r.card_no.empty()) {
      RG_TRY_ASSIGN(std::int64_t holder, db_card(db, r.card_no));
      if (holder) {
        RG_TRY(from_db(DuplicateKind::SameCard, holder, {}));
      }
    }
    auto from_file = [&](DuplicateKind k, std::size_t j, const std::string& phone) {
      d.kind = k;
      d.other_line = rows[j].line;
      d.why = why_text(k, phone, r.card_no, true);
      d.other = summary_of_row(rows[j]);
      found = true;
    };
    const std::string pk = person_key(r.draft);
    if (!found)
      if (auto it = file_person.find(pk); it != file_person.end()) from_file(DuplicateKind::SamePerson, it->second, {});
    for (std::size_t p = 0; !found && p < r.draft.phones.size(); ++p)
      if (auto it = file_phone.find(r.draft.phones[p].number + '\x1f' + surname_norm); it != file_phone.end())
        from_file(DuplicateKind::SamePhone, it->second, r.draft.phones[p].number);
    if (!found && !r.card_no.empty())
      if (auto it = file_card.find(r.card_no); it != file_card.end()) from_file(DuplicateKind::SameCard, it->second, {});
    file_person.emplace(pk, i);
    for (const auto& ph : r.draft.phones) file_phone.emplace(ph.number + '\x1f' + surname_norm, i);
    if (!r.card_no.empty()) file_card.emplace(r.card_no, i);
    if (found) {
      d.line = r.line;
      d.row = summary_of_row(r);
      dup_of[i] = static_cast<int>(rep.duplicates.size());
      rep.duplicates.push_back(std::move(d));
    }
  }

  rep.blocked = !rep.errors.empty() && !o.skip_bad_rows;
  if (rep.blocked) return rep;  // nothing written; the transaction rolls back

  // Numbers the core gives start above every number of the file: none collides with a later row.
  if (!o.dry_run) {
    std::int64_t file_max = 0;
    for (const auto& r : rows)
      if (r.ok() && numeric_card(r.card_no)) file_max = std::max<std::int64_t>(file_max, std::stoll(r.card_no));
    if (file_max > 0) {
      RG_TRY_ASSIGN(auto st, db.cached(
          "INSERT INTO settings(key, value) VALUES ('next_card_no', ?1) ON CONFLICT(key) DO UPDATE SET value = "
          "CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)"));
      st->bind(1, std::to_string(file_max + 1));
      RG_TRY(st->exec());
    }
  }

  // Rows in file order. ended_in[i]: the card row i became or was merged into (a negative number
  // for a new card in a dry run), or for a skipped duplicate the card it repeats; 0: none.
  std::vector<std::int64_t> ended_in(rows.size(), 0);
  std::set<std::size_t> merge_targets;  // rows another row may merge into (a dry run keeps their drafts)
  for (const auto& d : rep.duplicates)
    if (d.other_line) merge_targets.insert(index_of_line[d.other_line]);
  std::unordered_map<std::int64_t, Patient> cards;  // merged cards as they stand now
  std::set<std::string> cards_given;
  auto card_taken = [&](const std::string& c) -> Result<bool> {
    if (cards_given.count(c)) return true;
    RG_TRY_ASSIGN(std::int64_t holder, db_card(db, c));
    return holder != 0;
  };
  auto import_new = [&](std::size_t i, std::string note) -> Status {
    const ImportRow& r = rows[i];
    std::string card = r.card_no;
    if (!card.empty()) {
      RG_TRY_ASSIGN(bool taken, card_taken(card));
      if (taken) {
        note = format_text(_("card No. %s is taken: the card gets the next free number"), card.c_str());
        card.clear();
      } else {
        cards_given.insert(card);
      }
    }
    std::int64_t id = -static_cast<std::int64_t>(i) - 1;
    if (!o.dry_run) {
      RG_TRY_ASSIGN(id, insert_patient(db, r.draft, card));
      if (card.empty()) {
        RG_TRY_ASSIGN(PatientSummary s, summary_by_id(db, id));
        card = s.card_no;
      }
    } else if (merge_targets.count(i)) {
      Patient p;
      static_cast<PatientDraft&>(p) = r.draft;
      p.card_no = card;
      cards.emplace(id, std::move(p));
    }
    ended_in[i] = id;
    rep.imported.push_back({r.line, id > 0 ? id : 0, card, std::move(note)});
    return {};
  };
  auto merge_into = [&](std::size_t i, std::int64_t target) -> Status {
    auto it = cards.find(target);
    if (it == cards.end()) {
      RG_TRY_ASSIGN(Patient p, get_patient(db, target));
      it = cards.emplace(target, std::move(p)).first;
    }
    std::vector<std::string> filled = fill_empty(it->second, rows[i].draft);
    if (!o.dry_run && !filled.empty()) {
      RG_TRY(store_patient(db, target, it->second));
    }
    ended_in[i] = target;
    rep.merged.push_back({rows[i].line, target > 0 ? target : 0, it->second.card_no,
                          filled.empty() ? std::string(_("nothing new")) : joined(filled)});
    return {};
  };

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ImportRow& r = rows[i];
    if (!r.ok()) {
      std::string why;
      for (const auto& e : r.errors) why += (why.empty() ? "" : " ") + e.reason;
      rep.skipped.push_back({r.line, why});
      continue;
    }
    if (dup_of[i] < 0) {
      RG_TRY(import_new(i, {}));
      continue;
    }
    const ImportDuplicate& d = rep.duplicates[static_cast<std::size_t>(dup_of[i])];
    const auto decided = o.decisions.find(r.line);
    // Merging by default is for the same person; a card number another person has is merged only
    // when the caller decided so for that row.
    const DuplicateAction fallback =
        o.duplicates == DuplicateAction::Merge && d.kind == DuplicateKind::SameCard ? DuplicateAction::Skip : o.duplicates;
    const DuplicateAction action = decided != o.decisions.end() ? decided->second : fallback;
    const std::int64_t target = d.patient_id ? d.patient_id : ended_in[index_of_line[d.other_line]];
    if (action == DuplicateAction::Skip) {
      ended_in[i] = target;
      const std::string other =
          d.patient_id ? format_text(_("card No. %s, %s"), d.other.card_no.c_str(),
                                     full_name(d.other.surname, d.other.name, d.other.patronymic).c_str())
                       : format_text(_("line %zu"), d.other_line);
      rep.skipped.push_back({r.line, format_text(_("A duplicate of %s: %s."), other.c_str(), d.why.c_str())});
    } else if (action == DuplicateAction::Merge && target != 0) {
      RG_TRY(merge_into(i, target));
    } else {
      RG_TRY(import_new(i, action == DuplicateAction::Merge
                               ? format_text(_("the row it repeats (line %zu) was not imported"), d.other_line)
                               : std::string()));
    }
  }

  if (!o.dry_run) {
    RG_TRY(append_audit(db, actor, "import.patients", "import", std::nullopt,
                        {{"file", o.file_name},
                         {"rows", std::to_string(rep.rows)},
                         {"imported", std::to_string(rep.imported.size())},
                         {"merged", std::to_string(rep.merged.size())},
                         {"skipped", std::to_string(rep.skipped.size())}}));
    RG_TRY(tx->commit());
    rep.written = true;
  }
  return rep;
}

Result<ImportReport> import_patients_file(Database& db, const std::filesystem::path& file, ImportOptions options,
                                          const Actor& actor) {
  RG_TRY_ASSIGN(CsvTable table, read_csv(file));
  if (options.file_name.empty()) options.file_name = file.filename().string();
  return import_patients(db, table, options, actor);
}

}  // namespace rg::db
