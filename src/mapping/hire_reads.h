// What the worker reads for one hire beyond the opportunity and its offers,
// decided by the rules that will use it: the posting (HIRE-7, MAP-3/4), the
// Lever user named as manager (MAP-7) and the home email whose pending hires
// HIRE-5 compares against (MAP-2). Pure, so the worker reads exactly what the
// mapping reads and decides nothing of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lever/types.h"

namespace hiresync::mapping {

struct HireReads {
  std::optional<std::string> posting_id;  // nullopt: no job selected
  std::vector<std::string> user_ids;      // the Lever users map_manager looks up
  std::optional<std::string> home_email;  // as map_hire will write it
};

HireReads hire_reads(const lever::Opportunity& opportunity,
                     const std::vector<lever::Offer>& offers);

}  // namespace hiresync::mapping
