# Writes a C++ header holding a text file as a string_view, so the binary
# carries the file (a page, the rules catalogue) and needs nothing beside it.
# Run as: cmake -DINPUT=file -DOUTPUT=header -DNAME=identifier -P embed_text.cmake
file(READ "${INPUT}" content)
string(FIND "${content}" ")embedded\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )embedded\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} at build time; edit that file, not this one.\n"
  "#pragma once\n#include <string_view>\n"
  "inline constexpr std::string_view ${NAME} = R\"embedded(${content})embedded\";\n")
# Only a changed header touches what includes it.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
