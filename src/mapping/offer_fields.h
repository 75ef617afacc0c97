// Reading one entry of a Lever offer's fields[] without trusting its JSON type.
// Lever's values are numbers, strings, user ids or null, and customers' custom
// fields can hold anything; every reader here reports what it found instead of
// throwing, so the rules can write a note and move on.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lever/types.h"

namespace hiresync::mapping {

// The first field with this identifier (exact; Lever identifiers are slugs).
// Null when `offer` is null or has no such field.
const lever::OfferField* field_by_identifier(const lever::Offer* offer,
                                             std::string_view identifier);

// The first field whose label is `text`, compared with same_name (case and
// whitespace do not matter): how custom fields such as "Member type" are found.
const lever::OfferField* field_by_text(const lever::Offer* offer, std::string_view text);

enum class TextState {
  kAbsent,     // no such field, or its value is null or only whitespace
  kWrongType,  // a number, bool, list, object, or text that is not clean (see is_clean_text)
  kPresent,
};

struct TextValue {
  TextState state = TextState::kAbsent;
  std::string text;  // kPresent: the value with whitespace normalised
};

TextValue read_text(const lever::OfferField* field);

// The Lever JSON path of an offer field, for FieldSource:
// "offers[2].fields[salary_amount].value" — the offer at `offer_index` in
// the list Lever gave, its field with that identifier. A field found by its
// label (or a looked-for one that is absent) is named by `label` instead:
// "offers[0].fields[text='Member type'].value".
std::string offer_field_path(size_t offer_index, std::string_view identifier);
std::string offer_label_path(size_t offer_index, const lever::OfferField* field,
                             std::string_view label);

// How a raw value reads inside a note: text quoted ('142,000'), numbers as
// JSON writes them (-5, 23.456), other kinds by name ("a list").
std::string describe_value(const nlohmann::json& value);

}  // namespace hiresync::mapping
