// libFuzzer harness: the world loader on any file content, as an inline
// world: the JSON reader, the world's tenants, then each tenant loaded into
// both fakes as SimWorld::create does (Lever's world schema, references and
// defaults; Justworks' company schema) — without starting their servers.
#include <cstddef>
#include <cstdint>
#include <string>

#include "adapters/httplib_client.h"
#include "common/jsonc.h"
#include "common/virtual_clock.h"
#include "fake_justworks/fake_justworks.h"
#include "fake_lever/fake_lever.h"
#include "scenario/world_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = sim::parse_jsonc(text, "world.json");
  if (!doc.ok() || !doc->is_object()) return 0;
  auto spec = sim::resolve_world(*doc, "fuzz.json");
  if (!spec.ok()) return 0;
  // Nothing is started, so the webhook sender never sends.
  static hiresync::HttplibClient unused_webhook_sender;
  const sim::VirtualClock clock;
  sim::lever::FakeLever lever(clock, 1, unused_webhook_sender);
  sim::justworks::FakeJustworks justworks(clock, 2);
  for (const auto& t : (*spec)->tenants) {
    if (!lever.add_account(t.name, t.lever, t.where).ok()) return 0;
    if (!justworks.add_company(t.justworks, t.where).ok()) return 0;
  }
  return 0;
}
