// Benchmarks for the foundation: patient search and the day grid against the naive LIKE scan,
// and the front desk's resident memory with the big database open.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "appointments.h"
#include "checkin.h"
#include "checkin_token.h"
#include "scan.h"
#include "receipt_printer/receipt.h"
#include "ticket.h"
#include "clinic.h"
#include "demo_seed.h"
#include "migrations.h"
#include "patients.h"
#include "slot_finder.h"

using namespace rg;
using namespace rg::db;

namespace {

struct Stats {
  double median_ms = 0, p99_ms = 0;
};

Stats measure(int iterations, const std::function<void(int)>& fn) {
  for (int i = 0; i < std::min(iterations, 20); ++i) fn(i);  // warm the page cache
  std::vector<double> ms;
  ms.reserve(size_t(iterations));
  for (int i = 0; i < iterations; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn(i);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))]; };
  return {at(0.5), at(0.99)};
}

void report(const char* what, Stats ours, const Stats* peer, double target_p99_ms) {
  std::printf("%-34s median %8.3f ms   p99 %8.3f ms   target p99 <= %.0f ms: %s\n", what,
              ours.median_ms, ours.p99_ms, target_p99_ms, ours.p99_ms <= target_p99_ms ? "met" : "MISSED");
  if (peer)
    std::printf("%-34s median %8.3f ms   p99 %8.3f ms   speed-up (median) x%.0f\n", "  naive LIKE '%...%' scan",
                peer->median_ms, peer->p99_ms, peer->median_ms / std::max(ours.median_ms, 1e-6));
}

void must(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "bench: %s failed\n", what);
    std::exit(1);
  }
}

