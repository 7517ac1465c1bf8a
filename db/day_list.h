// «Завтра»: the day's appointments by doctor, for pulling the medical cards the evening before,
// on screen and as a CSV file for Excel.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "csv_text.h"
#include "database.h"

namespace rg::db {

struct DayListRow {
  std::int64_t appointment_id = 0, doctor_id = 0, patient_id = 0;
  std::string doctor;      // «Петрова А. С.»
  std::string specialty;   // «терапевт», as the desk names the doctor (doctor_specialty)
  std::string room;        // the appointment's room number, "" when none
  int start_min = 0, end_min = 0;  // local minutes from the day's midnight
  std::string start, end;  // "09:30", "10:00"
  std::string patient;     // «Иванова Анна Петровна»
  std::string card_no;
  std::string birth_date;  // 12.03.1985
  std::string phone;       // the first phone, "+7 916 123-45-67"; "" when none
  bool first_visit = false;
  std::string services;    // «Приём терапевта +1»
};

// Every appointment of `day` that holds time (booked, confirmed, arrived, in the room, done),
// by doctor (the clinic's order, then surname) and then by time. One query.
Result<std::vector<DayListRow>> day_list(Database& db, Date day);

// The list as a CSV file for Excel in Russia: UTF-8 with a BOM, ';' between fields, CRLF line
// ends, RFC 4180 quoting, a header row in the UI language. A field that Excel would take for a
// formula (starting with = + - @, a tab or CR) gets a leading ' so it shows as text.
std::string day_list_csv(const std::vector<DayListRow>& rows);

// «Сохранить CSV»: the day's list read again, written to `path` as day_list_csv (the folder made
// when missing), and the export recorded in the audit log in the same transaction
// ("export.day_list": the file, the day, the number of rows) — no file without its audit row.
// Allowed to whoever may see the list (the administrators' daily work). Returns the rows written.
Result<std::int64_t> export_day_list(Database& db, Date day, const std::string& path, const Actor& actor);

}  // namespace rg::db
