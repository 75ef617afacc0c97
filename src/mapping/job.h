// MAP-3 and MAP-4: title, department and office, from the offer and the job
// posting. HIRE-7: with no posting these are empty and say why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"
#include "mapping/offer_choice.h"

namespace hiresync::mapping {

// The offer's job_title, else the posting's text.
std::optional<std::string> map_title(const HireInputs& in, const OfferChoice& offer,
                                     std::vector<Note>& notes, std::vector<FieldSource>& sources);

// categories.department / categories.location, spelled as Justworks spells
// them. Nothing is ever created on the Justworks side.
// With no posting the rule that decides is HIRE-7.
std::optional<std::string> map_department(const HireInputs& in, std::vector<Note>& notes,
                                          std::vector<FieldSource>& sources);
std::optional<std::string> map_office(const HireInputs& in, std::vector<Note>& notes,
                                      std::vector<FieldSource>& sources);

// The posting the worker should read: the application's. When Lever listed
// the application as a bare id (it ignored ?expand), the posting of the most
// recent offer that names one — Lever makes an offer for the candidate's job.
// nullopt: no job selected.
std::optional<std::string> posting_to_read(const lever::Opportunity& opportunity,
                                           const std::vector<lever::Offer>& offers);

// The sentence (no final period) for every field that needs a posting and has none.
std::string why_no_posting(const HireInputs& in);

}  // namespace hiresync::mapping
