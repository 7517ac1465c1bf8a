// The slot finder reads the hours of the whole range at once and the busy time of the doctors,
// their rooms and the patient in a few windows of days (one indexed query per kind each), then
// searches day by day in memory. A day's chains come from a small dynamic programme over the
// steps: each placement of a step keeps only the best way on from it, so a day costs
// placements × max_gap instead of the product of every step's placements.
#include "slot_finder.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <numeric>
#include <span>
#include <string_view>
#include <unordered_map>

#include "clinic.h"
#include "hours.h"
#include "i18n.h"
#include "staff.h"

namespace rg::db {
namespace {

constexpr size_t kMaxNeeds = 4;
constexpr int kMaxDays = 93, kPerDay = 3, kShortGap = 30, kDefaultMaxGap = 15, kDay = 1440, kFirstWindow = 7;
constexpr std::int64_t kLongest = 12 * 3600;  // the longest appointment the schema allows

struct Span {
  std::int64_t start = 0, end = 0;  // UTC seconds
};
using SpanMap = std::unordered_map<std::int64_t, std::vector<Span>>;

struct Model {
  std::vector<std::vector<size_t>> need_doctors;  // per need: indices into `doctors`
  std::vector<int> durations;                     // per need, minutes
  std::vector<std::int64_t> doctors, rooms;       // every candidate, and every room of their hours
  std::vector<std::vector<std::vector<WorkPeriod>>> periods;  // [doctor][day]: open periods
  SpanMap doctor_busy, room_busy, patient_busy;
  int loaded_from = -1, loaded_to = 0;  // the days whose busy time has been read
};

Status check_request(const SlotRequest& r) {
  if (r.needs.empty() || r.needs.size() > kMaxNeeds)
    return fail(ErrorCode::Invalid, _("Choose from one to four specialists for the visit."));
  if (r.to < r.from) return fail(ErrorCode::Invalid, _("The search must end on or after its first day."));
  if (r.from.days_until(r.to) >= kMaxDays) return fail(ErrorCode::Invalid, _("Search at most 93 days at a time."));
  if (r.day_from_min < 0 || r.day_to_min > kDay || r.day_from_min >= r.day_to_min)
    return fail(ErrorCode::Invalid, _("The time of day must start before it ends."));
  if (r.step_min < 1 || r.step_min > 240 || r.max_gap_min < 0 || r.max_gap_min > 720 || r.max_options < 1)
    return fail(ErrorCode::Invalid, _("The search settings are out of range."));
  for (const SlotNeed& n : r.needs) {
    if (!n.service_id && !n.specialty_id && n.doctor_ids.empty())
      return fail(ErrorCode::Invalid, _("Choose a service, a specialty or a doctor for every specialist."));
    if (n.duration_min < 0 || n.duration_min > 720)
      return fail(ErrorCode::Invalid, _("An appointment lasts from 1 minute to 12 hours."));
  }
  return {};
}

std::string json_ids(std::span<const std::int64_t> ids) {
  std::string s = "[";
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i]);
  return s + "]";
}

Status read_ids(CachedStatement& st, std::vector<std::int64_t>& out) {
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) return {};
    out.push_back(st->col_int(0));
  }
}

