// MAP-7: the manager, from the signed offer's direct manager (else hiring
// manager), matched by email to a Justworks member.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"
#include "mapping/offer_choice.h"

namespace hiresync::mapping {

// Only `direct_manager` being empty falls through to `hiring_manager`: a
// direct manager who can't be matched is noted, never swapped for the hiring
// manager, who is often someone else. A deactivated Lever user is not used
// either: deactivation usually means the person left.
// The Lever user id map_manager looks up: the signed offer's direct manager
// (else hiring manager) when it is a clean user id; nullopt when there is none.
std::optional<std::string> manager_user_id(const OfferChoice& offer);

std::optional<ManagerRef> map_manager(const HireInputs& in, const OfferChoice& offer,
                                      std::vector<Note>& notes, std::vector<FieldSource>& sources);

}  // namespace hiresync::mapping
