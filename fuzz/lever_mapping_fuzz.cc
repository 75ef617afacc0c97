// libFuzzer harness: Lever's answers → the typed views → the mapping. The
// input is one Lever list page ({"data": [...]}); each item is read as an
// opportunity, an offer, a posting and a user, and whatever parses is mapped
// into a pending hire and its JSON body, as the worker does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "justworks/pending_hire_body.h"
#include "lever/parse.h"
#include "mapping/map_hire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hiresync;
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto page = lever::parse_page(body);
  if (!page.ok()) {
    lever::parse_envelope(body);
    return 0;
  }
  HireInputs inputs;
  bool have_opportunity = false;
  for (const auto& item : page->items) {
    if (auto o = lever::parse_opportunity(item); o.ok() && !have_opportunity) {
      inputs.opportunity = *o;
      have_opportunity = true;
    }
    if (auto offer = lever::parse_offer(item); offer.ok()) inputs.offers.push_back(*offer);
    if (auto posting = lever::parse_posting(item); posting.ok() && !inputs.posting)
      inputs.posting = *posting;
    if (auto user = lever::parse_user(item); user.ok()) inputs.users.push_back(*user);
    lever::parse_webhook(item);
  }
  if (have_opportunity) justworks::pending_hire_body(map_hire(inputs)).dump();
  return 0;
}
