#include "mapping/classification.h"

#include <fmt/format.h>

#include "mapping/job.h"
#include "mapping/offer_fields.h"
#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

std::optional<std::string> member_type_of(const std::string& label) {
  const std::string key = vocabulary_key(label);
  if (key == "fulltime") return "full_time";
  if (key == "parttime") return "part_time";
  if (key == "intern") return "intern";
  if (key == "contract" || key == "contractor") return "contractor";
  return std::nullopt;
}

std::optional<std::string> exemption_of(const std::string& label) {
  const std::string key = vocabulary_key(label);
  if (key == "exempt") return "exempt";
  if (key == "nonexempt") return "non_exempt";
  return std::nullopt;
}

std::optional<std::string> member_type_from_commitment(const HireInputs& in,
                                                       std::vector<Note>& notes) {
  if (!in.posting) {
    notes.push_back(
        {"member_type", fmt::format("{}, and no usable offer has a 'Member type' field; "
                                    "choose the member type in Justworks.",
                                    why_no_posting(in))});
    return std::nullopt;
  }
  const std::string commitment =
      in.posting->commitment ? normalize_space(*in.posting->commitment) : std::string();
  if (commitment.empty()) {
    notes.push_back({"member_type",
                     "The Lever job posting has no commitment and no usable offer has a 'Member "
                     "type' field; choose the member type in Justworks."});
    return std::nullopt;
  }
  if (auto type = member_type_of(commitment)) return type;
  notes.push_back({"member_type", fmt::format("Lever commitment {} is not a Justworks member type "
                                              "(Full-time, Part-time, Intern, Contractor); choose "
                                              "it in Justworks.",
                                              quote(commitment))});
  return std::nullopt;
}

}  // namespace

std::string vocabulary_key(const std::string& label) {
  std::string key;
  for (char c : fold_case(normalize_space(label))) {
    if (c != ' ' && c != '-' && c != '_') key += c;
  }
  return key;
}

std::optional<std::string> map_member_type(const HireInputs& in, const OfferChoice& offer,
                                           std::vector<Note>& notes,
                                           std::vector<FieldSource>& sources) {
  const lever::OfferField* field = field_by_text(offer.terms, "Member type");
  const TextValue value = read_text(field);
  if (value.state == TextState::kAbsent) {
    sources.push_back({"member_type", in.posting ? "posting.categories.commitment" : "", "MAP-6"});
    return member_type_from_commitment(in, notes);
  }
  sources.push_back(
      {"member_type", offer_label_path(offer.terms_index, field, "Member type"), "MAP-6"});
  if (value.state == TextState::kWrongType) {
    notes.push_back({"member_type", fmt::format("The offer's 'Member type' is not text (it is {}); "
                                                "choose the member type in Justworks.",
                                                describe_value(field->value))});
    return std::nullopt;
  }
  if (auto type = member_type_of(value.text)) return type;
  notes.push_back({"member_type", fmt::format("The offer's 'Member type' {} is not a Justworks "
                                              "member type (Full-time, Part-time, Intern, "
                                              "Contractor); choose it in Justworks.",
                                              quote(value.text))});
  return std::nullopt;
}

std::optional<std::string> map_exemption_status(const OfferChoice& offer, std::vector<Note>& notes,
                                                std::vector<FieldSource>& sources) {
  const lever::OfferField* field = field_by_text(offer.terms, "Exemption status");
  sources.push_back(
      {"exemption_status",
       offer.terms ? offer_label_path(offer.terms_index, field, "Exemption status") : "", "MAP-6"});
  if (offer.terms == nullptr) {
    notes.push_back({"exemption_status",
                     fmt::format("{}, and the exemption status comes only from an offer; choose "
                                 "it in Justworks.",
                                 offer.why_no_terms)});
    return std::nullopt;
  }
  const TextValue value = read_text(field);
  if (value.state == TextState::kAbsent) {
    notes.push_back({"exemption_status",
                     "The Lever offer has no 'Exemption status' field; choose exempt or "
                     "non-exempt in Justworks."});
    return std::nullopt;
  }
  if (value.state == TextState::kWrongType) {
    notes.push_back({"exemption_status",
                     fmt::format("The offer's 'Exemption status' is not text (it is {}); choose "
                                 "exempt or non-exempt in Justworks.",
                                 describe_value(field->value))});
    return std::nullopt;
  }
  if (auto status = exemption_of(value.text)) return status;
  notes.push_back(
      {"exemption_status", fmt::format("The offer's 'Exemption status' {} is neither Exempt nor "
                                       "Non-exempt; choose it in Justworks.",
                                       quote(value.text))});
  return std::nullopt;
}

}  // namespace hiresync::mapping
