#include <catch2/catch.hpp>

#include "scenario/runner.h"

TEST_CASE("every scenario path gets a keep folder of its own", "[hostile]") {
  CHECK(sim::keep_folder_name("a/b.json") != sim::keep_folder_name("a_b.json"));
  CHECK(sim::keep_folder_name("a/b.json") == "a%2Fb.json");
  CHECK(sim::keep_folder_name("a%2Fb.json") != sim::keep_folder_name("a/b.json"));
  CHECK(sim::keep_folder_name("../x.json").find('/') == std::string::npos);
}
