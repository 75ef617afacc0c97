#include "mapping/job.h"

#include <fmt/format.h>

#include <cctype>

#include "mapping/offer_fields.h"
#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

// What a Lever category name matches in a Justworks list. An exact match
// wins; otherwise a case- and whitespace-insensitive one, if it is the only
// one (two Justworks entries differing only in case can't be told apart).
struct ListMatch {
  std::optional<std::string> entry;
  std::vector<std::string> candidates;  // more than one: ambiguous
};

ListMatch match_in(const std::vector<std::string>& list, const std::string& lever_value) {
  ListMatch match;
  for (const std::string& entry : list) {
    if (entry == lever_value) return {entry, {entry}};
    if (same_name(entry, lever_value)) match.candidates.push_back(entry);
  }
  if (match.candidates.size() == 1) match.entry = match.candidates.front();
  return match;
}

// `kind` is "department" or "office"; `lever_value` the posting category,
// read at `path`.
std::optional<std::string> map_category(const HireInputs& in,
                                        const std::optional<std::string>& lever_value,
                                        const std::vector<std::string>& justworks_list,
                                        const char* kind, const char* path,
                                        std::vector<Note>& notes,
                                        std::vector<FieldSource>& sources) {
  sources.push_back({kind, in.posting ? path : "", in.posting ? "MAP-4" : "HIRE-7"});
  if (!in.posting) {
    notes.push_back({kind, fmt::format("{}, so there is no {}; choose it in Justworks.",
                                       why_no_posting(in), kind)});
    return std::nullopt;
  }
  const std::string value = lever_value ? normalize_space(*lever_value) : std::string();
  if (value.empty()) {
    notes.push_back(
        {kind, fmt::format("The Lever job posting has no {}; choose it in Justworks.", kind)});
    return std::nullopt;
  }
  ListMatch match = match_in(justworks_list, value);
  if (match.entry) return match.entry;
  if (match.candidates.empty()) {
    notes.push_back(
        {kind, fmt::format("Lever {} {} is not a Justworks {}; choose one in Justworks.", kind,
                           quote(value), kind)});
  } else {
    std::vector<std::string> quoted;
    for (const std::string& c : match.candidates) quoted.push_back(quote(c));
    notes.push_back({kind, fmt::format("Lever {} {} matches several Justworks {}s ({}); choose one "
                                       "in Justworks.",
                                       kind, quote(value), kind, fmt::join(quoted, ", "))});
  }
  return std::nullopt;
}

std::string lower_first(std::string sentence) {
  if (!sentence.empty()) sentence[0] = static_cast<char>(std::tolower(sentence[0]));
  return sentence;
}

}  // namespace

std::optional<std::string> posting_to_read(const lever::Opportunity& opportunity,
                                           const std::vector<lever::Offer>& offers) {
  if (opportunity.posting_id || !opportunity.application_id) return opportunity.posting_id;
  const lever::Offer* newest = nullptr;
  for (const lever::Offer& offer : offers) {
    if (!offer.posting_id || offer.posting_id->empty()) continue;
    // Equal createdAt → the greater id, so Lever's list order never matters (as in MAP-9).
    if (!newest || offer.created_at_ms > newest->created_at_ms ||
        (offer.created_at_ms == newest->created_at_ms && offer.id > newest->id)) {
      newest = &offer;
    }
  }
  if (!newest) return std::nullopt;
  return newest->posting_id;
}

std::string why_no_posting(const HireInputs& in) {
  // An application Lever listed only by id has a job we could not learn.
  const bool has_job = in.opportunity.posting_id || in.opportunity.application_id;
  return has_job ? "The candidate's Lever job posting could not be read"
                 : "No job is selected for this candidate in Lever";
}

std::optional<std::string> map_title(const HireInputs& in, const OfferChoice& offer,
                                     std::vector<Note>& notes, std::vector<FieldSource>& sources) {
  const lever::OfferField* field = field_by_identifier(offer.terms, "job_title");
  const TextValue offered = read_text(field);
  const std::string offer_path = offer_field_path(offer.terms_index, "job_title");
  if (offered.state == TextState::kPresent) {
    sources.push_back({"title", offer_path, "MAP-3"});
    return offered.text;
  }

  std::optional<std::string> from_posting;
  if (in.posting && is_clean_text(in.posting->text)) {
    std::string text = normalize_space(in.posting->text);
    if (!text.empty()) from_posting = std::move(text);
  }
  if (offered.state == TextState::kWrongType) {
    const std::string what = fmt::format("The Lever offer's job title is not text (it is {})",
                                         describe_value(field->value));
    notes.push_back({"title", from_posting ? what + ", so the job posting's title was used."
                                           : what + "; enter the title in Justworks."});
  }
  if (from_posting) {
    sources.push_back({"title", "posting.text", "MAP-3"});
    return from_posting;
  }
  // Empty: the offer's field when it held something unusable, else the
  // posting's title when there was a posting, else nothing was read.
  std::string looked_at;
  if (offered.state == TextState::kWrongType || (offer.terms && !in.posting)) {
    looked_at = offer_path;
  } else if (in.posting) {
    looked_at = "posting.text";
  }
  sources.push_back({"title", looked_at, in.posting || offer.terms ? "MAP-3" : "HIRE-7"});
  if (offered.state == TextState::kWrongType) return std::nullopt;

  const std::string offer_part =
      offer.terms ? "The Lever offer has no job title" : offer.why_no_terms;
  const std::string posting_part =
      in.posting ? "the Lever job posting has no title" : lower_first(why_no_posting(in));
  notes.push_back({"title", fmt::format("{}, and {}; enter the title in Justworks.", offer_part,
                                        posting_part)});
  return std::nullopt;
}

std::optional<std::string> map_department(const HireInputs& in, std::vector<Note>& notes,
                                          std::vector<FieldSource>& sources) {
  const std::optional<std::string> value = in.posting ? in.posting->department : std::nullopt;
  return map_category(in, value, in.justworks.departments, "department",
                      "posting.categories.department", notes, sources);
}

std::optional<std::string> map_office(const HireInputs& in, std::vector<Note>& notes,
                                      std::vector<FieldSource>& sources) {
  const std::optional<std::string> value = in.posting ? in.posting->location : std::nullopt;
  return map_category(in, value, in.justworks.offices, "office", "posting.categories.location",
                      notes, sources);
}

}  // namespace hiresync::mapping
