// The bind overloads every engine's statement shares. An engine's statement derives from
// Binds<Itself>, implements the four primitive binds (null, integer, double, text: 1-based index,
// the value copied) and says `using Binds<Itself>::bind;` — ints, bools, strings, optionals and
// bind_all(a, b, c) (→ ?1, ?2, ?3) then come from here, the same on SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rg::db {

template <class Derived>
class Binds {
 public:
  Derived& bind(int i, int v) { return self().bind(i, static_cast<std::int64_t>(v)); }
  Derived& bind(int i, bool v) { return self().bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  Derived& bind(int i, const std::string& v) { return self().bind(i, std::string_view(v)); }
  Derived& bind(int i, const char* v) { return self().bind(i, std::string_view(v)); }
  template <typename T>
  Derived& bind(int i, const std::optional<T>& v) {
    return v ? self().bind(i, *v) : self().bind(i, nullptr);
  }
  template <typename... A>
  Derived& bind_all(const A&... args) {
    int i = 0;
    (self().bind(++i, args), ...);
    return self();
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

}  // namespace rg::db
