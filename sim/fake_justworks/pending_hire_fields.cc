// Checks on pending-hire fields (see pending_hire_fields.h). One table lists
// every field with its kind; the shape and value tiers both walk it, so the
// order errors are reported in is the table's order (SPEC §5's order).
#include "fake_justworks/pending_hire_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <string_view>

#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

using nlohmann::json;

enum class Kind {
  kSource,   // "lever"
  kLeverId,  // a required Lever id
  kText,     // a one-line string
  kEmail,
  kDepartment,  // one of the company's departments
  kOffice,      // one of the company's offices
  kManager,     // {"name", "email"} of a member
  kDate,        // YYYY-MM-DD
  kChoice,      // one of `choices`
  kAmount,      // dollars, positive, at most cents
  kFlags,       // ["possible_duplicate", ...]
  kNotes,       // [{"field", "reason"}, ...]
};

struct FieldRule {
  std::string_view key;
  Kind kind;
  bool editable;   // Review & Invite may change it
  bool in_create;  // a create must carry it
  std::span<const std::string_view> choices = {};
};

constexpr FieldRule kRules[] = {
    {"source", Kind::kSource, false, true},
    {"lever_opportunity_id", Kind::kLeverId, false, true},
    {"lever_contact_id", Kind::kLeverId, false, true},
    {"first_name", Kind::kText, true, true},
    {"last_name", Kind::kText, true, true},
    {"home_email", Kind::kEmail, true, true},
    // Not synced from Lever; an admin may add one in Review & Invite.
    {"work_email", Kind::kEmail, true, false},
    {"title", Kind::kText, true, true},
    {"department", Kind::kDepartment, true, true},
    {"office", Kind::kOffice, true, true},
    {"manager", Kind::kManager, true, true},
    {"start_date", Kind::kDate, true, true},
    {"member_type", Kind::kChoice, true, true, kMemberTypes},
    {"compensation_amount", Kind::kAmount, true, true},
    {"type_of_earnings", Kind::kChoice, true, true, kEarningTypes},
    {"exemption_status", Kind::kChoice, true, true, kExemptionStatuses},
    {"flags", Kind::kFlags, false, true},
    {"notes", Kind::kNotes, false, true},
};

// Keys of the answer that only Justworks sets.
constexpr std::string_view kAssignedKeys[] = {"id", "status", "created_at", "review_url",
                                              "member_id"};

const FieldRule* find_rule(std::string_view key) {
  for (const auto& rule : kRules) {
    if (rule.key == key) return &rule;
  }
  return nullptr;
}

std::optional<ApiError> check_known_key(const std::string& key, bool editing) {
  const FieldRule* rule = find_rule(key);
  if (std::find(std::begin(kAssignedKeys), std::end(kAssignedKeys), key) !=
      std::end(kAssignedKeys)) {
    return bad_request("read_only_field", fmt::format("'{}' is set by Justworks, not sent", key),
                       key);
  }
  if (!rule) {
    return bad_request("unknown_field", fmt::format("'{}' is not a pending-hire field", key), key);
  }
  if (editing && !rule->editable) {
    return bad_request("read_only_field",
                       fmt::format("'{}' comes from the sync and cannot be edited", key), key);
  }
  return std::nullopt;
}

std::optional<ApiError> wrong_type(std::string_view key, std::string_view expected) {
  return bad_request("invalid_type", fmt::format("'{}' must be {}", key, expected),
                     std::string(key));
}

std::optional<ApiError> check_manager_type(const json& value) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_object()) return wrong_type("manager", "an object {\"name\", \"email\"} or null");
  for (const auto& [key, inner] : value.items()) {
    if (key != "name" && key != "email") {
      return bad_request("unknown_field", fmt::format("'manager.{}' is not a manager field", key),
                         "manager." + key);
    }
  }
  for (const char* key : {"name", "email"}) {
    const std::string field = fmt::format("manager.{}", key);
    if (!value.contains(key)) {
      return bad_request("missing_field", fmt::format("'{}' is missing", field), field);
    }
    if (!value.at(key).is_string()) return wrong_type(field, "a string");
  }
  return std::nullopt;
}

