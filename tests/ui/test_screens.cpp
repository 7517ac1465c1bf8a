// Both applications render every screen offscreen, for real: the built binaries run against a
// demo clinic under SDL's offscreen driver and the PNGs they write are read back and inspected.
#include <doctest/doctest.h>

#include <stb_image.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "database.h"
#include "temp_dir.h"

namespace {

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgba;

  // Share of pixels that have the most common colour: 1.0 is a blank screen.
  double dominant_share() const {
    std::map<std::uint32_t, int> counts;
    for (size_t i = 0; i + 3 < rgba.size(); i += 4)
      ++counts[std::uint32_t(rgba[i]) << 16 | std::uint32_t(rgba[i + 1]) << 8 | rgba[i + 2]];
    int best = 0;
    for (auto& [c, n] : counts) best = std::max(best, n);
    return double(best) / (double(w) * h);
  }
  size_t distinct_colours() const {
    std::map<std::uint32_t, int> counts;
    for (size_t i = 0; i + 3 < rgba.size(); i += 4)
      ++counts[std::uint32_t(rgba[i]) << 16 | std::uint32_t(rgba[i + 1]) << 8 | rgba[i + 2]];
    return counts.size();
  }
  // Pixels that differ between two images of the same size.
  size_t differing_pixels(const Image& o) const { return differing_pixels(o, 0, 0, w, h); }
  // Within the rectangle [x0, x1) × [y0, y1).
  size_t differing_pixels(const Image& o, int x0, int y0, int x1, int y1) const {
    size_t n = 0;
    if (w != o.w || h != o.h) return size_t(w) * size_t(h);
    for (int y = std::max(0, y0); y < std::min(h, y1); ++y)
      for (int x = std::max(0, x0); x < std::min(w, x1); ++x) {
        const size_t i = (size_t(y) * size_t(w) + size_t(x)) * 4;
        if (rgba[i] != o.rgba[i] || rgba[i + 1] != o.rgba[i + 1] || rgba[i + 2] != o.rgba[i + 2]) ++n;
      }
    return n;
  }
};

Image load_png(const std::string& path) {
  Image img;
  int channels = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> data(stbi_load(path.c_str(), &img.w, &img.h, &channels, 4),
                                                       stbi_image_free);
  REQUIRE_MESSAGE(data, path << ": " << stbi_failure_reason());
  img.rgba.assign(data.get(), data.get() + size_t(img.w) * size_t(img.h) * 4);
  return img;
}

struct Run {
  int status = -1;
  std::string out, err;
};

// Runs a command line with the offscreen video driver; stdout and stderr are captured.
Run run(const rg::test::TempDir& dir, const std::string& command) {
  std::string out = dir.file("stdout"), err = dir.file("stderr");
  std::string line = "SDL_VIDEODRIVER=offscreen " + command + " >'" + out + "' 2>'" + err + "'";
  Run r;
  int rc = std::system(line.c_str());
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  auto slurp = [](const std::string& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// One small demo clinic for the whole suite: seeding is the slow part.
const std::string& demo_db() {
  static rg::test::TempDir dir;
  static std::string path = [] {
    std::string p = dir.file("clinic.db");
    Run r = run(dir, std::string(REGISTRATURA_CLI) + " demo-seed --patients 400 --doctors 12 --days 30 --db '" + p + "'");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return p;
  }();
  return path;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) v.push_back(l);
  return v;
}

void check_screen(const std::string& path, int w, int h) {
  INFO(path);
  Image img = load_png(path);
  CHECK(img.w == w);
  CHECK(img.h == h);
  // Text, frames and colour on every screen: not a blank or single-colour window.
  CHECK(img.dominant_share() < 0.97);
  CHECK(img.distinct_colours() > 50);
}

}  // namespace

