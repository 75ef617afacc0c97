#include "justworks/client.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace hiresync::justworks {
namespace {

using nlohmann::json;

std::string text(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// RFC 3986 unreserved characters stay; every other byte becomes %XX.
std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 0xF]};
    }
  }
  return out;
}

std::string with_query(
    std::string target,
    const std::vector<std::pair<const char*, std::optional<std::string>>>& params) {
  char joint = '?';
  for (const auto& [name, value] : params) {
    if (!value) continue;
    target += joint;
    target += name;
    target += '=';
    target += percent_encode(*value);
    joint = '&';
  }
  return target;
}

// Justworks' {"error": {"message", "field"}}: our own API's words, safe to show.
std::string error_detail(const std::string& body) {
  auto parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object()) return "";
  auto error = parsed.find("error");
  if (error == parsed.end() || !error->is_object()) return "";
  std::string message = text(*error, "message").substr(0, 200);
  const std::string field = text(*error, "field");
  if (!field.empty()) message += fmt::format(" (field {})", field.substr(0, 60));
  return message;
}

Member parse_member(const json& m) {
  Member member;
  member.id = text(m, "id");
  member.first_name = text(m, "first_name");
  member.last_name = text(m, "last_name");
  member.email = text(m, "email");
  if (auto it = m.find("admin"); it != m.end() && it->is_boolean()) member.admin = it->get<bool>();
  if (auto it = m.find("permissions"); it != m.end() && it->is_array()) {
    for (const auto& p : *it) {
      if (p.is_string()) member.permissions.push_back(p.get<std::string>());
    }
  }
  member.status = text(m, "status");
  return member;
}

}  // namespace

Client::Client(HttpClient& http, const std::string& api_url, std::string token)
    : http_(http), token_(std::move(token)) {
  const size_t scheme = api_url.find("://");
  const size_t slash = api_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  origin_ = api_url.substr(0, slash);
  if (slash != std::string::npos) path_ = api_url.substr(slash);
  while (!path_.empty() && path_.back() == '/') path_.pop_back();
}

Result<HttpResponse> Client::send(const std::string& method, const std::string& target,
                                  const std::string& what, const std::string& body,
                                  const std::string& idempotency_key) {
  HttpRequest request;
  request.method = method;
  request.target = path_ + target;
  request.headers["Authorization"] = "Bearer " + token_;
  request.headers["Accept"] = "application/json";
  if (!body.empty()) request.headers["Content-Type"] = "application/json";
  if (!idempotency_key.empty()) request.headers["Idempotency-Key"] = idempotency_key;
  request.body = body;
  auto response = http_.send(origin_, request);
  if (!response.ok()) {
    return Status::Unavailable(
        fmt::format("Justworks did not answer {} ({})", what, response.status().message()));
  }
  const int code = response->status;
  if (code >= 200 && code < 300) return response;
  const std::string detail = error_detail(response->body);
  const std::string message =
      fmt::format("Justworks answered {} to {}{}", code, what, detail.empty() ? "" : ": " + detail);
  switch (code) {
    case 400:
    case 422:
      return Status::InvalidArgument(message);
    case 401:
      return Status::Unauthenticated(message);
    case 403:
      return Status::PermissionDenied(message);
    case 404:
      return Status::NotFound(message);
    case 409:
      return Status::Conflict(message);
    case 429:
      return Status::Unavailable(message);
    default:
      return code >= 500 ? Status::Unavailable(message) : Status::Internal(message);
  }
}

Result<std::vector<json>> Client::get_items(const std::string& target, const std::string& what) {
  auto response = send("GET", target, what);
  if (!response.ok()) return response.status();
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) return Status::Unavailable("Justworks sent a body that is not JSON");
  auto items = parsed.is_object() ? parsed.find("items") : parsed.end();
  if (!parsed.is_object() || items == parsed.end() || !items->is_array()) {
    return Status::Internal(fmt::format("Justworks' answer to {} has no `items`", what));
  }
  return std::vector<json>(items->begin(), items->end());
}

