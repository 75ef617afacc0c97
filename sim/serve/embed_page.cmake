# Writes OUT, a C++ file defining sim::serve::inspector_page() as the text of
# IN, so the page stays an ordinary file in the tree and the binary needs no
# files beside it. Run by the build whenever IN changes.
file(READ "${IN}" page)
string(FIND "${page}" ")INSPECTOR\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw string's closing delimiter )INSPECTOR\"")
endif()
file(WRITE "${OUT}.tmp"
  "// Generated from sim/serve/inspector.html by embed_page.cmake: edit the page, not this.\n"
  "#include \"serve/inspector_page.h\"\n\n"
  "namespace sim::serve {\n\n"
  "const char* inspector_page() {\n"
  "  return R\"INSPECTOR(${page})INSPECTOR\";\n"
  "}\n\n"
  "}  // namespace sim::serve\n")
file(RENAME "${OUT}.tmp" "${OUT}")