std::optional<ApiError> check_list_type(const FieldRule& rule, const json& value) {
  if (rule.kind == Kind::kFlags) {
    const bool ok = value.is_array() && std::all_of(value.begin(), value.end(),
                                                    [](const json& f) { return f.is_string(); });
    return ok ? std::nullopt : wrong_type(rule.key, "an array of strings");
  }
  const bool ok = value.is_array() && std::all_of(value.begin(), value.end(), [](const json& note) {
                    return note.is_object() && note.size() == 2 && note.contains("field") &&
                           note.contains("reason") && note.at("field").is_string() &&
                           note.at("reason").is_string();
                  });
  return ok ? std::nullopt : wrong_type(rule.key, "an array of {\"field\", \"reason\"} strings");
}

std::optional<ApiError> check_type(const FieldRule& rule, const json& value) {
  switch (rule.kind) {
    case Kind::kManager:
      return check_manager_type(value);
    case Kind::kFlags:
    case Kind::kNotes:
      return check_list_type(rule, value);
    case Kind::kAmount:
      return value.is_null() || value.is_number() ? std::nullopt
                                                  : wrong_type(rule.key, "a number or null");
    default:
      return value.is_null() || value.is_string() ? std::nullopt
                                                  : wrong_type(rule.key, "a string or null");
  }
}

std::optional<ApiError> check_types_in_order(const json& body) {
  for (const auto& rule : kRules) {
    auto it = body.find(rule.key);
    if (it == body.end()) continue;
    if (auto error = check_type(rule, *it)) return error;
  }
  return std::nullopt;
}

ApiError refused(std::string_view field, std::string message) {
  return unprocessable("invalid_value", std::move(message), std::string(field));
}

Outcome<json> resolve_text(const FieldRule& rule, const std::string& text) {
  if (!is_clean_line(text)) {
    return refused(rule.key, fmt::format("'{}' must be non-empty and trimmed (send null when "
                                         "there is no value)",
                                         rule.key));
  }
  return json(text);
}

Outcome<json> resolve_choice(const FieldRule& rule, const std::string& text) {
  if (std::find(rule.choices.begin(), rule.choices.end(), text) != rule.choices.end())
    return json(text);
  if (rule.key == "type_of_earnings") {
    return refused(rule.key, fmt::format("type_of_earnings '{}' is not accepted: Justworks takes "
                                         "salary (per year) or wage (per hour)",
                                         text));
  }
  std::string allowed;
  for (const auto& choice : rule.choices)
    allowed += (allowed.empty() ? "" : ", ") + std::string(choice);
  return refused(rule.key, fmt::format("{} '{}' is not one of: {}", rule.key, text, allowed));
}

Outcome<json> resolve_named(const FieldRule& rule, const Company& company,
                            const std::string& text) {
  const bool is_department = rule.kind == Kind::kDepartment;
  const std::string* name =
      is_department ? company.find_department(text) : company.find_office(text);
  if (!name) {
    return refused(rule.key, fmt::format("{} '{}' is not a {} of {}", rule.key, text,
                                         is_department ? "department" : "office", company.name));
  }
  return json(*name);
}

Outcome<json> resolve_string(const FieldRule& rule, const Company& company,
                             const std::string& text) {
  auto clean = resolve_text(rule, text);
  if (!clean.ok()) return clean;
  switch (rule.kind) {
    case Kind::kSource:
      if (text != "lever") return refused(rule.key, "source must be \"lever\"");
      return clean;
    case Kind::kEmail:
      if (!looks_like_email(text)) {
        return refused(rule.key, fmt::format("{} '{}' is not an email address", rule.key, text));
      }
      return clean;
    case Kind::kDate:
      if (!is_calendar_date(text)) {
        return refused(rule.key, fmt::format("{} '{}' is not a date YYYY-MM-DD", rule.key, text));
      }
      return clean;
    case Kind::kChoice:
      return resolve_choice(rule, text);
    case Kind::kDepartment:
    case Kind::kOffice:
      return resolve_named(rule, company, text);
    default:
      return clean;
  }
}

Outcome<json> resolve_amount(const FieldRule& rule, const json& value) {
  const double amount = value.get<double>();
  if (!(amount > 0)) {
    return refused(rule.key,
                   fmt::format("compensation_amount must be positive, not {}", value.dump()));
  }
  const double cents = amount * 100;
  if (std::abs(cents - std::round(cents)) > 1e-6 * std::max(1.0, cents)) {
    return refused(rule.key, "compensation_amount has more than two decimals (cents)");
  }
  return value;
}

Outcome<json> resolve_manager(const Company& company, const json& value) {
  const std::string name = value.at("name").get<std::string>();
  const std::string email = value.at("email").get<std::string>();
  if (!is_clean_line(name))
    return refused("manager.name", "manager.name must be non-empty and trimmed");
  if (!company.find_member_by_email(email)) {
    return refused("manager.email",
                   fmt::format("manager.email '{}' is not a member of {}", email, company.name));
  }
  return value;
}