Result<Session> Client::current_session() {
  auto response = send("GET", "/internal/v1/sessions/current", "the session check");
  if (!response.ok()) return response.status();
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) return Status::Unavailable("Justworks sent a body that is not JSON");
  const auto member = parsed.is_object() ? parsed.find("member") : parsed.end();
  const auto company = parsed.is_object() ? parsed.find("company") : parsed.end();
  if (member == parsed.end() || !member->is_object() || company == parsed.end() ||
      !company->is_object()) {
    return Status::Internal("Justworks' answer to the session check has no member or company");
  }
  Session session{parse_member(*member), text(*company, "id")};
  if (session.member.email.empty() || session.company_id.empty()) {
    return Status::Internal("Justworks' answer to the session check names no member or company");
  }
  return session;
}

Result<std::vector<Member>> Client::members(const MemberQuery& query) {
  auto items = get_items(with_query("/internal/v1/members",
                                    {{"permission", query.permission}, {"email", query.email}}),
                         "the member list");
  if (!items.ok()) return items.status();
  std::vector<Member> members;
  for (const auto& item : *items) {
    if (item.is_object()) members.push_back(parse_member(item));
  }
  return members;
}

namespace {

// The `name` of each object in company[key]; entries of another shape are
// skipped (the public API may add fields, never change these).
std::vector<std::string> names_in(const json& company, const char* key) {
  std::vector<std::string> names;
  auto list = company.find(key);
  if (list == company.end() || !list->is_array()) return names;
  for (const auto& item : *list) {
    std::string name = text(item, "name");
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

}  // namespace

Result<CompanyLists> Client::company_lists() {
  auto response = send("GET", "/v1/company", "the company");
  if (!response.ok()) return response.status();
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) return Status::Unavailable("Justworks sent a body that is not JSON");
  if (!parsed.is_object() || !parsed.contains("departments") || !parsed.contains("offices")) {
    return Status::Internal("Justworks' company has no `departments` or `offices`");
  }
  return CompanyLists{names_in(parsed, "departments"), names_in(parsed, "offices")};
}

Result<std::vector<ExistingPendingHire>> Client::pending_hires(const PendingHireQuery& query) {
  auto items = get_items(with_query("/internal/v1/pending_hires",
                                    {{"lever_opportunity_id", query.lever_opportunity_id},
                                     {"lever_contact_id", query.lever_contact_id},
                                     {"home_email", query.home_email}}),
                         "the pending hire list");
  if (!items.ok()) return items.status();
  std::vector<ExistingPendingHire> hires;
  for (const auto& item : *items) {
    if (!item.is_object()) continue;
    hires.push_back({text(item, "id"), text(item, "lever_opportunity_id"),
                     text(item, "lever_contact_id"), text(item, "home_email"),
                     text(item, "status")});
  }
  return hires;
}

Result<CreatedPendingHire> Client::create_pending_hire(const std::string& body,
                                                       const std::string& idempotency_key) {
  auto response = send("POST", "/internal/v1/pending_hires", "creating the pending hire", body,
                       idempotency_key);
  if (!response.ok()) return response.status();
  auto parsed = json::parse(response->body, nullptr, false);
  // Created but unreadable: ambiguous, so retry with the same key (REL-3).
  if (parsed.is_discarded()) return Status::Unavailable("Justworks sent a body that is not JSON");
  CreatedPendingHire created{text(parsed, "id"), text(parsed, "status"),
                             text(parsed, "review_url")};
  if (created.id.empty()) return Status::Internal("Justworks created a pending hire without an id");
  return created;
}

Result<std::string> Client::send_email(const EmailRequest& email,
                                       const std::string& idempotency_key) {
  const json body = {
      {"to", email.to}, {"subject", email.subject}, {"text", email.text}, {"link", email.link}};
  auto response = send("POST", "/internal/v1/emails", "sending an email",
                       body.dump(-1, ' ', false, json::error_handler_t::replace), idempotency_key);
  if (!response.ok()) return response.status();
  auto parsed = json::parse(response->body, nullptr, false);
  return text(parsed, "id");
}

}  // namespace hiresync::justworks