// Runs the front desk offscreen with the database open and reports its peak resident memory.
long frontdesk_peak_rss_kb(const std::string& frontdesk, const std::string& db_path) {
  std::string png = (std::filesystem::temp_directory_path() / "rg-bench-frontdesk.png").string();
  pid_t pid = fork();
  if (pid == 0) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    execl(frontdesk.c_str(), frontdesk.c_str(), "--db", db_path.c_str(), "--screen", "patients",
          "--search", "иванов", "--screenshot", png.c_str(), "--frames", "30", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "var/bench.db", frontdesk;
  int iterations = 2000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) path = argv[++i];
    else if (a == "--frontdesk" && i + 1 < argc) frontdesk = argv[++i];
    else if (a == "--iterations" && i + 1 < argc) iterations = std::max(50, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: registratura-bench [--db PATH] [--frontdesk BIN] [--iterations N]\n");
      return 2;
    }
  }

  if (!std::filesystem::exists(path)) {
    std::printf("building the benchmark dataset (1,000,000 patients, 200 doctors, 730 days) in %s …\n", path.c_str());
    std::filesystem::create_directories(std::filesystem::absolute(path).parent_path());
    auto t0 = std::chrono::steady_clock::now();
    std::string tmp = path + ".building";
    {
      auto db = open_clinic_database(tmp);
      must(db.has_value(), "open");
      auto rep = seed_demo(*db, {.patients = 1000000, .doctors = 200, .days = 730});
      must(rep.has_value(), "seed");
      (void)db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
      std::printf("  %lld patients, %lld appointments in %.1f s\n", static_cast<long long>(rep->patients),
                  static_cast<long long>(rep->appointments),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::filesystem::rename(tmp, path);
  }

  auto opened = open_clinic(path);
  must(opened.has_value(), "open");
  Database& db = *opened;
  auto n_patients = *db.query_int("SELECT count(*) FROM patients");
  auto n_apps = *db.query_int("SELECT count(*) FROM appointments");
  auto min_card = *db.query_int("SELECT min(CAST(card_no AS INTEGER)) FROM patients");
  std::printf("dataset: %lld patients, %lld appointments (%s)\n\n", static_cast<long long>(n_patients),
              static_cast<long long>(n_apps), path.c_str());

  std::mt19937 rng(7);
  const std::vector<std::string> surnames = {"иванов", "смирн", "кузнецова", "попов", "васил", "петрова",
                                             "соколов", "новиков", "федоров", "морозова", "семенов", "ким"};
  std::vector<std::string> tails, cards;
  for (int i = 0; i < iterations; ++i) {
    tails.push_back(std::to_string(1000 + int(rng() % 9000)));
    cards.push_back(std::to_string(min_card + std::int64_t(rng() % std::uint32_t(n_patients))));
  }

  auto search = [&](const std::string& text) {
    auto r = search_patients(db, parse_patient_query(text), 0, 50);
    must(r.has_value(), "search");
  };
  Stats s_surname = measure(iterations, [&](int i) { search(surnames[size_t(i) % surnames.size()]); });
  Stats s_phone = measure(iterations, [&](int i) { search(tails[size_t(i)]); });
  Stats s_card = measure(iterations, [&](int i) { search(cards[size_t(i)]); });
  Stats s_count = measure(iterations / 4, [&](int i) {
    must(count_patients(db, parse_patient_query(surnames[size_t(i) % surnames.size()])).has_value(), "count");
  });

  // The peer: what a typical web EMR does, a LIKE scan over the raw columns.
  auto naive = [&](const char* sql, const std::vector<std::string>& args) {
    return measure(12, [&](int i) {
      auto st = db.prepare(sql);
      must(st.has_value(), "naive prepare");
      st->bind(1, args[size_t(i) % args.size()]);
      while (*st->step()) {
      }
    });
  };
  const std::vector<std::string> raw_surnames = {"Иванов", "Смирн", "Кузнецова", "Попов", "Васил", "Петрова"};
  Stats n_surname = naive("SELECT id, surname, name, patronymic, birth_date FROM patients "
                          "WHERE surname LIKE '%' || ?1 || '%' ORDER BY surname, name LIMIT 50",
                          raw_surnames);
  Stats n_phone = naive("SELECT p.id, p.surname FROM patients p JOIN patient_phones ph ON ph.patient_id = p.id "
                        "WHERE ph.phone LIKE '%' || ?1 ORDER BY p.surname LIMIT 50", tails);
  Stats n_card = naive("SELECT id, surname FROM patients WHERE card_no LIKE '%' || ?1 || '%' LIMIT 50", cards);

  // The grid the desk reloads whenever another desk or the kiosk writes: the busiest day of
  // the coming week, reloaded; and, for comparison, a different day every time (cold pages).
  Date today_d = today(), busiest = today_d;
  size_t busiest_n = 0;
  for (int d = 0; d < 7; ++d) {
    auto g = load_day_grid(db, today_d.plus_days(d));
    must(g.has_value(), "day grid");
    if (g->appointments.size() > busiest_n) {
      busiest_n = g->appointments.size();
      busiest = today_d.plus_days(d);
    }
  }
  auto grid = load_day_grid(db, busiest);
  must(grid.has_value(), "day grid");
  Stats s_grid = measure(std::max(50, iterations / 4), [&](int) {
    must(load_day_grid(db, busiest).has_value(), "day grid");
  });
  Stats s_grid_cold = measure(std::max(50, iterations / 10), [&](int i) {
    must(load_day_grid(db, today_d.plus_days(i % 300 - 150)).has_value(), "day grid");
  });

  std::printf("patient search, one page of 50 (%d runs each)\n", iterations);
  report("  surname prefix", s_surname, &n_surname, 1);
  report("  phone, last 4 digits", s_phone, &n_phone, 1);
  report("  medical card number", s_card, &n_card, 1);
  std::printf("%-34s median %8.3f ms   p99 %8.3f ms   (\"found N\" under the box)\n", "  count of all matches",
              s_count.median_ms, s_count.p99_ms);
  std::printf("\nday grid %s: %zu doctors, %zu appointments\n", busiest.iso().c_str(), grid->doctors.size(),
              grid->appointments.size());
  report("  full day, all doctors, names", s_grid, nullptr, 2);
  std::printf("%-34s median %8.3f ms   p99 %8.3f ms   (first look at a day: pages not yet mapped)\n",
              "  a different day every time", s_grid_cold.median_ms, s_grid_cold.p99_ms);

  // The slot finder: a visit to the three most staffed specialties, back to back, for a patient,
  // over the next 30 days from a start that moves a little; "now" is the earliest start.
  {
    std::vector<std::int64_t> specs;
    std::string spec_names;
    auto sp = db.prepare("SELECT ds.specialty_id, s.name, count(*) FROM doctor_specialties ds "
                         "JOIN doctors d ON d.id = ds.doctor_id JOIN specialties s ON s.id = ds.specialty_id "
                         "WHERE d.active = 1 GROUP BY ds.specialty_id ORDER BY count(*) DESC, ds.specialty_id LIMIT 3");
    must(sp.has_value(), "specialties");
    while (*sp->step()) {
      specs.push_back(sp->col_int(0));
      spec_names += (spec_names.empty() ? "" : ", ") + sp->col_text(1) + " (" + std::to_string(sp->col_int(2)) + ")";
    }
    must(specs.size() == 3, "three specialties with doctors");
    const int slot_runs = std::max(50, iterations * 3 / 20);
    std::vector<std::int64_t> patients;
    auto min_patient = *db.query_int("SELECT min(id) FROM patients");
    for (int i = 0; i < slot_runs; ++i) patients.push_back(min_patient + std::int64_t(rng() % std::uint32_t(n_patients)));
    auto slot_request = [&](int i, bool fixed) {
      SlotRequest r;
      for (auto s : specs) r.needs.push_back({std::nullopt, s, {}, 0});
      r.from = today_d.plus_days(i % 14);
      r.to = r.from.plus_days(29);
      r.fixed_order = fixed;
      r.patient_id = patients[size_t(i)];
      r.not_before = now_unix();
      return r;
    };
    size_t found_options = 0;
    auto ours = [&](int i, bool fixed) {
      auto r = find_slots(db, slot_request(i, fixed));
      must(r.has_value() && !r->empty(), "slot finder");
      found_options += r->size();
      return *r;
    };
    // The peer: the same search a day at a time, each day read with its own queries (hours,
    // doctors', rooms' and the patient's bookings), walking the days until the options are filled.
    auto per_day = [&](int i, bool fixed) {
      SlotRequest r = slot_request(i, fixed);
      std::vector<SlotOption> out;
      for (Date d = r.from; d <= r.to && out.size() < size_t(r.max_options); d = d.plus_days(1)) {
        SlotRequest one = r;
        one.from = one.to = d;
        auto day = find_slots(db, one);
        must(day.has_value(), "slot finder, one day");
        out.insert(out.end(), day->begin(), day->end());
      }
      if (out.size() > size_t(r.max_options)) out.resize(size_t(r.max_options));
      return out;
    };
    auto same = [](const std::vector<SlotOption>& a, const std::vector<SlotOption>& b) {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].steps.size() != b[i].steps.size()) return false;
        for (size_t k = 0; k < a[i].steps.size(); ++k)
          if (a[i].steps[k].doctor_id != b[i].steps[k].doctor_id || a[i].steps[k].start_at != b[i].steps[k].start_at)
            return false;
      }
      return true;
    };
    for (int i = 0; i < 14; ++i) must(same(ours(i, true), per_day(i, true)), "slot finder and its peer agree");
    found_options = 0;
    Stats s_slots = measure(slot_runs, [&](int i) { ours(i, true); });
    const double per_run = double(found_options) / double(slot_runs + std::min(slot_runs, 20));
    Stats s_slots_any = measure(slot_runs, [&](int i) { ours(i, false); });
    Stats n_slots = measure(slot_runs, [&](int i) { per_day(i, true); });

    std::printf("\nslot finder, 30 days from today + 0..13, %d runs, %.1f options a run: %s back to back\n",
                slot_runs, per_run, spec_names.c_str());
    report("  fixed order", s_slots, nullptr, 5);
    report("  any order (6 orders)", s_slots_any, nullptr, 5);
    std::printf("%-34s median %8.3f ms   p99 %8.3f ms   ratio to fixed order (median) x%.1f\n",
                "  peer: each day queried alone", n_slots.median_ms, n_slots.p99_ms,
                n_slots.median_ms / std::max(s_slots.median_ms, 1e-6));
  }

  // Check-in at the kiosk: the card scanned → today's appointments found → the check-in
  // committed durably (synchronous=FULL) with a queue number and a desk event. Each run checks in
  // a different patient booked on a day of the dataset, at ten minutes before the appointment;
  // afterwards they are put back as confirmed (the one step back from arrived the schema allows;
  // the audit log keeps its lines).
  {
    const std::int64_t day0 = to_unix(today().plus_days(3), 0);
    std::vector<std::pair<std::string, std::int64_t>> cases;  // card, start
    {
      auto st = db.prepare(
          "SELECT p.card_no, a.start_at FROM appointments a JOIN patients p ON p.id = a.patient_id "
          "WHERE a.start_at >= ?1 AND a.start_at < ?2 AND a.status IN ('booked', 'confirmed') "
          "AND a.visit_kind = 'repeat' ORDER BY a.id LIMIT 400");
      must(st.has_value(), "check-in cases");
      st->bind_all(day0, day0 + 86400);
      while (*st->step()) cases.emplace_back(st->col_text(0), st->col_int(1));
    }
    must(cases.size() >= 100, "enough booked patients for the check-in bench");
    const int runs = int(cases.size());
    auto rules = *load_checkin_rules(db);
    const std::vector<unsigned char> secret(32, 0x5A);
    std::vector<std::int64_t> touched;
    size_t next = 0;  // every call (warm-up included) takes the next patient
    Stats s_checkin = measure(runs - 20, [&](int) {
      const auto& [card, start] = cases[next++ % cases.size()];
      auto scan = codes::classify_scan(card + "\r\n");  // as the scanner sends it
      must(std::holds_alternative<codes::CardNumberScan>(scan), "scan");
      Identity who;
      who.card_no = std::get<codes::CardNumberScan>(scan).digits;
      auto plan = plan_checkin(db, who, start - 600, rules);
      must(plan.has_value(), "plan");
      if (plan->to_check_in.empty()) return;  // a patient seen twice: already checked in
      auto done = check_in(db, *plan, start - 600, Actor::kiosk("bench"));
      must(done.has_value(), "check-in");
      // The ticket's bytes, as the kiosk sends them to the printer (with the slip's QR).
      kiosk::TicketData t{done->queue_number, plan->masked_name, done->visits, !plan->desk.empty(),
                          done->visits.front().appointment_id};
      auto bytes = drivers::to_escpos(
          kiosk::ticket_receipt(t, "Клиника", codes::make_checkin_token(t.first_appointment, secret), start - 600),
          drivers::default_profile_58mm());
      must(bytes.size() > 100, "ticket bytes");
      for (const auto& v : done->visits) touched.push_back(v.appointment_id);
    });
    // The peer: the same lookup without the card index, as a kiosk bolted onto a web EMR that
    // finds the patient by LIKE.
    Stats n_lookup = measure(50, [&](int i) {
      auto st = db.prepare("SELECT id FROM patients WHERE card_no LIKE ?1");
      must(st.has_value(), "naive lookup");
      st->bind(1, cases[size_t(i) % cases.size()].first);
      must(st->step().has_value(), "naive lookup");
    });
    {
      auto tx = Transaction::begin(db);
      must(tx.has_value(), "clean-up");
      for (auto id : touched) {
        auto up = db.prepare("UPDATE appointments SET status = 'confirmed', checked_in_at = NULL, checked_in_by = NULL WHERE id = ?1");
        up->bind(1, id);
        must(up->exec().has_value(), "clean-up");
      }
      must(db.exec("DELETE FROM queue_tickets WHERE issued_by = 'kiosk:bench'; "
                   "DELETE FROM desk_events WHERE source = 'kiosk:bench'").has_value(), "clean-up");
      must(tx->commit().has_value(), "clean-up");
    }
    std::printf("\ncheck-in, %d patients: scan → plan → durable check-in (queue number, desk event) → ticket bytes\n", runs - 20);
    report("  kiosk check-in", s_checkin, nullptr, 20);
    std::printf("%-34s median %8.3f ms   p99 %8.3f ms   ratio to the whole check-in (median) x%.0f\n",
                "  peer: card lookup by LIKE only", n_lookup.median_ms, n_lookup.p99_ms,
                n_lookup.median_ms / std::max(s_checkin.median_ms, 1e-6));
  }

  if (!frontdesk.empty() && std::filesystem::exists(frontdesk)) {
    long kb = frontdesk_peak_rss_kb(frontdesk, path);
    if (kb < 0) {
      std::printf("\nfront desk resident memory: could not run %s\n", frontdesk.c_str());
    } else {
      std::printf("\nfront desk peak resident memory with this database open: %.1f MB   target <= 150 MB: %s\n",
                  double(kb) / 1024.0, kb <= 150 * 1024 ? "met" : "MISSED");
    }
  }
  return 0;
}
