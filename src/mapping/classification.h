// MAP-6: member type and exemption status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"
#include "mapping/offer_choice.h"

namespace hiresync::mapping {

// The offer's "Member type" field when it holds a value, else the posting's
// commitment. A value the field holds but we don't know is noted, not
// replaced by the commitment: the offer is the more specific source.
std::optional<std::string> map_member_type(const HireInputs& in, const OfferChoice& offer,
                                           std::vector<Note>& notes,
                                           std::vector<FieldSource>& sources);

// The offer's "Exemption status" field; there is no other source.
std::optional<std::string> map_exemption_status(const OfferChoice& offer, std::vector<Note>& notes,
                                                std::vector<FieldSource>& sources);

// "Full-time", "full time", "FULL_TIME", "Fulltime" → "fulltime": the key the
// vocabularies below are written in.
std::string vocabulary_key(const std::string& label);

}  // namespace hiresync::mapping
