// HIRE-5: the `possible_duplicate` flag. Another pending hire of the same
// Lever contact, or a home email that a Justworks member or another pending
// hire already has, suggests the person is already known to Justworks.
// (A second hire of the same opportunity is the pipeline's to skip.)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"

namespace hiresync::mapping {

// Adds the flag once and one note per match (field "flags"). Dismissed
// pending hires are ignored: an admin already decided they were not this hire.
void flag_duplicates(const HireInputs& in, PendingHireDraft& draft);

}  // namespace hiresync::mapping
