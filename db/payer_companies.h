// Companies that pay for patients' treatment (an employer, a school): kept once with what a
// contract names — OGRN, INN, KPP, address, who signs for the company and on what authority.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "database.h"

namespace rg::db {

struct PayerCompany {
  std::int64_t id = 0;
  std::string name, inn, kpp, ogrn, address, phone;
  std::string signatory_position;  // «Генеральный директор»
  std::string signatory_name;      // «Петров Иван Сергеевич»
  char signatory_sex = 0;          // 'M', 'F', 0: from the patronymic
  std::string authority;           // «Устава», «доверенности № 7 от 01.02.2026» (after «на основании»)
  bool active = true;
};

Status validate(const PayerCompany& c);
// Adds (id == 0) or changes a company, audited. Two companies never share an INN and KPP.
Result<std::int64_t> save_payer_company(Database& db, const PayerCompany& c, const Actor& actor);
Result<PayerCompany> get_payer_company(Database& db, std::int64_t id);
// Active companies by name (a prefix of the name or of the INN; empty: all), at most `limit`.
Result<std::vector<PayerCompany>> find_payer_companies(Database& db, std::string_view query, int limit = 50);

}  // namespace rg::db
