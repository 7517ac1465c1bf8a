// Patient search: the ways the desk types, ranking, paging through every match, hostile input.
#include <doctest/doctest.h>

#include <set>

#include "clinic_fixture.h"
#include "invoices.h"

using namespace rg;
using namespace rg::db;

namespace {

struct SearchFixture : test::ClinicFixture {
  std::int64_t ivanov, ivanova_anna, ivanova_maria, ivanovsky, semenova, rimskaya, korsakov, petrova_petrenko;
  SearchFixture() {
    ivanov = add_patient("Иванов", "Иван", "Петрович", Date(1985, 3, 12), "+7 (916) 123-45-67", 'M');
    ivanova_anna = add_patient("Иванова", "Анна", "Петровна", Date(1985, 7, 1), "8 903 000-45-67");
    ivanova_maria = add_patient("ИВАНОВА", "МАРИЯ", "ИВАНОВНА", Date(1990, 1, 1), "+7 925 111-22-33");
    ivanovsky = add_patient("Ивановский", "Олег", "Игоревич", Date(1970, 5, 5), "", 'M');
    semenova = add_patient("Семёнова", "Алёна", "Сергеевна", Date(1992, 2, 2));
    rimskaya = add_patient("Римская-Корсакова", "Ольга", "Андреевна", Date(1980, 8, 8));
    korsakov = add_patient("Корсаков", "Пётр", "Ильич", Date(1975, 9, 9), "", 'M');
    petrova_petrenko = add_patient("Петрова-Петренко", "Нина", "", Date(1960, 6, 6));
  }
  std::vector<std::int64_t> ids(std::string_view text, int offset = 0, int limit = 50) {
    auto r = search_patients(db, parse_patient_query(text), offset, limit);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    std::vector<std::int64_t> out;
    for (auto& p : *r) out.push_back(p.id);
    return out;
  }
  std::int64_t count(std::string_view text) {
    auto r = count_patients(db, parse_patient_query(text));
    REQUIRE(r);
    return *r;
  }
};

}  // namespace

TEST_CASE_FIXTURE(SearchFixture, "surname prefix ignores case and ranks the exact surname first") {
  auto r = ids("иванов");
  REQUIRE(r.size() == 4);
  CHECK(r[0] == ivanov);  // «иванов» before «иванова…» before «ивановский»
  CHECK(r[3] == ivanovsky);
  CHECK(count("иванов") == 4);
  auto caps = ids("ИВАНОВА");
  CHECK(std::set<std::int64_t>(caps.begin(), caps.end()) ==
        std::set<std::int64_t>{ivanova_anna, ivanova_maria});
}

TEST_CASE_FIXTURE(SearchFixture, "ё and е are the same letter") {
  CHECK(ids("семенова") == std::vector<std::int64_t>{semenova});
  CHECK(ids("СЕМЁН") == std::vector<std::int64_t>{semenova});
  CHECK(ids("корсаков петр") == std::vector<std::int64_t>{korsakov});
}

TEST_CASE_FIXTURE(SearchFixture, "each part of a double surname is found, and listed once") {
  CHECK(ids("корсакова") == std::vector<std::int64_t>{rimskaya});
  CHECK(ids("римская") == std::vector<std::int64_t>{rimskaya});
  CHECK(ids("Римская-Корсакова Ольга") == std::vector<std::int64_t>{rimskaya});
  auto k = ids("корсак");
  CHECK(k == std::vector<std::int64_t>{korsakov, rimskaya});
  // Real surnames first, then those where the query is the second half.
  auto ivanova = add_patient("Киселёва-Иванова", "Алёна", "", Date(1980, 11, 7));
  auto iv = ids("иванова");
  REQUIRE(iv.size() == 3);
  CHECK(iv.back() == ivanova);
  // Both parts of «Петрова-Петренко» start with «петр»: one line, one count.
  CHECK(ids("петр") == std::vector<std::int64_t>{petrova_petrenko});
  CHECK(count("петр") == 1);
}

TEST_CASE_FIXTURE(SearchFixture, "surname with initials, written any way") {
  CHECK(ids("Иванов И.П.") == std::vector<std::int64_t>{ivanov});
  CHECK(ids("иванов и п") == std::vector<std::int64_t>{ivanov});
  CHECK(ids("Иванова А.П.") == std::vector<std::int64_t>{ivanova_anna});
  CHECK(ids("иванова м") == std::vector<std::int64_t>{ivanova_maria});
}

