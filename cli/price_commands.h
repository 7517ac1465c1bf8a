// `registratura prices export|import`: the price list to a CSV or XLSX file, and from a CSV file
// with a preview in words first (--dry-run stops there). The CLI acts as the system.
#pragma once

#include <string>

namespace rg::cli {

// argv as main() got it, argv[1] == "prices". Returns the exit code (0 done, 1 refused, 2 misuse).
int run_price_command(int argc, char** argv, std::string db_path);

}  // namespace rg::cli