TEST_CASE("every front desk screen renders offscreen with content, in Russian and in English") {
  rg::test::TempDir out;
  auto count = [](const char* sql) {
    auto db = rg::db::Database::open(demo_db(), {.create = false});
    REQUIRE(db);
    return *db->query_int(sql);
  };
  const auto patients = count("SELECT count(*) FROM patients");
  Run r = run(out, std::string(REGISTRATURA_FRONTDESK) + " --db '" + demo_db() + "' --screenshot-all '" +
                       out.file("ru") + "'");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto ru = lines(r.out);
  // The administrator left «Новый пациент…» filled in (a twin of a card, its shot taken) when the
  // operator took the desk over: the switch discarded the form — no card was half-saved or saved
  // behind anyone's back.
  CHECK(std::count_if(ru.begin(), ru.end(), [](const std::string& p) { return p.ends_with("frontdesk-patients-new.png"); }) == 1);
  CHECK(count("SELECT count(*) FROM patients") == patients);
  CHECK(count("SELECT count(*) FROM audit_log WHERE action = 'patient.create'") ==
        count("SELECT count(*) FROM audit_log WHERE action = 'patient.create' AND actor LIKE 'system:%'"));

  // The sign-in form first; then every screen, each as the first demo person who may open it
  // (the administrator, the operator, the manager, a doctor); the locked desk last. One PNG each.
  REQUIRE(ru.size() >= 2);
  CHECK(ru[0].ends_with("frontdesk-sign-in.png"));
  CHECK(ru[1].ends_with("frontdesk-sign-in-refused.png"));
  CHECK(ru.back().ends_with("frontdesk-locked.png"));
  for (const char* screen : {"schedule", "patients", "flow", "cash", "calls", "documents", "reports", "audit", "settings",
                             "my_day"})
    CHECK_MESSAGE(std::count_if(ru.begin(), ru.end(),
                                [&](const std::string& p) {
                                  return p.ends_with(std::string("frontdesk-") + screen + ".png");
                                }) == 1,
                  screen);
  for (const auto& p : ru) {
    CHECK(std::filesystem::exists(p));
    check_screen(p, 1600, 900);
  }

  Run en = run(out, std::string(REGISTRATURA_FRONTDESK) + " --lang en --db '" + demo_db() +
                        "' --screenshot-all '" + out.file("en") + "'");
  REQUIRE_MESSAGE(en.status == 0, en.err);
  auto en_paths = lines(en.out);
  REQUIRE(en_paths.size() == ru.size());
  // The language changes what is drawn: the Russian catalogue was found and used.
  Image a = load_png(ru[0]), b = load_png(en_paths[0]);
  CHECK(a.differing_pixels(b) > 1000);
}

TEST_CASE("the patients screen shows what a search finds") {
  rg::test::TempDir out;
  Run found = run(out, std::string(REGISTRATURA_FRONTDESK) + " --db '" + demo_db() +
                           "' --screen patients --search и --screenshot '" + out.file("found.png") + "'");
  REQUIRE_MESSAGE(found.status == 0, found.err);
  Run none = run(out, std::string(REGISTRATURA_FRONTDESK) + " --db '" + demo_db() +
                          "' --screen patients --search Щщщщщщ --screenshot '" + out.file("none.png") + "'");
  REQUIRE_MESSAGE(none.status == 0, none.err);
  Image a = load_png(out.file("found.png")), b = load_png(out.file("none.png"));
  // A page of rows drawn against an empty list: many pixels differ.
  CHECK(a.differing_pixels(b) > 20000);
  CHECK(a.distinct_colours() > b.distinct_colours());
}

