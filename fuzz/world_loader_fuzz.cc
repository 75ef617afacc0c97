// libFuzzer harness: the world loader on any file content, as an inline
// world: the JSON reader, then both fakes' world schemas and defaults.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/jsonc.h"
#include "scenario/world_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = sim::parse_jsonc(text, "world.json");
  if (!doc.ok() || !doc->is_object()) return 0;
  sim::resolve_world(*doc, "fuzz.json");
  return 0;
}
