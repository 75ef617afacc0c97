// MAP-1: first and last name from the opportunity's name.
#include <fmt/format.h>

#include "mapping/person.h"
#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

void note_both(std::vector<Note>& notes, const std::string& reason) {
  notes.push_back({"first_name", reason});
  notes.push_back({"last_name", reason});
}

}  // namespace

PersonName map_name(const lever::Opportunity& opportunity, std::vector<Note>& notes,
                    std::vector<FieldSource>& sources) {
  sources.push_back({"first_name", "opportunity.name", "MAP-1"});
  sources.push_back({"last_name", "opportunity.name", "MAP-1"});
  // Lever shows a placeholder for anonymized candidates; it is not a name.
  if (opportunity.is_anonymized) {
    note_both(
        notes,
        "The candidate is anonymized in Lever, so no name was synced; enter it in Justworks.");
    return {};
  }
  if (!is_clean_text(opportunity.name)) {
    note_both(notes, "The candidate's name in Lever is not readable text; enter it in Justworks.");
    return {};
  }
  std::vector<std::string> words = split_words(opportunity.name);
  if (words.empty()) {
    note_both(notes, "The candidate has no name in Lever; enter it in Justworks.");
    return {};
  }
  PersonName name;
  name.first = words.front();
  if (words.size() == 1) {
    notes.push_back({"last_name", fmt::format("Lever name {} is a single word, so it became the "
                                              "first name; enter the last name in Justworks.",
                                              quote(opportunity.name))});
    return name;
  }
  std::string last = words[1];
  for (size_t i = 2; i < words.size(); ++i) last += " " + words[i];
  name.last = std::move(last);
  // "Doe, Jane" still splits by the rule, but the admin should know the
  // parts may be the wrong way round.
  if (name.first->ends_with(',')) {
    notes.push_back({"first_name", fmt::format("Lever name {} has a comma, so it may be written "
                                               "last name first; check first and last name.",
                                               quote(opportunity.name))});
  }
  return name;
}

}  // namespace hiresync::mapping
