#include "lever/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "lever/rate_limit.h"
#include "lever/url.h"

namespace hiresync::lever {
namespace {

constexpr int kMaxPages = 50;  // 5,000 items: far beyond one opportunity's offers or webhooks

// Lever's error `code` (e.g. "ResourceNotFound"), kept only if it is a plain name.
std::string error_code_of(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return "";
  auto it = json.find("code");
  if (it == json.end() || !it->is_string()) return "";
  std::string code = it->get<std::string>();
  if (code.size() > 40 || !std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      })) {
    return "";
  }
  return code;
}

}  // namespace

DataApi::DataApi(HttpClient& http, const std::string& api_url, const Clock& clock)
    : http_(http), clock_(clock) {
  BaseUrl base = split_base_url(api_url);
  origin_ = std::move(base.origin);
  path_ = std::move(base.path);
}

Result<HttpResponse> DataApi::send(const std::string& token, const std::string& method,
                                   const std::string& target, const std::string& what,
                                   const std::string& body) {
  rate_limited_for_ms_.reset();
  HttpRequest request;
  request.method = method;
  request.target = path_ + target;
  request.headers["Authorization"] = "Bearer " + token;
  request.headers["Accept"] = "application/json";
  if (!body.empty()) request.headers["Content-Type"] = "application/json";
  request.body = body;
  auto response = http_.send(origin_, request);
  if (!response.ok()) {
    return Status::Unavailable(
        fmt::format("Lever did not answer {} ({})", what, response.status().message()));
  }
  const int code = response->status;
  if (code >= 200 && code < 300) return response;
  std::string lever_code = error_code_of(response->body);
  const std::string detail = fmt::format("Lever answered {} to {}{}", code, what,
                                         lever_code.empty() ? "" : " (" + lever_code + ")");
  switch (code) {
    case 401:
      return Status::Unauthenticated(detail);
    case 403:
      return Status::PermissionDenied(detail);
    case 404:
      return Status::NotFound(detail);
    case 429:
      rate_limited_for_ms_ = rate_limit_wait_ms(*response, clock_.now_ms());
      return Status::Unavailable(detail);
    default:
      return code >= 500 ? Status::Unavailable(detail) : Status::Internal(detail);
  }
}

Result<nlohmann::json> DataApi::get_data(const std::string& token, const std::string& target,
                                         const std::string& what) {
  auto response = send(token, "GET", target, what);
  if (!response.ok()) return response.status();
  return parse_envelope(response->body);
}

Result<std::vector<nlohmann::json>> DataApi::get_all(const std::string& token,
                                                     const std::string& target,
                                                     const std::string& what, bool complete) {
  std::vector<nlohmann::json> items;
  const char joint = target.find('?') == std::string::npos ? '?' : '&';
  std::string page_target = target + joint + "limit=100";
  for (int page = 0; page < kMaxPages; ++page) {
    auto response = send(token, "GET", page_target, what);
    if (!response.ok()) return response.status();
    auto parsed = parse_page(response->body);
    if (!parsed.ok()) return parsed.status();
    for (auto& item : parsed->items) items.push_back(std::move(item));
    if (!parsed->next) return items;
    // Lever's offset token may already be URL-encoded; encoding it again keeps it opaque.
    page_target = target + joint + "limit=100&offset=" + percent_encode(*parsed->next);
  }
  if (complete) {
    return Status::Internal(fmt::format("Lever listed more than {} pages of {}", kMaxPages, what));
  }
  return items;
}

Result<Opportunity> DataApi::opportunity(const std::string& token, const std::string& id) {
  auto data = get_data(token, "/v1/opportunities/" + percent_encode(id) + "?expand=applications",
                       "the opportunity");
  if (!data.ok()) return data.status();
  return parse_opportunity(*data);
}

Result<std::vector<Offer>> DataApi::offers(const std::string& token,
                                           const std::string& opportunity_id) {
  auto items = get_all(token, "/v1/opportunities/" + percent_encode(opportunity_id) + "/offers",
                       "the offers");
  if (!items.ok()) return items.status();
  std::vector<Offer> offers;
  for (const auto& item : *items) {
    auto offer = parse_offer(item);
    if (offer.ok()) offers.push_back(std::move(*offer));  // an offer without an id is skipped
  }
  return offers;
}

Result<Posting> DataApi::posting(const std::string& token, const std::string& id) {
  auto data = get_data(token, "/v1/postings/" + percent_encode(id), "the posting");
  if (!data.ok()) return data.status();
  return parse_posting(*data);
}

Result<User> DataApi::user(const std::string& token, const std::string& id) {
  auto data = get_data(token, "/v1/users/" + percent_encode(id), "a user");
  if (!data.ok()) return data.status();
  return parse_user(*data);
}

Result<std::vector<Webhook>> DataApi::webhooks(const std::string& token) {
  auto items = get_all(token, "/v1/webhooks", "the webhook list");
  if (!items.ok()) return items.status();
  std::vector<Webhook> hooks;
  for (const auto& item : *items) {
    auto hook = parse_webhook(item);
    if (hook.ok()) hooks.push_back(std::move(*hook));
  }
  return hooks;
}

Result<std::vector<ArchiveReason>> DataApi::hired_archive_reasons(const std::string& token) {
  auto items = get_all(token, "/v1/archive_reasons?type=hired", "the archive reasons");
  if (!items.ok()) return items.status();
  std::vector<ArchiveReason> reasons;
  for (const auto& item : *items) {
    auto reason = parse_archive_reason(item);
    // Lever filtered by type; a reason that says otherwise is not trusted as a hire.
    if (reason.ok() && reason->type == "hired") reasons.push_back(std::move(*reason));
  }
  return reasons;
}

Result<std::vector<ArchivedOpportunity>> DataApi::archived_since(
    const std::string& token, int64_t since_ms, const std::vector<std::string>& reason_ids) {
  // confidentiality=all: a hire on a confidential posting is still a hire
  // (the list's default leaves them out; the core holds confidential:access:admin).
  std::string target =
      fmt::format("/v1/opportunities?archived_at_start={}&confidentiality=all", since_ms);
  for (const auto& id : reason_ids) target += "&archive_reason_id=" + percent_encode(id);
  auto items = get_all(token, target, "the archived opportunities", /*complete=*/true);
  if (!items.ok()) return items.status();
  std::vector<ArchivedOpportunity> out;
  for (const auto& item : *items) {
    auto opp = parse_archived_opportunity(item);
    if (!opp.ok()) return opp.status();  // a hire we cannot read must not pass as none
    out.push_back(std::move(*opp));
  }
  return out;
}

Result<Webhook> DataApi::create_webhook(const std::string& token, const std::string& url,
                                        const std::string& event) {
  const nlohmann::json body = {{"url", url}, {"event", event}};
  auto response = send(token, "POST", "/v1/webhooks", "creating the webhook", body.dump());
  if (!response.ok()) return response.status();
  auto data = parse_envelope(response->body);
  if (!data.ok()) return data.status();
  return parse_webhook(*data);
}

Status DataApi::delete_webhook(const std::string& token, const std::string& id) {
  auto response = send(token, "DELETE", "/v1/webhooks/" + percent_encode(id), "deleting a webhook");
  if (!response.ok() && response.status().code() != Status::Code::kNotFound) {
    return response.status();
  }
  return Status::Ok();
}

}  // namespace hiresync::lever