// One need's candidate doctors (appended to `ids`) and its duration.
Result<int> resolve_need(Database& db, const SlotNeed& n, std::vector<std::int64_t>& ids) {
  std::optional<std::int64_t> specialty = n.specialty_id;
  int duration = n.duration_min > 0 ? n.duration_min : 30;
  if (n.service_id) {
    RG_TRY_ASSIGN(auto sv, db.cached("SELECT specialty_id, duration_min FROM services WHERE id = ?1"));
    sv->bind(1, *n.service_id);
    RG_TRY_ASSIGN(bool row, sv->step());
    if (!row) return fail(ErrorCode::NotFound, _("The service is not in the price list."));
    if (!specialty) specialty = sv->col_opt_int(0);
    if (n.duration_min == 0) duration = int(sv->col_int(1));
  }
  if (!n.doctor_ids.empty()) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT id FROM doctors WHERE active = 1 AND id IN (SELECT value FROM json_each(?1)) ORDER BY id"));
    st->bind(1, json_ids(n.doctor_ids));
    RG_TRY(read_ids(st, ids));
  } else if (specialty) {
    RG_TRY_ASSIGN(auto st, db.cached(
        "SELECT d.id FROM doctor_specialties s JOIN doctors d ON d.id = s.doctor_id "
        "WHERE s.specialty_id = ?1 AND d.active = 1 ORDER BY d.id"));
    st->bind(1, *specialty);
    RG_TRY(read_ids(st, ids));
  }
  return duration;
}

// Adds the held appointments of the given doctors, rooms or patient that start in [from, to)
// and end after `after`, by key and start.
Status load_busy(Database& db, std::string_view column, std::span<const std::int64_t> keys, std::int64_t from,
                 std::int64_t to, std::int64_t after, SpanMap& out) {
  if (keys.empty()) return {};
  const std::string col(column);
  RG_TRY_ASSIGN(auto st, db.cached(
      "SELECT " + col + ", start_at, end_at FROM appointments WHERE " + col +
      " IN (SELECT value FROM json_each(?1)) AND start_at >= ?2 AND start_at < ?3 AND end_at > ?4 "
      "AND status IN ('booked','confirmed','arrived','in_room','done')"));
  st->bind_all(json_ids(keys), from, to, after);
  for (;;) {
    RG_TRY_ASSIGN(bool row, st->step());
    if (!row) break;
    out[st->col_int(0)].push_back({st->col_int(1), st->col_int(2)});
  }
  for (auto& [key, spans] : out)
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
  return {};
}

// Reads the busy time of the next window of days, from `day` on the first call: a week, then
// windows as long as all read so far. Most searches are done within their first week, whose
// rows are a fraction of a month's; 93 days take at most five windows. Windows split by start
// time, so nothing is read twice.
Status load_window(Database& db, const SlotRequest& r, Model& m, int day) {
  const bool first = m.loaded_from < 0;
  if (first) m.loaded_from = m.loaded_to = day;
  const int length = std::max(kFirstWindow, m.loaded_to - m.loaded_from);
  const int upto = std::min(r.from.days_until(r.to) + 1, m.loaded_to + length);
  const std::int64_t after = to_unix(r.from.plus_days(m.loaded_from), 0);
  // The first window also looks back as far as the longest appointment, like the schema's triggers.
  const std::int64_t from = first ? after - kLongest : to_unix(r.from.plus_days(m.loaded_to), 0);
  const std::int64_t to = to_unix(r.from.plus_days(upto), 0);
  RG_TRY(load_busy(db, "doctor_id", m.doctors, from, to, after, m.doctor_busy));
  RG_TRY(load_busy(db, "room_id", m.rooms, from, to, after, m.room_busy));
  if (r.patient_id) {
    const std::int64_t patient[] = {*r.patient_id};
    RG_TRY(load_busy(db, "patient_id", patient, from, to, after, m.patient_busy));
  }
  m.loaded_to = upto;
  return {};
}

