// A full visit payment, the way the cash desk does it: the invoice built at the price history,
// the payment intent written with synchronous=FULL, the receipt through the virtual registrar
// (its own durable state file), the fiscal document stored. Target p99 <= 30 ms, the device's
// printing excluded (the registrar prints on no paper here). Measured beside it in the same run:
// the registrar's receipt alone — the floor any exactly-once scheme pays — and the ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "appointments.h"
#include "cash_desk.h"
#include "fiscal/virtual_registrar.h"
#include "invoices.h"
#include "migrations.h"
#include "patients.h"
#include <unistd.h>

using namespace rg;

namespace {

struct Stats {
  double median_ms = 0, p99_ms = 0;
};

Stats measure(int n, const std::function<void(int)>& fn) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn(i);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * double(ms.size())))]; };
  return {at(0.5), at(0.99)};
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench-cash: %s\n", what.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::max(20, std::atoi(argv[1])) : 300;
  use_time_zone("Europe/Moscow");
  const auto dir = std::filesystem::temp_directory_path() / ("rg-bench-cash-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = db::open_clinic_database((dir / "clinic.db").string());
  if (!db) die(db.error().message);
  if (!db->exec("INSERT INTO clinic(id, name) VALUES (1, 'Клиника');"
                "INSERT INTO users(id, login, full_name, role, created_at) VALUES (1, 'admin', 'Смирнова Е. А.', 'admin', 0);"
                "INSERT INTO doctors(id, surname, name, position) VALUES (1, 'Петрова', 'Анна', 'врач-терапевт');"
                "INSERT INTO services(id, code, name, duration_min) VALUES "
                "(1, 'B01.047.001', 'Приём врача-терапевта первичный', 30), (2, 'A09.05.023', 'Глюкоза крови', 10);"
                "INSERT INTO service_prices VALUES (1, '2020-01-01', 150000), (1, '2025-01-01', 170000), "
                "(2, '2020-01-01', 33333);"))
    die("setup");
  // One visit per payment, each of its own patient, 10 minutes apart over the coming days.
  std::vector<std::int64_t> visits;
  for (int i = 0; i < 2 * n + 40; ++i) {
    db::PatientDraft p;
    p.surname = "Пациентова";
    p.name = "Анна";
    p.birth_date = Date(1980, 1, 1);
    p.sex = 'F';
    auto pid = db::create_patient(*db, p, db::Actor::system("bench"));
    if (!pid) die(pid.error().message);
    db::AppointmentDraft a;
    a.patient_id = *pid;
    a.doctor_id = 1;
    a.start_at = to_unix(today(), 8 * 60) + i * 600;
    a.end_at = a.start_at + 600;
    auto id = db::book_appointment(*db, a, db::Actor::system("bench"));
    if (!id) die(id.error().message);
    if (!db->exec("INSERT INTO appointment_services VALUES (" + std::to_string(*id) + ", 1, 1, 0), (" +
                  std::to_string(*id) + ", 2, 2, 1)"))
      die("services");
    visits.push_back(*id);
  }
  auto registrar = drivers::fiscal::VirtualRegistrar::open(dir / "registrar", nullptr);
  if (!registrar) die(registrar.error().message);
  cash::CashDeskOptions o;
  o.receipt.cashier = {"Смирнова Е. А.", ""};
  cash::CashDesk desk(*db, *registrar, o, db::Actor::user(1));
  if (!desk.open_shift(500000)) die("shift");

  std::size_t next = 0;
  auto pay_visit = [&](int) {
    const std::int64_t ids[] = {visits[next++]};
    auto made = db::create_invoices(*db, ids, {}, db::Actor::user(1));
    if (!made || !made->patient_invoice) die("invoice");
    db::NewPayment p;
    p.invoice_id = *made->patient_invoice;
    p.tender = {236666, 0, 0, 300000, ""};
    auto paid = desk.pay(p);
    if (!paid) die(paid.error().message);
  };
  for (int i = 0; i < 20; ++i) pay_visit(i);  // warm up
  const Stats ours = measure(n, pay_visit);

  drivers::fiscal::Receipt r;
  r.cashier = o.receipt.cashier;
  r.items.push_back({"Приём врача-терапевта первичный", 170000, 1000});
  r.cash = 170000;
  const Stats floor = measure(n, [&](int) {
    if (!registrar->register_receipt(r)) die("registrar");
  });

  std::printf("%-44s median %7.3f ms   p99 %7.3f ms   target p99 <= 30 ms: %s\n",
              "full visit payment (invoice→intent→receipt→stored)", ours.median_ms, ours.p99_ms,
              ours.p99_ms <= 30 ? "met" : "MISSED");
  std::printf("%-44s median %7.3f ms   p99 %7.3f ms   ours/peer (median) x%.1f\n",
              "  peer: the registrar's receipt alone", floor.median_ms, floor.p99_ms,
              ours.median_ms / std::max(floor.median_ms, 1e-6));
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
