// MAP-1 and MAP-2: the candidate's name and home email, from the opportunity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lever/types.h"
#include "mapping/map_hire.h"

namespace hiresync::mapping {

struct PersonName {
  std::optional<std::string> first, last;
};

// First word → first name, the remaining words joined by single spaces → last
// name. Names are not reordered or split by script: "李小龙" is one word and
// becomes the first name, with a note asking for the last name.
PersonName map_name(const lever::Opportunity& opportunity, std::vector<Note>& notes,
                    std::vector<FieldSource>& sources);

// The first entry of `emails` that looks like an address; entries before it
// that don't are named in a note. Anonymized candidates get no email.
std::optional<std::string> map_home_email(const lever::Opportunity& opportunity,
                                          std::vector<Note>& notes,
                                          std::vector<FieldSource>& sources);

// A cheap shape check, not RFC 5322: one '@', something before it, a dot in
// the domain and no whitespace. It catches "n/a", "jane" and "jane@" typed
// into Lever without ever rejecting a real address.
bool looks_like_email(const std::string& s);

}  // namespace hiresync::mapping
