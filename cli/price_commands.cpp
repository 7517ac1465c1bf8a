#include "price_commands.h"

#include <cstdio>
#include <filesystem>
#include <optional>

#include "clinic.h"
#include "price_files.h"

namespace rg::cli {
namespace {

int usage() {
  std::fprintf(stderr,
               "Usage:\n"
               "  registratura prices export [--db PATH] --to FILE.csv|FILE.xlsx\n"
               "  registratura prices import [--db PATH] FILE.csv [--from YYYY-MM-DD] [--dry-run]\n"
               "New prices take effect from --from (default: tomorrow); a price in force is never changed.\n");
  return 2;
}

int refused(const Error& e) {
  std::fprintf(stderr, "registratura: %s\n", e.message.c_str());
  return 1;
}

const char* kind_word(db::ImportLineKind k) {
  switch (k) {
    case db::ImportLineKind::New: return "new";
    case db::ImportLineKind::Changed: return "changes";
    case db::ImportLineKind::Same: return "same";
    default: return "WRONG";
  }
}

void print_preview(const db::PriceImportPreview& p) {
  std::printf("%s: %s, separator '%s'; new prices from %s\n", p.file.c_str(), p.encoding.c_str(),
              p.separator == '\t' ? "tab" : std::string(1, p.separator).c_str(), p.from.iso().c_str());
  for (const auto& problem : p.problems) std::printf("  the file: %s\n", problem.c_str());
  for (const auto& note : p.notes) std::printf("  note: %s\n", note.c_str());
  for (const auto& l : p.lines) {
    if (l.kind == db::ImportLineKind::Same) continue;
    std::printf("  line %zu  %-12s %-8s %s\n", l.line, l.code.c_str(), kind_word(l.kind), l.name.c_str());
    if (l.kind == db::ImportLineKind::Wrong) std::printf("      %s\n", l.problem.c_str());
    for (const auto& c : l.changes) std::printf("      %s\n", c.c_str());
  }
  std::printf("new: %d, changed: %d (prices: %d), unchanged: %d, wrong: %d\n", p.added, p.changed, p.prices, p.same,
              p.wrong);
}

}  // namespace

int run_price_command(int argc, char** argv, std::string path) {
  if (argc < 3) return usage();
  const std::string sub = argv[2];
  std::string to, file, from_text;
  bool dry_run = false;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    if (a == "--db" || a == "--to" || a == "--from") {
      auto v = value();
      if (!v) {
        std::fprintf(stderr, "registratura: %s needs a value\n", a.c_str());
        return 2;
      }
      (a == "--db" ? path : a == "--to" ? to : from_text) = *v;
    } else if (a == "--dry-run") {
      dry_run = true;
    } else if (!a.starts_with("--") && file.empty()) {
      file = a;
    } else {
      return usage();
    }
  }
  if (sub != "export" && sub != "import") return usage();
  if (sub == "export" && (to.empty() || !file.empty() || dry_run || !from_text.empty())) return usage();
  if (sub == "import" && (file.empty() || !to.empty())) return usage();

  auto db = db::open_clinic(path, {.create = false});
  if (!db) return refused(db.error());
  const db::Actor actor = db::Actor::system("cli");
  const std::int64_t now = db::now_unix();
  if (sub == "export") {
    auto n = db::export_price_list(*db, to, now, actor);
    if (!n) return refused(n.error());
    std::printf("%s: %lld service(s)\n", to.c_str(), static_cast<long long>(*n));
    return 0;
  }
  Date from = to_local(now).date.plus_days(1);
  if (!from_text.empty()) {
    auto d = Date::parse_iso(from_text);
    if (!d || !d->valid()) {
      std::fprintf(stderr, "registratura: --from is a date as YYYY-MM-DD, not '%s'\n", from_text.c_str());
      return 2;
    }
    from = *d;
  }
  auto table = db::read_csv(file);
  if (!table) return refused(table.error());
  const std::string name = std::filesystem::path(file).filename().string();
  auto preview = db::preview_price_import(*db, *table, name, from, now);
  if (!preview) return refused(preview.error());
  print_preview(*preview);
  if (!preview->ok()) {
    std::printf("Nothing was written: correct the file and import it again.\n");
    return 1;
  }
  if (dry_run) {
    std::printf("Nothing was written (--dry-run).\n");
    return 0;
  }
  auto applied = db::apply_price_import(*db, *table, name, from, now, actor);
  if (!applied) return refused(applied.error());
  if (applied->added + applied->changed == 0) std::printf("Nothing to change: the price list already says so.\n");
  else
    std::printf("Imported: %d new, %d changed; new prices from %s.\n", applied->added, applied->changed,
                from.iso().c_str());
  return 0;
}

}  // namespace rg::cli