// The candidates and their hours over the whole range (the busy time comes by windows).
Result<Model> load_model(Database& db, const SlotRequest& r) {
  Model m;
  std::vector<std::vector<std::int64_t>> need_ids(r.needs.size());
  for (size_t i = 0; i < r.needs.size(); ++i) {
    RG_TRY_ASSIGN(int duration, resolve_need(db, r.needs[i], need_ids[i]));
    m.durations.push_back(duration);
    m.doctors.insert(m.doctors.end(), need_ids[i].begin(), need_ids[i].end());
  }
  std::sort(m.doctors.begin(), m.doctors.end());
  m.doctors.erase(std::unique(m.doctors.begin(), m.doctors.end()), m.doctors.end());
  for (const auto& ids : need_ids) {
    auto& indices = m.need_doctors.emplace_back();
    for (std::int64_t id : ids)
      indices.push_back(size_t(std::lower_bound(m.doctors.begin(), m.doctors.end(), id) - m.doctors.begin()));
  }
  if (m.doctors.empty()) return m;  // nobody to see: no options, not an error

  RG_TRY_ASSIGN(auto cal, WorkCalendar::load(db, r.from, r.to, m.doctors));
  for (std::int64_t id : m.doctors) {
    auto& per_day = m.periods.emplace_back();
    for (Date d = r.from; d <= r.to; d = d.plus_days(1)) {
      per_day.push_back(cal.hours(id, d).open_periods());
      for (const WorkPeriod& p : per_day.back())
        if (p.room_id) m.rooms.push_back(*p.room_id);
    }
  }
  std::sort(m.rooms.begin(), m.rooms.end());
  m.rooms.erase(std::unique(m.rooms.begin(), m.rooms.end()), m.rooms.end());
  return m;
}

// The spans of `key` that touch the day, as minutes from its local midnight (clamped to just
// outside the day).
void add_minutes(std::vector<Interval>& out, const SpanMap& map, std::int64_t key, std::int64_t day0,
                 std::int64_t day1) {
  auto found = map.find(key);
  if (found == map.end()) return;
  const auto& spans = found->second;
  auto it = std::lower_bound(spans.begin(), spans.end(), day0 - kLongest,
                             [](const Span& s, std::int64_t t) { return s.start < t; });
  for (; it != spans.end() && it->start < day1; ++it)
    if (it->end > day0)
      out.push_back({it->start < day0 ? -1 : int((it->start - day0) / 60),
                     it->end > day1 ? kDay + 1 : int((it->end - day0 + 59) / 60)});
}

// A stretch of one open period where the doctor, the room and the patient are all free.
struct FreeSpan {
  int from = 0, to = 0;
  bool snap_from = false;  // starts where a booking ends
  bool snap_to = false;    // ends where one of the doctor's bookings starts
  const WorkPeriod* period = nullptr;
};
struct DoctorFree {
  std::vector<Interval> busy;  // the doctor's own bookings, by start
  std::vector<FreeSpan> free;
};

// One day of the search; each doctor's free time is worked out on first use.
struct Day {
  const Model& model;
  size_t index = 0;
  std::int64_t day0 = 0, day1 = 0;
  int lo = 0, hi = kDay;  // steps start at or after lo and end by hi
  std::vector<Interval> patient;
  std::vector<std::optional<DoctorFree>> doctors;
};

DoctorFree free_time(const Day& day, size_t doctor) {
  const Model& m = day.model;
  DoctorFree out;
  add_minutes(out.busy, m.doctor_busy, m.doctors[doctor], day.day0, day.day1);
  auto doctor_starts = [&](int t) {
    return std::any_of(out.busy.begin(), out.busy.end(), [&](const Interval& b) { return b.start_min == t; });
  };
  for (const WorkPeriod& p : m.periods[doctor][day.index]) {
    std::vector<Interval> blocked = out.busy;
    blocked.insert(blocked.end(), day.patient.begin(), day.patient.end());
    if (p.room_id) add_minutes(blocked, m.room_busy, *p.room_id, day.day0, day.day1);
    std::sort(blocked.begin(), blocked.end(), [](auto& a, auto& b) { return a.start_min < b.start_min; });
    int at = std::max(p.start_min, day.lo);
    const int end = std::min(p.end_min, day.hi);
    bool snapped = false;
    for (const Interval& b : blocked) {
      if (b.end_min <= at) continue;
      if (b.start_min >= end) break;
      if (b.start_min > at) out.free.push_back({at, b.start_min, snapped, doctor_starts(b.start_min), &p});
      at = b.end_min;
      snapped = true;
    }
    if (at < end) out.free.push_back({at, end, snapped, false, &p});
  }
  return out;
}