TEST_CASE("a card scanned at the desk opens the patient's card and an unknown one is said so") {
  rg::test::TempDir out;
  const std::string desk = std::string(REGISTRATURA_FRONTDESK) + " --db '" + demo_db() + "' ";
  auto shot = [&](const std::string& args, const std::string& name) {
    Run r = run(out, desk + args + " --screenshot '" + out.file(name) + "'");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return load_png(out.file(name));
  };
  // From the settings screen (static below the top bar, whose clock may tick between runs).
  Image settings = shot("--screen settings", "settings.png");
  Image patients = shot("--screen patients", "patients.png");
  Image scanned = shot("--screen settings --scan 10001", "scanned.png");  // a demo patient's card
  Image unknown = shot("--screen settings --scan 99999999", "unknown.png");  // nobody's card
  Image garbage = shot("--screen settings --scan 'hex:00ff1b5b'", "garbage.png");  // not a code at all
  const int bar = 44, right = 1100, low = 600;  // the notifications stack in the bottom right
  // The scan moved the desk to the patients screen and opened a card there: more than the
  // patients screen with nobody chosen.
  CHECK(scanned.differing_pixels(settings, 0, bar, 1600, 900) > 100000);
  CHECK(scanned.differing_pixels(patients, 0, bar, 1600, 900) > 20000);
  // Nobody found, or nothing readable: the settings stay, with a notification in the corner.
  for (const Image* other : {&unknown, &garbage}) {
    CHECK(other->differing_pixels(settings, right, low, 1600, 900) > 2000);
    CHECK(other->differing_pixels(settings, 0, bar, 1600, low) == 0);
    CHECK(other->differing_pixels(settings, 0, bar, right, 900) == 0);
  }
  CHECK(unknown.differing_pixels(garbage, right, low, 1600, 900) > 0);  // two different sentences

  // A database that cannot answer (here: a column gone) is not "nobody has this card": the
  // notice says the lookup failed, and the screen stays.
  const std::string broken = out.file("broken.db");
  std::filesystem::copy_file(demo_db(), broken);
  {
    auto db = rg::db::Database::open(broken, {.create = false});
    REQUIRE(db);
    REQUIRE(db->exec("ALTER TABLE patients RENAME COLUMN card_no TO card_number"));
  }
  Run r = run(out, std::string(REGISTRATURA_FRONTDESK) + " --db '" + broken +
                       "' --screen settings --scan 99999999 --screenshot '" + out.file("failed.png") + "'");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  Image failed = load_png(out.file("failed.png"));
  CHECK(failed.differing_pixels(settings, 0, bar, right, 900) == 0);
  CHECK(failed.differing_pixels(unknown, right, low, 1600, 900) > 500);
}

TEST_CASE("the kiosk renders every screen in landscape and portrait, Russian first") {
  rg::test::TempDir out;
  Run r = run(out, std::string(REGISTRATURA_KIOSK) + " --db '" + demo_db() + "' --screenshot-all '" +
                       out.path().string() + "'");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto paths = lines(r.out);
  // Every screen (start, keypad, checked in, first visit, the desk's reasons, unavailable) twice.
  REQUIRE(paths.size() >= 16);
  for (const auto& p : paths) {
    bool portrait = p.find("portrait") != std::string::npos;
    check_screen(p, portrait ? 1080 : 1920, portrait ? 1920 : 1080);
  }
  Image ru = load_png(out.file("kiosk-start-landscape.png"));
  Image en = load_png(out.file("kiosk-start-en-landscape.png"));
  CHECK(ru.differing_pixels(en) > 1000);
}

TEST_CASE("an application pointed at a missing database says so and creates nothing") {
  rg::test::TempDir out;
  std::string missing = out.file("no-such-clinic.db");
  for (const char* app : {REGISTRATURA_FRONTDESK, REGISTRATURA_KIOSK}) {
    INFO(app);
    Run r = run(out, std::string(app) + " --db '" + missing + "' --screenshot '" + out.file("x.png") + "'");
    CHECK(r.status == 1);
    CHECK(r.err.find("no-such-clinic.db") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(missing));
    CHECK_FALSE(std::filesystem::exists(out.file("x.png")));
  }
}

TEST_CASE("the desk opens on the sign-in form, and each person only on the screens of their role") {
  rg::test::TempDir out;
  const std::string desk = std::string(REGISTRATURA_FRONTDESK) + " --db '" + demo_db() + "' ";
  // Nobody signed in: the form, and nothing of the clinic's data (a near-empty picture).
  Run form = run(out, desk + "--as none --screenshot '" + out.file("form.png") + "'");
  REQUIRE_MESSAGE(form.status == 0, form.err);
  Run schedule = run(out, desk + "--screen schedule --screenshot '" + out.file("schedule.png") + "'");
  REQUIRE_MESSAGE(schedule.status == 0, schedule.err);
  Image a = load_png(out.file("form.png")), b = load_png(out.file("schedule.png"));
  CHECK(a.distinct_colours() < b.distinct_colours());
  CHECK(a.differing_pixels(b) > 100000);
  // An operator has no reports and no till; the manager has the reports.
  Run op = run(out, desk + "--as operator --screen reports --screenshot '" + out.file("x.png") + "'");
  CHECK(op.status == 2);
  CHECK(op.err.find("no screen 'reports' for this person") != std::string::npos);
  CHECK(run(out, desk + "--as operator --screen cash --screenshot '" + out.file("x.png") + "'").status == 2);
  Run boss = run(out, desk + "--as manager --screen reports --screenshot '" + out.file("r.png") + "'");
  CHECK_MESSAGE(boss.status == 0, boss.err);
  // The audit journal is the manager's, not the desk's.
  CHECK(run(out, desk + "--screen audit --screenshot '" + out.file("x.png") + "'").status == 2);
  Run journal = run(out, desk + "--as manager --screen audit --screenshot '" + out.file("a.png") + "'");
  CHECK_MESSAGE(journal.status == 0, journal.err);
  // Nobody signs in from the command line outside screenshots.
  Run bypass = run(out, desk + "--as manager");
  CHECK(bypass.status == 2);
  CHECK(bypass.err.find("screenshots only") != std::string::npos);
}