Outcome<json> resolve_list(const FieldRule& rule, const json& value) {
  for (size_t i = 0; i < value.size(); ++i) {
    const json& item = value[i];
    const bool clean = rule.kind == Kind::kFlags
                           ? is_clean_line(item.get<std::string>())
                           : is_clean_line(item.at("field").get<std::string>()) &&
                                 is_clean_line(item.at("reason").get<std::string>());
    if (!clean) {
      return refused(rule.key,
                     fmt::format("{}[{}] holds an empty or untrimmed string", rule.key, i));
    }
  }
  return value;
}

Outcome<json> resolve_value(const FieldRule& rule, const Company& company, const json& value) {
  if (value.is_null()) {
    if (rule.kind == Kind::kSource || rule.kind == Kind::kLeverId) {
      return unprocessable("required", fmt::format("'{}' is required", rule.key),
                           std::string(rule.key));
    }
    return value;
  }
  switch (rule.kind) {
    case Kind::kAmount:
      return resolve_amount(rule, value);
    case Kind::kManager:
      return resolve_manager(company, value);
    case Kind::kFlags:
    case Kind::kNotes:
      return resolve_list(rule, value);
    default:
      return resolve_string(rule, company, value.get<std::string>());
  }
}

std::optional<ApiError> check_object(const json& body) {
  if (body.is_object()) return std::nullopt;
  return bad_request("invalid_type", "the body must be a JSON object");
}

}  // namespace

std::optional<ApiError> check_create_shape(const json& body) {
  if (auto error = check_object(body)) return error;
  for (const auto& [key, value] : body.items()) {
    if (auto error = check_known_key(key, false)) return error;
  }
  for (const auto& rule : kRules) {
    if (rule.in_create && !body.contains(rule.key)) {
      return bad_request("missing_field",
                         fmt::format("'{}' is missing: send every pending-hire field, null when "
                                     "there is no value",
                                     rule.key),
                         std::string(rule.key));
    }
  }
  return check_types_in_order(body);
}

std::optional<ApiError> check_edit_shape(const json& body) {
  if (auto error = check_object(body)) return error;
  for (const auto& [key, value] : body.items()) {
    if (auto error = check_known_key(key, true)) return error;
  }
  return check_types_in_order(body);
}

Outcome<json> resolve_values(const Company& company, const json& body) {
  json out = json::object();
  for (const auto& rule : kRules) {
    auto it = body.find(rule.key);
    if (it == body.end()) continue;
    auto value = resolve_value(rule, company, *it);
    if (!value.ok()) return value.error();
    out[std::string(rule.key)] = std::move(value.value());
  }
  return out;
}

json blank_fields() {
  json out = json::object();
  for (const auto& rule : kRules) {
    const bool list = rule.kind == Kind::kFlags || rule.kind == Kind::kNotes;
    out[std::string(rule.key)] = list ? json::array() : json(nullptr);
  }
  return out;
}

std::optional<ApiError> first_missing_for_invite(const json& fields) {
  auto missing = [](const char* field, std::string message) {
    return unprocessable("required", std::move(message), field);
  };
  auto absent = [&](const char* key) { return !fields.contains(key) || fields.at(key).is_null(); };
  for (const char* key : {"first_name", "last_name"}) {
    if (absent(key)) return missing(key, fmt::format("Invite New Member needs {}", key));
  }
  if (absent("home_email") && absent("work_email")) {
    return missing("home_email", "Invite New Member needs an email: home_email or work_email");
  }
  for (const char* key : {"start_date", "member_type"}) {
    if (absent(key)) return missing(key, fmt::format("Invite New Member needs {}", key));
  }
  const std::string member_type = fields.at("member_type").get<std::string>();
  if (!is_w2_member_type(member_type)) return std::nullopt;
  for (const char* key : {"compensation_amount", "type_of_earnings", "exemption_status"}) {
    if (absent(key)) {
      return missing(
          key, fmt::format("Invite New Member needs {} for a W-2 member ({})", key, member_type));
    }
  }
  return std::nullopt;
}

std::string invitation_email(const json& fields) {
  const json& work = fields.at("work_email");
  return work.is_string() ? work.get<std::string>() : fields.at("home_email").get<std::string>();
}

}  // namespace sim::justworks
