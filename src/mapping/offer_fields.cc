#include "mapping/offer_fields.h"

#include <cmath>

#include <fmt/format.h>

#include "mapping/text.h"

namespace hiresync::mapping {

const lever::OfferField* field_by_identifier(const lever::Offer* offer,
                                             std::string_view identifier) {
  if (offer == nullptr) return nullptr;
  for (const lever::OfferField& field : offer->fields) {
    if (field.identifier == identifier) return &field;
  }
  return nullptr;
}

const lever::OfferField* field_by_text(const lever::Offer* offer, std::string_view text) {
  if (offer == nullptr) return nullptr;
  for (const lever::OfferField& field : offer->fields) {
    if (same_name(field.text, text)) return &field;
  }
  return nullptr;
}

std::string offer_field_path(size_t offer_index, std::string_view identifier) {
  return fmt::format("offers[{}].fields[{}].value", offer_index, identifier);
}

std::string offer_label_path(size_t offer_index, const lever::OfferField* field,
                             std::string_view label) {
  if (field != nullptr && !field->identifier.empty()) {
    return offer_field_path(offer_index, field->identifier);
  }
  return fmt::format("offers[{}].fields[text='{}'].value", offer_index, label);
}

TextValue read_text(const lever::OfferField* field) {
  if (field == nullptr || field->value.is_null()) return {};
  if (!field->value.is_string()) return {TextState::kWrongType, {}};
  const auto& raw = field->value.get_ref<const std::string&>();
  if (!is_clean_text(raw)) return {TextState::kWrongType, {}};
  std::string text = normalize_space(raw);
  if (text.empty()) return {};
  return {TextState::kPresent, std::move(text)};
}

std::string describe_value(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "empty";
    case nlohmann::json::value_t::string:
      return quote(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::binary:
      return "binary data";
    default:
      break;
  }
  // Numbers: JSON's own spelling. A NaN or infinity (only possible when the
  // value was built in code, never parsed) would dump as null, so name it.
  if (value.is_number_float() && !std::isfinite(value.get<double>())) return "not a number";
  return value.dump();
}

}  // namespace hiresync::mapping