TEST_CASE_FIXTURE(SearchFixture, "surname and birth year or date") {
  CHECK(ids("иванова 1985") == std::vector<std::int64_t>{ivanova_anna});
  CHECK(ids("иванов 12.03.1985") == std::vector<std::int64_t>{ivanov});
  CHECK(ids("12.03.1985") == std::vector<std::int64_t>{ivanov});
}

TEST_CASE_FIXTURE(SearchFixture, "phones: the whole number in any format, or its last digits") {
  CHECK(ids("+7 (916) 123-45-67") == std::vector<std::int64_t>{ivanov});
  CHECK(ids("89161234567") == std::vector<std::int64_t>{ivanov});
  CHECK(ids("916 123 45 67") == std::vector<std::int64_t>{ivanov});
  auto tail = ids("4567");
  CHECK(std::set<std::int64_t>(tail.begin(), tail.end()) ==
        std::set<std::int64_t>{ivanov, ivanova_anna});
  CHECK(ids("иванова 4567") == std::vector<std::int64_t>{ivanova_anna});
  CHECK(ids("2233") == std::vector<std::int64_t>{ivanova_maria});
}

TEST_CASE_FIXTURE(SearchFixture, "the card number finds its patient") {
  auto p = get_patient(db, semenova);
  REQUIRE(p);
  CHECK(ids(p->card_no) == std::vector<std::int64_t>{semenova});
}

TEST_CASE_FIXTURE(SearchFixture, "paging walks through every match exactly once") {
  for (int i = 0; i < 130; ++i)
    add_patient("Иванов", "Тест" + std::to_string(1000 + i), "", Date(1950 + i % 50, 1, 1 + i % 28), "", 'M');
  std::int64_t total = count("иванов");
  CHECK(total == 134);
  std::set<std::int64_t> seen;
  std::vector<std::int64_t> order;
  for (int off = 0; off < total + 50; off += 50) {
    auto page = ids("иванов", off, 50);
    for (auto id : page) {
      seen.insert(id);
      order.push_back(id);
    }
  }
  CHECK(order.size() == size_t(total));
  CHECK(seen.size() == size_t(total));
  CHECK(order.back() == ivanovsky);
}

TEST_CASE_FIXTURE(SearchFixture, "hostile and empty input is harmless") {
  const std::vector<std::string> nasty = {
      "", "   ", "'", "\"", "%", "_", "*", "иван*", "' OR 1=1 --", "'; DROP TABLE patients; --",
      "NEAR(иванов)", "иванов AND петров", "\\", "(((", "😀", "Иванов😀", std::string("ив\0ан", 5),
      std::string(10000, 'x'), std::string(3000, '9'), "12.13.2020", "31.02.1985", "-", "..",
      "\xFF\xFE\xFD"};
  for (const auto& s : nasty) {
    CAPTURE(s.substr(0, 40));
    auto q = parse_patient_query(s);
    auto r = search_patients(db, q, 0, 50);
    REQUIRE(r.has_value());
    auto c = count_patients(db, q);
    REQUIRE(c.has_value());
    CHECK(size_t(*c) >= r->size());
  }
  CHECK(ids("").empty());
  CHECK(ids("%").empty());
  CHECK(ids("' OR 1=1 --").empty());
  CHECK(*db.query_int("SELECT count(*) FROM patients") == 8);  // nothing dropped
  // «иван*» is the prefix «иван»: punctuation is not syntax here.
  CHECK(ids("иван*").size() == 4);
}

TEST_CASE_FIXTURE(SearchFixture, "an edited patient is found under the new name only") {
  auto p = get_patient(db, korsakov);
  REQUIRE(p);
  PatientDraft d = *p;
  d.surname = "Корсаков-Ёлкин";
  REQUIRE(update_patient(db, korsakov, d, Actor::system("test")));
  CHECK(ids("елкин") == std::vector<std::int64_t>{korsakov});
  CHECK(ids("корсаков петр") == std::vector<std::int64_t>{korsakov});
  d.surname = "Ёлкин";
  REQUIRE(update_patient(db, korsakov, d, Actor::system("test")));
  CHECK(ids("корсаков") == std::vector<std::int64_t>{rimskaya});  // «Корсакова» still matches
  CHECK(*db.query_int("SELECT count(*) FROM patient_name_keys WHERE patient_id = " +
                      std::to_string(korsakov)) == 1);
}