TEST_CASE("accounts from the command line: the secret from stdin, refusals in words, blocking") {
  rg::test::TempDir out;
  const std::string db = out.file("clinic.db");
  std::filesystem::copy_file(demo_db(), db);
  const std::string cli = std::string(REGISTRATURA_CLI) + " ";
  auto with_stdin = [&](const std::string& secret, const std::string& args) {
    return run(out, "printf '" + secret + "\\n' | " + cli + args + " --db '" + db + "'");
  };
  Run added = with_stdin("secret-pass-1", "user-add --login novikova --name 'Новикова Вера Ивановна' --role admin,cashier "
                                          "--position Администратор");
  REQUIRE_MESSAGE(added.status == 0, added.err);
  Run list = run(out, cli + "user-list --db '" + db + "'");
  REQUIRE(list.status == 0);
  CHECK(list.out.find("novikova") != std::string::npos);
  CHECK(list.out.find("admin,cashier") != std::string::npos);
  CHECK(list.out.find("secret") == std::string::npos);
  Run weak = with_stdin("short", "user-add --login weak --name 'Слабый С. С.' --role admin");
  CHECK(weak.status == 2);
  CHECK(weak.err.find("at least 8 characters") != std::string::npos);
  Run role = with_stdin("secret-pass-1", "user-add --login odd --name 'Странный С. С.' --role janitor");
  CHECK(role.status == 2);
  Run again = with_stdin("secret-pass-1", "user-add --login novikova --name 'Двойник' --role admin");
  CHECK(again.status == 1);
  CHECK(again.err.find("login is taken") != std::string::npos);
  CHECK(with_stdin("4321", "user-pin --login novikova").status == 0);
  CHECK(with_stdin("12", "user-pin --login novikova").status == 1);
  CHECK(run(out, cli + "user-block --login novikova --reason 'в отпуске по уходу' --db '" + db + "'").status == 0);
  list = run(out, cli + "user-list --db '" + db + "'");
  CHECK(list.out.find("BLOCKED") != std::string::npos);
  CHECK(run(out, cli + "user-block --login nobody --reason x --db '" + db + "'").status == 1);
}

TEST_CASE("an unknown option prints the usage and fails") {
  rg::test::TempDir out;
  for (const char* app : {REGISTRATURA_FRONTDESK, REGISTRATURA_KIOSK}) {
    Run r = run(out, std::string(app) + " --no-such-option");
    CHECK(r.status == 2);
    CHECK(r.err.find("Usage:") != std::string::npos);
  }
}

TEST_CASE("both applications, the locked kiosk too, stop cleanly when the system asks (SIGTERM)") {
  const std::string db = demo_db();  // seeded before the fork, not in the child
  for (const char* app : {REGISTRATURA_FRONTDESK, REGISTRATURA_KIOSK}) {
    INFO(app);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      setenv("SDL_VIDEODRIVER", "offscreen", 1);
      // The kiosk without --windowed runs fullscreen and locked, as in the lobby.
      execl(app, app, "--db", db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    usleep(1500 * 1000);  // let it open its window and draw
    int status = 0;
    REQUIRE(waitpid(pid, &status, WNOHANG) == 0);  // still running: it did not crash or quit
    kill(pid, SIGTERM);
    int waited = 0;
    while (waitpid(pid, &status, WNOHANG) == 0 && waited < 100) usleep(50 * 1000), ++waited;
    if (waited >= 100) kill(pid, SIGKILL), waitpid(pid, &status, 0);
    CHECK(waited < 100);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
}