const DoctorFree& doctor_free(Day& day, size_t doctor) {
  auto& slot = day.doctors[doctor];
  if (!slot) slot = free_time(day, doctor);
  return *slot;
}

struct Score {
  int idle = 0, touching = 0, wait = 0;
  Score& operator+=(const Score& o) { return idle += o.idle, touching += o.touching, wait += o.wait, *this; }
  Score& operator-=(const Score& o) { return idle -= o.idle, touching -= o.touching, wait -= o.wait, *this; }
};
// Less idle time first, then more touching edges, then less waiting.
bool better(const Score& a, const Score& b) {
  if (a.idle != b.idle) return a.idle < b.idle;
  if (a.touching != b.touching) return a.touching > b.touching;
  return a.wait < b.wait;
}

// A doctor's free minutes next to a step: none is a neat fit; under half an hour is too short
// for another patient, so it is what placing the step there wastes.
Score gap_score(int gap) {
  Score s;
  if (gap == 0) s.touching = 1;
  else if (gap < kShortGap) s.idle = gap;
  return s;
}

struct Gaps {
  int before = 0, after = 0;
};
// Free minutes on both sides of [start, end) up to the doctor's bookings, `others` (steps of
// the same doctor) or the edges of the period.
Gaps step_gaps(const std::vector<Interval>& busy, std::span<const Interval> others, const WorkPeriod& p,
               int start, int end) {
  int before = p.start_min, after = p.end_min;
  auto edge = [&](const Interval& b) {
    if (b.end_min <= start) before = std::max(before, b.end_min);
    else if (b.start_min >= end) after = std::min(after, b.start_min);
  };
  for (const Interval& b : busy) edge(b);
  for (const Interval& b : others) edge(b);
  return {start - before, after - end};
}

struct Placement {
  size_t doctor = 0;
  const WorkPeriod* period = nullptr;
  int start = 0, end = 0;
  Gaps gaps;
  Score own, value;  // value: own plus the best way on from here
  int next = -1;
  bool alive = false;
};
using Mask = std::vector<char>;  // by minute, 0..kDay + max gap

// Every start of a need's step on this day: on the period's grid, or snapped to the end of a
// booking or of the previous step (`ends`), or ending where the doctor's next booking starts.
// After the first step, only starts within max_gap of a previous step's end (`reach`).
void place_step(Day& day, size_t need, int step_min, const Mask* reach, const Mask* ends,
                std::vector<Placement>& out) {
  const int d = day.model.durations[need];
  for (size_t doc : day.model.need_doctors[need]) {
    const DoctorFree& dd = doctor_free(day, doc);
    for (const FreeSpan& f : dd.free) {
      int phase = (f.from - f.period->start_min) % step_min;  // 0 on the grid; no division per minute
      for (int t = f.from; t + d <= f.to; ++t, phase = phase + 1 == step_min ? 0 : phase + 1) {
        if (reach && !(*reach)[size_t(t)]) continue;
        if (phase != 0 && !(f.snap_from && t == f.from) && !(f.snap_to && t + d == f.to) &&
            !(ends && (*ends)[size_t(t)]))
          continue;
        const Gaps g = step_gaps(dd.busy, {}, *f.period, t, t + d);
        Score own = gap_score(g.before);
        own += gap_score(g.after);
        out.push_back({doc, f.period, t, t + d, g, own, {}, -1, false});
      }
    }
  }
}

// q's value seen from p: the wait between them and, when one doctor takes both steps, each
// step as the other's nearest edge.
Score via(const Placement& p, const Placement& q) {
  Score s = q.value;
  const int gap = q.start - p.end;
  s.wait += gap;
  if (p.doctor == q.doctor) {
    s += gap_score(std::min(p.gaps.after, gap));
    s -= gap_score(p.gaps.after);
    s += gap_score(std::min(q.gaps.before, gap));
    s -= gap_score(q.gaps.before);
  }
  return s;
}

