// `registratura user-…`: accounts from the command line, for the first manager of a new clinic
// and for whoever runs the server. Secrets are read from stdin, never from the arguments (they
// would show in `ps` and the shell's history).
#pragma once

#include <string>
#include <vector>

namespace rg::cli {

struct UserArgs {
  std::string login, name, position, reason;
  std::vector<std::string> roles;
  long long doctor_id = 0;
};

// `cmd` is one of user-add, user-passwd, user-pin, user-block, user-unblock, user-list;
// returns the process's exit code (0 done, 1 refused, 2 misuse).
int run_user_command(const std::string& cmd, const std::string& db_path, const UserArgs& args);
bool is_user_command(const std::string& cmd);

// Sets the demo clinic's passwords and PINs (README lists them).
int set_demo_secrets(const std::string& db_path);

}  // namespace rg::cli