TEST_CASE("the query parser tells names, dates and digits apart") {
  auto q = parse_patient_query("Иванов И.П.");
  CHECK(q.name_parts == std::vector<std::string>{"иванов", "и", "п"});
  q = parse_patient_query("иванова 1985");
  CHECK(q.birth_year == 1985);
  CHECK(q.digits.empty());
  q = parse_patient_query("+7 (916) 123-45-67");
  CHECK(q.name_parts.empty());
  CHECK(q.digits == "79161234567");
  q = parse_patient_query("12.03.1985");
  CHECK(q.birth_date == Date(1985, 3, 12));
  CHECK(parse_patient_query("   ").empty());
}

TEST_CASE_FIXTURE(SearchFixture, "a card edited at two desks: the later save is refused, nothing lost silently") {
  auto opened = get_patient(db, ivanova_anna);
  REQUIRE(opened);
  // Desk 1 changes the phone and saves.
  PatientDraft first = *opened;
  first.phones = {{"+7 916 555-00-11", "mobile"}};
  REQUIRE(update_patient(db, ivanova_anna, first, Actor::user(1), opened->updated_at));
  // Desk 2 opened the same card before, changes the address and saves: refused.
  PatientDraft second = *opened;
  second.address = "г. Москва, ул. Ленина, д. 1";
  auto stale = update_patient(db, ivanova_anna, second, Actor::user(2), opened->updated_at);
  REQUIRE_FALSE(stale);
  CHECK(stale.error().code == ErrorCode::Conflict);
  auto now = get_patient(db, ivanova_anna);
  REQUIRE(now);
  CHECK(now->address.empty());
  CHECK(now->phones.front().number == "79165550011");
  // The audit names the fields changed, never their values.
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'patient.update' AND details LIKE '%phones%' "
                      "AND details NOT LIKE '%5550011%'") == 1);
  // Saving what did not change writes nothing.
  REQUIRE(update_patient(db, ivanova_anna, *now, Actor::user(1), now->updated_at));
  CHECK(*db.query_int("SELECT count(*) FROM audit_log WHERE action = 'patient.update'") == 1);
}

TEST_CASE_FIXTURE(SearchFixture, "registering someone who may already have a card names the possible twins") {
  PatientDraft d;
  d.surname = "иванова ";  // typed loosely: the same person
  d.name = "Анна";
  d.birth_date = Date(1985, 7, 1);
  auto same = possible_duplicates(db, d);
  REQUIRE(same);
  REQUIRE(same->size() == 1);
  CHECK(same->front().id == ivanova_anna);
  CHECK(same->front().card_no.size() > 0);
  // Married since: another surname, the same phone and birth date.
  d.surname = "Смирнова";
  d.phones = {{"8 (903) 000-45-67", "mobile"}};
  auto by_phone = possible_duplicates(db, d);
  REQUIRE(by_phone);
  REQUIRE(by_phone->size() == 1);
  CHECK(by_phone->front().id == ivanova_anna);
  // Another birth date: nobody; the card itself is not its own twin.
  d.birth_date = Date(1985, 7, 2);
  CHECK(possible_duplicates(db, d)->empty());
  auto self = get_patient(db, ivanova_anna);
  CHECK(possible_duplicates(db, *self, ivanova_anna)->empty());
}

TEST_CASE_FIXTURE(SearchFixture, "a patient's debt: open invoices not covered by an insurer, before a day or all") {
  auto none = patient_debt(db, ivanov);
  REQUIRE(none);
  CHECK(none->invoices == 0);
  CHECK(none->amount == 0);
  REQUIRE(db.exec("INSERT INTO invoices(patient_id, total_kopecks, paid_kopecks, created_at) VALUES (" +
                  std::to_string(ivanov) + ", 237000, 118500, 1000), (" + std::to_string(ivanov) +
                  ", 50000, 0, 2000000000);"
                  "INSERT INTO insurers(id, name, inn) VALUES (1, 'АО «СОГАЗ»', '7736035485');"
                  "INSERT INTO invoices(patient_id, payer_kind, insurer_id, total_kopecks, created_at) VALUES (" +
                  std::to_string(ivanov) + ", 'insurer', 1, 990000, 1000);"
                  "INSERT INTO invoices(patient_id, total_kopecks, status, created_at) VALUES (" +
                  std::to_string(ivanov) + ", 70000, 'cancelled', 1000);"));
  auto all = patient_debt(db, ivanov);
  REQUIRE(all);
  CHECK(all->invoices == 2);
  CHECK(all->amount == 118500 + 50000);
  CHECK(all->oldest_at == 1000);
  auto earlier = patient_debt(db, ivanov, Date(2030, 1, 1));
  REQUIRE(earlier);
  CHECK(earlier->invoices == 1);
  CHECK(earlier->amount == 118500);
}