// The next step's live placements by start (a counting sort: starts are minutes). Only the
// best of each minute matters, unless one doctor may take both steps: then which placement it
// is changes the pair's score.
std::vector<int> by_start(const std::vector<Placement>& next, bool keep_all) {
  std::vector<int> at(size_t(kDay + 2), 0), out;
  for (const Placement& q : next) at[size_t(q.start) + 1] += q.alive;
  std::partial_sum(at.begin(), at.end(), at.begin());
  out.resize(size_t(at.back()));
  for (size_t i = 0; i < next.size(); ++i)
    if (next[i].alive) out[size_t(at[size_t(next[i].start)]++)] = int(i);
  if (keep_all) return out;
  size_t w = 0;
  for (int i : out) {
    const Placement& q = next[size_t(i)];
    if (w == 0 || next[size_t(out[w - 1])].start != q.start) out[w++] = i;
    else if (better(q.value, next[size_t(out[w - 1])].value)) out[w - 1] = i;
  }
  out.resize(w);
  return out;
}

// Backwards over the steps: each placement links to the best next placement that starts
// within max_gap after it ends. shared[k]: steps k and k + 1 may have the same doctor.
void link_steps(std::vector<std::vector<Placement>>& steps, const std::vector<bool>& shared, int max_gap) {
  for (Placement& p : steps.back()) p.value = p.own, p.alive = true;
  for (size_t k = steps.size() - 1; k-- > 0;) {
    const auto& next = steps[k + 1];
    const std::vector<int> order = by_start(next, shared[k]);
    for (Placement& p : steps[k]) {
      Score best;
      auto it = std::lower_bound(order.begin(), order.end(), p.end,
                                 [&](int i, int t) { return next[size_t(i)].start < t; });
      for (; it != order.end() && next[size_t(*it)].start <= p.end + max_gap; ++it) {
        const Score s = via(p, next[size_t(*it)]);
        if (!p.alive || better(s, best)) best = s, p.next = *it, p.alive = true;
      }
      if (p.alive) p.value = p.own, p.value += best;
    }
  }
}

// One order of the needs on one day: its placements, linked.
struct Plan {
  std::vector<size_t> order;
  std::vector<std::vector<Placement>> steps;
};

bool plan_day(Day& day, const SlotRequest& r, Plan& plan) {
  const size_t size = size_t(kDay + r.max_gap_min + 2);
  Mask reach, ends;
  std::vector<bool> shared;
  plan.steps.resize(plan.order.size());
  for (size_t k = 0; k < plan.order.size(); ++k) {
    auto& placed = plan.steps[k];
    placed.clear();
    place_step(day, plan.order[k], r.step_min, k ? &reach : nullptr, k ? &ends : nullptr, placed);
    if (placed.empty()) return false;
    reach.assign(size, 0);
    ends.assign(size, 0);
    std::vector<int> delta(size + 1, 0);
    for (const Placement& p : placed) {
      ends[size_t(p.end)] = 1;
      ++delta[size_t(p.end)], --delta[size_t(p.end + r.max_gap_min + 1)];
    }
    int run = 0;
    for (size_t t = 0; t < size; ++t) reach[t] = (run += delta[t]) > 0;
    if (k == 0) continue;
    const auto& a = day.model.need_doctors[plan.order[k - 1]];
    const auto& b = day.model.need_doctors[plan.order[k]];
    shared.push_back(
        std::any_of(a.begin(), a.end(), [&](size_t x) { return std::find(b.begin(), b.end(), x) != b.end(); }));
  }
  link_steps(plan.steps, shared, r.max_gap_min);
  return true;
}

using Chain = std::array<const Placement*, kMaxNeeds>;

size_t chain_from(const Plan& plan, int first, Chain& chain) {
  size_t n = 0;
  for (const Placement* p = &plan.steps[0][size_t(first)]; p; ++n) {
    chain[n] = p;
    p = p->next >= 0 ? &plan.steps[n + 1][size_t(p->next)] : nullptr;
  }
  return n;
}

