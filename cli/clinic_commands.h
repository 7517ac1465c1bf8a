// `registratura init|backup|restore`: a new clinic's empty database, and its copies.
#pragma once

#include <string>

namespace rg::cli {

struct ClinicArgs {
  std::string clinic_name, time_zone = "Europe/Moscow";
  std::string to_dir, from_file;
};

bool is_clinic_command(const std::string& cmd);
// Returns the process's exit code (0 done, 1 refused, 2 misuse).
int run_clinic_command(const std::string& cmd, const std::string& db_path, const ClinicArgs& args);

}  // namespace rg::cli
