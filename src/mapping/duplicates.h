// HIRE-5: a second hire of the same opportunity, and the `possible_duplicate`
// flag. Another pending hire of the same Lever contact, or a home email that
// a Justworks member or another pending hire already has, suggests the person
// is already known to Justworks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"

namespace hiresync::mapping {

// Adds the flag once and one note per match (field "flags"). Dismissed
// pending hires are ignored: an admin already decided they were not this hire.
void flag_duplicates(const HireInputs& in, PendingHireDraft& draft);

// This opportunity's earlier pending hires in Justworks. One still pending
// means nothing new (the pipeline records it and stops); each closed one
// (invited or dismissed) moves the next pending hire to a new generation, so
// a new Idempotency-Key.
struct EarlierPendingHires {
  std::optional<std::string> still_pending_id;
  int closed = 0;
};
EarlierPendingHires earlier_pending_hires(const std::string& opportunity_id, const HireInputs& in);

}  // namespace hiresync::mapping
