// MAP-5: compensation amount and type of earnings, from the offer's terms.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"
#include "mapping/offer_choice.h"

namespace hiresync::mapping {

struct Compensation {
  std::optional<double> amount;                 // dollars; whole or with cents
  std::optional<std::string> type_of_earnings;  // salary | wage
};

// Both or neither: an amount without its type (or the reverse) is worse than
// nothing, so any problem with the amount, the interval or the currency drops
// both and notes both.
Compensation map_compensation(const OfferChoice& offer, std::vector<Note>& notes,
                              std::vector<FieldSource>& sources);

}  // namespace hiresync::mapping
