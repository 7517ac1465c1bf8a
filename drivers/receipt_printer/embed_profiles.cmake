# Turns the printer profile data files into one C++ header (an array of their texts).
# cmake -DOUT=receipt_profiles_data.h "-DFILES=a.profile|b.profile" -P embed_profiles.cmake
string(REPLACE "|" ";" files "${FILES}")
set(body "// Generated from drivers/receipt_printer/profiles/*.profile; edit those files.\n#pragma once\n\ninline constexpr const char* kBuiltinReceiptProfiles[] = {\n")
foreach(f ${files})
  file(READ "${f}" content)
  string(APPEND body "R\"rg_profile(${content})rg_profile\",\n")
endforeach()
string(APPEND body "};\n")
file(WRITE "${OUT}" "${body}")
