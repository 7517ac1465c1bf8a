// `registratura import-patients`: a clinic's patient base from a CSV file (db/patient_import.h),
// with the columns it used, the first rows as read, and the report in words.
#pragma once

#include <string>

namespace rg::cli {

bool is_import_command(const std::string& cmd);
// Parses its own arguments (argv[1] is the command). Returns the exit code: 0 imported (or a dry
// run that could import), 1 nothing imported because of errors or a refusal, 2 misuse.
int run_import_command(int argc, char** argv, const std::string& default_db);

}  // namespace rg::cli
