// libFuzzer harness: the scenario loader on any file content — the JSON
// reader with comments, its limits (depth, duplicate keys, NUL), and the
// scenario's parse with its parameter typing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/jsonc.h"
#include "scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = sim::parse_jsonc(text, "fuzz.json");
  if (!doc.ok()) return 0;
  auto scenario = sim::parse_scenario(*doc, "fuzz.json");
  if (scenario.ok()) {
    for (const auto& step : scenario->steps) step.params.dump();
  }
  return 0;
}