// The chain's score, exact also when one doctor takes two steps that are not consecutive,
// which the programme's pairwise view cannot see.
Score chain_score(Day& day, const Chain& chain, size_t n) {
  bool repeated = false;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 2; j < n; ++j) repeated |= chain[i]->doctor == chain[j]->doctor;
  if (!repeated) return chain[0]->value;
  Score score;
  for (size_t i = 0; i < n; ++i) {
    std::array<Interval, kMaxNeeds> others{};
    size_t m = 0;
    for (size_t j = 0; j < n; ++j)
      if (j != i && chain[j]->doctor == chain[i]->doctor) others[m++] = {chain[j]->start, chain[j]->end};
    const Placement& s = *chain[i];
    const Gaps g = step_gaps(doctor_free(day, s.doctor).busy, std::span(others.data(), m), *s.period, s.start, s.end);
    score += gap_score(g.before);
    score += gap_score(g.after);
    if (i + 1 < n) score.wait += chain[i + 1]->start - s.end;
  }
  return score;
}

// A day's option before the choice: a plan's first placement and the chain it leads to.
struct Candidate {
  Score score;
  int start = 0, length = 0;  // the first step's
  std::int64_t first_doctor = 0;
  size_t plan = 0;
  int first = 0;
};

bool ranks_before(const Candidate& a, const Candidate& b) {
  if (better(a.score, b.score) || better(b.score, a.score)) return better(a.score, b.score);
  if (a.start != b.start) return a.start < b.start;
  if (a.first_doctor != b.first_doctor) return a.first_doctor < b.first_doctor;
  return a.plan < b.plan;
}

// Starting within the first step's length of an option already offered that day. Other
// doctors at the same time are no real choice: with dozens of doctors of a specialty they
// would fill the day's places with one time.
bool near_duplicate(const Candidate& c, const std::vector<const Candidate*>& chosen) {
  return std::any_of(chosen.begin(), chosen.end(),
                     [&](const Candidate* o) { return std::abs(o->start - c.start) < o->length; });
}

SlotOption to_option(const Day& day, Date date, const Plan& plan, const Candidate& c) {
  SlotOption o{.day = date, .steps = {}, .wait_min = c.score.wait, .idle_min = c.score.idle,
               .touching = c.score.touching};
  Chain chain{};
  const size_t n = chain_from(plan, c.first, chain);
  for (size_t i = 0; i < n; ++i)
    o.steps.push_back({plan.order[i], day.model.doctors[chain[i]->doctor], chain[i]->period->room_id,
                       to_unix(date, chain[i]->start), to_unix(date, chain[i]->end)});
  return o;
}

// The best few options of one day, whatever the order of the needs: the best chain, then the
// best that is not a near-duplicate of those taken, and so on (a few scans, no sort). `plans`
// is kept from day to day: its placements' memory is reused.
void search_day(Day& day, Date date, const SlotRequest& r, std::vector<Plan>& plans, std::vector<SlotOption>& out) {
  std::vector<size_t> order(r.needs.size());
  std::iota(order.begin(), order.end(), size_t(0));
  size_t used = 0;
  do {
    if (plans.size() == used) plans.emplace_back();
    plans[used].order = order;
    used += plan_day(day, r, plans[used]);
  } while (!r.fixed_order && std::next_permutation(order.begin(), order.end()));

  std::vector<Candidate> pool;
  for (size_t i = 0; i < used; ++i)
    for (size_t f = 0; f < plans[i].steps[0].size(); ++f) {
      const Placement& p = plans[i].steps[0][f];
      if (!p.alive) continue;
      Chain chain{};
      const size_t n = chain_from(plans[i], int(f), chain);
      pool.push_back({chain_score(day, chain, n), p.start, p.end - p.start, day.model.doctors[p.doctor], i, int(f)});
    }
  std::vector<const Candidate*> chosen;
  while (chosen.size() < size_t(kPerDay)) {
    const Candidate* best = nullptr;
    for (const Candidate& c : pool)
      if ((!best || ranks_before(c, *best)) && !near_duplicate(c, chosen)) best = &c;
    if (!best) break;
    chosen.push_back(best);
  }
  for (const Candidate* c : chosen) out.push_back(to_option(day, date, plans[c->plan], *c));
}

}  // namespace

