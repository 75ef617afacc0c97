// The mail relay and captured mailbox (see mailbox.h).
#include "fake_justworks/mailbox.h"

#include <fmt/format.h>

#include <algorithm>

#include "fake_justworks/idempotency.h"
#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

using nlohmann::json;

constexpr const char* kEmailKeys[] = {"to", "subject", "text", "link"};

std::optional<ApiError> check_email_shape(const json& body) {
  if (!body.is_object()) return bad_request("invalid_type", "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::find(std::begin(kEmailKeys), std::end(kEmailKeys), key) == std::end(kEmailKeys)) {
      return bad_request("unknown_field", fmt::format("'{}' is not an email field", key), key);
    }
  }
  for (const char* key : kEmailKeys) {
    if (!body.contains(key)) {
      return bad_request("missing_field", fmt::format("'{}' is missing", key), key);
    }
    if (!body.at(key).is_string()) {
      return bad_request("invalid_type", fmt::format("'{}' must be a string", key), key);
    }
  }
  return std::nullopt;
}

std::optional<ApiError> check_email_values(const Company& company, const json& body) {
  const std::string to = body.at("to").get<std::string>();
  if (!company.find_member_by_email(to)) {
    return unprocessable("unknown_recipient",
                         fmt::format("'{}' is not a member of {}", to, company.name), "to");
  }
  if (!is_clean_line(body.at("subject").get<std::string>())) {
    return unprocessable("invalid_value", "subject must be one non-empty, trimmed line", "subject");
  }
  if (body.at("text").get<std::string>().empty()) {
    return unprocessable("invalid_value", "text must not be empty", "text");
  }
  const std::string link = body.at("link").get<std::string>();
  if (!is_clean_line(link) || (link.rfind("http://", 0) != 0 && link.rfind("https://", 0) != 0)) {
    return unprocessable("invalid_value", "link must be an http(s) URL", "link");
  }
  return std::nullopt;
}

}  // namespace

Outcome<Created> send_email(Service& service, Company& company,
                            const std::optional<std::string>& idempotency_key, const json& body) {
  if (auto error = check_idempotency_key(idempotency_key)) return *error;
  if (auto error = check_email_shape(body)) return *error;
  const KeyUse use = look_up_key(company.email_keys, *idempotency_key, body);
  if (use.kind == KeyUse::Kind::kConflict) return key_conflict("an email");
  if (use.kind == KeyUse::Kind::kReplay) return Created{use.record_id, true};
  if (auto error = check_email_values(company, body)) return *error;

  Email email;
  email.id = service.new_id("em");
  email.to = body.at("to").get<std::string>();
  email.subject = body.at("subject").get<std::string>();
  email.text = body.at("text").get<std::string>();
  email.link = body.at("link").get<std::string>();
  email.sent_at_ms = service.clock.now_ms();
  company.email_keys[*idempotency_key] = KeyedCreate{body, email.id};
  company.emails.push_back(std::move(email));
  return Created{company.emails.back().id, false};
}

json list_emails(const Company& company, const std::optional<std::string>& to,
                 const std::optional<std::string>& subject) {
  json items = json::array();
  for (const auto& email : company.emails) {
    if (to && !iequals(email.to, *to)) continue;
    if (subject && email.subject != *subject) continue;
    items.push_back(to_json(email));
  }
  return items;
}

}  // namespace sim::justworks
