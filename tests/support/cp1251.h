// Text as Excel in a Russian Windows saves «CSV (разделители — запятые)»: Windows-1251 bytes.
#pragma once

#include <doctest/doctest.h>
#include <iconv.h>

#include <string>

namespace rg::test {

inline std::string to_cp1251(const std::string& utf8) {
  iconv_t cd = iconv_open("WINDOWS-1251", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() + 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace rg::test