Result<std::vector<SlotOption>> find_slots(Database& db, const SlotRequest& request) {
  RG_TRY(check_request(request));
  RG_TRY_ASSIGN(Model model, load_model(db, request));
  std::vector<SlotOption> out;
  if (model.doctors.empty()) return out;
  std::vector<Plan> plans;
  const int days = request.from.days_until(request.to) + 1;
  for (int i = 0; i < days && out.size() < size_t(request.max_options); ++i) {
    const Date date = request.from.plus_days(i);
    Day day{.model = model, .index = size_t(i), .day0 = to_unix(date, 0), .day1 = to_unix(date.plus_days(1), 0),
            .lo = request.day_from_min, .hi = request.day_to_min, .patient = {},
            .doctors = std::vector<std::optional<DoctorFree>>(model.doctors.size())};
    if (request.not_before > day.day0)
      day.lo = std::max(day.lo, int(std::min<std::int64_t>(kDay, (request.not_before - day.day0 + 59) / 60)));
    if (day.lo >= day.hi) continue;
    while (i >= model.loaded_to) RG_TRY(load_window(db, request, model, i));
    if (request.patient_id) add_minutes(day.patient, model.patient_busy, *request.patient_id, day.day0, day.day1);
    search_day(day, date, request, plans, out);
  }
  if (out.size() > size_t(request.max_options)) out.resize(size_t(request.max_options));
  return out;
}

Result<int> slot_max_gap_setting(Database& db) {
  return get_setting_int(db, "slot_finder.max_gap_min", kDefaultMaxGap, 0, 720);
}

Result<std::vector<std::int64_t>> book_option(Database& db, std::int64_t patient_id,
                                              const SlotRequest& request, const SlotOption& option,
                                              Channel channel, const std::string& note,
                                              const Actor& actor) {
  if (option.steps.empty()) return fail(ErrorCode::Invalid, _("The chosen option has no appointments."));
  for (const SlotStep& s : option.steps)
    if (s.need >= request.needs.size())
      return fail(ErrorCode::Invalid, _("The chosen option does not belong to this search."));
  // Until commit, the transaction's destructor rolls back every step already inserted.
  RG_TRY_ASSIGN(auto tx, Transaction::begin(db));
  RG_TRY(require(db, actor, Permission::AppointmentsBook));
  std::vector<std::int64_t> ids, doctors;
  for (const SlotStep& s : option.steps) {
    AppointmentDraft a;
    a.patient_id = patient_id;
    a.doctor_id = s.doctor_id;
    a.room_id = s.room_id;
    a.start_at = s.start_at;
    a.end_at = s.end_at;
    a.channel = channel;
    a.note = note;
    a.created_by = actor.user_id;
    if (const auto& service = request.needs[s.need].service_id) a.service_ids = {*service};
    RG_TRY_ASSIGN(std::int64_t id, insert_appointment(db, a));
    ids.push_back(id);
    doctors.push_back(s.doctor_id);
  }
  RG_TRY(append_audit(db, actor, "appointment.book_chain", "appointment", ids.front(),
                      {{"patient_id", std::to_string(patient_id)},
                       {"appointments", json_ids(ids)},
                       {"doctors", json_ids(doctors)},
                       {"start_at", std::to_string(option.steps.front().start_at)},
                       {"channel", to_db(channel)}}));
  RG_TRY(tx.commit());
  return ids;
}

}  // namespace rg::db
