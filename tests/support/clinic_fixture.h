// A small migrated clinic for core tests: one doctor per room, a few patients, helpers to book.
#pragma once

#include <doctest/doctest.h>

#include "appointments.h"
#include "clinic.h"
#include "migrations.h"
#include "patients.h"
#include "temp_dir.h"

namespace rg::test {

struct ClinicFixture {
  TempDir dir;
  std::string path = dir.file("clinic.db");
  db::Database db;
  std::int64_t doctor1 = 0, doctor2 = 0, room1 = 0, room2 = 0;
  // User 1 and 2 are administrators at the desk, user 3 a senior administrator (refunds, absences,
  // large discounts).
  const db::Actor senior = db::Actor::user(3);

  ClinicFixture() {
    auto d = db::open_clinic_database(path);
    REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().detail));
    db = std::move(*d);
    use_time_zone("Europe/Moscow");
    REQUIRE(db.exec("INSERT INTO clinic(id, name) VALUES (1, 'Тестовая клиника');"
                    "INSERT INTO users(id, login, full_name, created_at) VALUES "
                    "(1, 'admin', 'Смирнова Елена Андреевна', 0),"
                    "(2, 'desk2', 'Кузнецова Ольга Петровна', 0),"
                    "(3, 'senior', 'Белова Светлана Игоревна', 0);"
                    "INSERT INTO user_roles(user_id, role) VALUES (1, 'admin'), (2, 'admin'), (3, 'senior_admin');"
                    "INSERT INTO rooms(number) VALUES ('101'), ('102');"
                    "INSERT INTO doctors(surname, name, patronymic, position, default_room_id) VALUES "
                    "('Петрова', 'Анна', 'Сергеевна', 'врач-терапевт', 1),"
                    "('Соколов', 'Дмитрий', 'Игоревич', 'врач-терапевт', 2);"));
    doctor1 = 1; doctor2 = 2; room1 = 1; room2 = 2;
  }

  std::int64_t add_patient(const std::string& surname, const std::string& name,
                           const std::string& patronymic = "", Date birth = Date(1985, 3, 12),
                           const std::string& phone = "", char sex = 'F') {
    db::PatientDraft p;
    p.surname = surname;
    p.name = name;
    p.patronymic = patronymic;
    p.birth_date = birth;
    p.sex = sex;
    if (!phone.empty()) p.phones.push_back({phone, "mobile"});
    auto id = db::create_patient(db, p, db::Actor::system("test"));
    REQUIRE_MESSAGE(id.has_value(), (id ? "" : id.error().message + " / " + id.error().detail));
    return *id;
  }

  // Local time on a fixed date far from today, minutes from midnight.
  static std::int64_t at(int minutes, Date day = Date(2030, 6, 3)) { return to_unix(day, minutes); }

  Result<std::int64_t> book(std::int64_t patient, std::int64_t doctor, std::optional<std::int64_t> room,
                                int from_min, int to_min, Date day = Date(2030, 6, 3)) {
    db::AppointmentDraft a;
    a.patient_id = patient;
    a.doctor_id = doctor;
    a.room_id = room;
    a.start_at = at(from_min, day);
    a.end_at = at(to_min, day);
    return db::book_appointment(db, a, db::Actor::system("test"));
  }
};

}  // namespace rg::test
