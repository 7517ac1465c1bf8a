# Turns a text file into a C++ header with one string constant (used for the migration SQL).
# cmake -DIN=file.sql -DOUT=file.h -DNAME=kSymbol -P embed.cmake
file(READ "${IN}" content)
file(WRITE "${OUT}" "// Generated from ${IN}; edit that file.\n#pragma once\ninline constexpr const char ${NAME}[] = R\"rg_sql(${content})rg_sql\";\n")
