// A clinic with requisites, a priced 804н price list, a patient with full data and a first visit
// with services: what every document needs. PDFs are checked with poppler's pdftotext/pdfinfo.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "clinic_fixture.h"
#include "document_engine.h"
#include "documents.h"

namespace rg::test {

struct DocsClinic : ClinicFixture {
  std::int64_t patient = 0, visit = 0;
  docs::DocumentEngine engine = std::move(*docs::DocumentEngine::create());

  DocsClinic() {
    REQUIRE(db.exec(
        "UPDATE clinic SET name = 'Общество с ограниченной ответственностью «Клиника „Берёза“»', "
        "short_name = 'Клиника «Берёза»', legal_address = '125040, г. Москва, ул. Правды, д. 8, стр. 2', "
        "phone = '+7 495 123-45-67', ogrn = '1177746123456', inn = '7714512346', kpp = '771401001', "
        "licence_number = 'Л041-01137-77/00368921', licence_date = '2021-07-15', "
        "licence_authority = 'Департамент здравоохранения города Москвы', head_position = 'Генеральный директор', "
        "head_name = 'Кузнецова Ольга Викторовна' WHERE id = 1;"
        "UPDATE settings SET value = 'г. Москва' WHERE key = 'clinic.city';"
        "UPDATE settings SET value = '127006, г. Москва, Оружейный пер., д. 43' WHERE key = 'clinic.licence.authority_address';"
        "UPDATE settings SET value = '+7 495 251-14-55' WHERE key = 'clinic.licence.authority_phone';"
        "INSERT INTO settings(key, value) VALUES ('clinic.registration', '12.04.2017 Межрайонной инспекцией ФНС России "
        "№ 46 по г. Москве') ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
        "INSERT INTO settings(key, value) VALUES ('clinic.licence.works', 'при оказании первичной врачебной медико-санитарной "
        "помощи в амбулаторных условиях по терапии; при оказании первичной специализированной медико-санитарной помощи "
        "в амбулаторных условиях по клинической лабораторной диагностике, функциональной диагностике') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
        "UPDATE doctors SET code = '77-104512' WHERE id = 1;"
        "UPDATE doctors SET code = '77-104513' WHERE id = 2;"
        "INSERT INTO specialties(name) VALUES ('Терапия');"
        "INSERT INTO doctor_specialties(doctor_id, specialty_id) VALUES (1, 1), (2, 1);"
        "INSERT INTO services(id, code, name, specialty_id, duration_min) VALUES "
        "(1, 'B01.047.001', 'Приём (осмотр, консультация) врача-терапевта первичный', 1, 30),"
        "(2, 'B03.016.003', 'Общий (клинический) анализ крови развернутый', 1, 10),"
        "(3, 'A05.10.006', 'Регистрация электрокардиограммы', 1, 15);"
        "INSERT INTO service_prices(service_id, active_from, price_kopecks) VALUES "
        "(1, '2020-01-01', 250000), (2, '2020-01-01', 78050), (3, '2020-01-01', 120000);"));
    db::PatientDraft p;
    p.surname = "Римская-Корсакова";
    p.name = "Анна";
    p.patronymic = "Петровна";
    p.birth_date = Date(1985, 3, 12);
    p.sex = 'F';
    p.phones.push_back({"+7 916 123-45-67", "mobile"});
    p.address = "г. Москва, ул. Тверская, д. 1, кв. 5";
    p.id_doc = {"passport_ru", "45 10", "123456", "ОВД района Тверской г. Москвы", Date(2010, 3, 20)};
    p.oms_enp = "7700000000000017";
    p.snils = "11223344595";
    auto id = db::create_patient(db, p, db::Actor::system("test"));
    REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    patient = *id;
    auto a = book(patient, doctor1, room1, 9 * 60, 10 * 60);
    REQUIRE(a);
    visit = *a;
    REQUIRE(db.exec("INSERT INTO appointment_services(appointment_id, service_id, position) VALUES (" +
                    std::to_string(visit) + ", 1, 0), (" + std::to_string(visit) + ", 2, 1), (" +
                    std::to_string(visit) + ", 3, 2)"));
  }

  static db::DocumentHeader header() { return {"Д-2030-00017", Date(2030, 6, 3)}; }

  docs::DocTemplate tmpl(const std::string& id) {
    auto t = docs::load_template_file(docs::templates_dir() / (id + ".md"));
    REQUIRE_MESSAGE(t, (t ? "" : t.error().message));
    return *t;
  }
};

inline std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

// Writes the PDF (and keeps a copy in $REGISTRATURA_DOCS_OUT when set, to look at).
inline std::string save_pdf(const TempDir& dir, const std::string& name, const std::string& pdf) {
  std::string path = dir.file(name + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  if (const char* out = std::getenv("REGISTRATURA_DOCS_OUT"); out && *out) {
    std::filesystem::create_directories(out);
    std::ofstream(std::string(out) + "/" + name + ".pdf", std::ios::binary) << pdf;
  }
  return path;
}

// Text of the PDF (or of one page, 1-based), in reading order with the layout kept.
inline std::string pdf_text(const std::string& path, int page = 0) {
  std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  return run("pdftotext -layout" + range + " '" + path + "' -");
}

// Text of the PDF in reading order, each table cell whole (what a reader reads, not the layout).
inline std::string pdf_flow_text(const std::string& path) { return run("pdftotext '" + path + "' -"); }

inline int pdf_pages(const std::string& path) {
  std::string info = run("pdfinfo '" + path + "'");
  auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

// pdftotext breaks lines and puts runs of spaces between table cells: compare without them.
inline std::string squeeze(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\n' || s[i] == '\f') continue;
    if (s.compare(i, 2, "\xC2\xA0") == 0 || s.compare(i, 2, "\xC2\xAD") == 0) {  // no-break space, soft hyphen
      ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace rg::test
