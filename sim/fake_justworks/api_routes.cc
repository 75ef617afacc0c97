// The JSON API (see api_routes.h). Each handler reads as: check the query,
// read the body, call the operation, answer.
#include "fake_justworks/api_routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "fake_justworks/http_plumbing.h"
#include "fake_justworks/mailbox.h"
#include "fake_justworks/pending_hires.h"
#include "fake_justworks/public_shapes.h"
#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

using nlohmann::json;
using Query = std::vector<std::pair<std::string, std::string>>;

struct ApiRequest {
  const httplib::Request& http;
  Service& service;
  Company& company;
  Query query;
};

using ApiHandler = std::function<Outcome<Answer>(ApiRequest&)>;

Outcome<Company*> authenticate(Service& service, const httplib::Request& request) {
  static constexpr std::string_view kBearer = "Bearer ";
  const std::string header = request.get_header_value("Authorization");
  if (header.rfind(kBearer, 0) == 0) {
    if (Company* company = service.company_for_token(header.substr(kBearer.size()))) return company;
  }
  // The answer never says which part was wrong, nor echoes the token.
  return ApiError{401, "unauthorized", "a valid bearer token is required", {}};
}

// Refuses unknown or repeated parameters; returns the ones given.
Outcome<std::map<std::string, std::string>> read_query(const Query& query,
                                                       std::initializer_list<const char*> allowed) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : query) {
    if (std::none_of(allowed.begin(), allowed.end(),
                     [&key = name](const char* a) { return key == a; })) {
      return bad_request("unknown_parameter", fmt::format("unknown query parameter '{}'", name),
                         name);
    }
    if (!out.emplace(name, value).second) {
      return bad_request("duplicate_parameter", fmt::format("'{}' is given twice", name), name);
    }
  }
  return out;
}

std::optional<std::string> param(const std::map<std::string, std::string>& params,
                                 const char* name) {
  auto it = params.find(name);
  return it == params.end() ? std::nullopt : std::optional(it->second);
}

// An empty body counts as {} where the call takes no required fields.
Outcome<json> read_body(const httplib::Request& request, bool empty_is_object) {
  if (empty_is_object && request.body.empty()) return json::object();
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return bad_request("invalid_json", "the body is not valid JSON");
  return body;
}

std::optional<std::string> header(const httplib::Request& request, const char* name) {
  if (!request.has_header(name)) return std::nullopt;
  return request.get_header_value(name);
}

std::string actor_of(const httplib::Request& request) {
  return request.get_header_value(kActorHeader);
}

std::string note_with_actor(std::string note, const httplib::Request& request) {
  const std::string actor = actor_of(request);
  return actor.empty() ? note : fmt::format("{} by {}", note, actor);
}

json items(json list) { return {{"items", std::move(list)}}; }

// 404 comes before any check of the body (the documented order of checks).
std::optional<ApiError> check_hire_exists(const ApiRequest& r, const std::string& id) {
  if (r.company.find_pending_hire(id)) return std::nullopt;
  return not_found(fmt::format("no pending hire '{}' in {}", id, r.company.name));
}

json hire_json(const ApiRequest& r, const std::string& id) {
  return to_json(*r.company.find_pending_hire(id), r.service.base_url);
}

// --- Directory ---

// Public API: the company with its departments and offices.
Outcome<Answer> get_company(ApiRequest& r) {
  auto params = read_query(r.query, {});
  if (!params.ok()) return params.error();
  return json_answer(200, public_company_json(r.company), "");
}

// Public API: members, a page at a time.
Outcome<Answer> get_public_members(ApiRequest& r) {
  auto params = read_query(r.query, {"cursor", "limit", "status"});
  if (!params.ok()) return params.error();
  auto page = public_member_page(r.company,
                                 {param(params.value(), "cursor"), param(params.value(), "limit"),
                                  param(params.value(), "status")});
  if (!page.ok()) return page.error();
  return json_answer(200, page.value(), "");
}

// Internal: the admin directory (permissions, an email lookup), which the
// public API does not have.
Outcome<Answer> get_members(ApiRequest& r) {
  auto params = read_query(r.query, {"permission", "email"});
  if (!params.ok()) return params.error();
  const auto permission = param(params.value(), "permission");
  const auto email = param(params.value(), "email");
  if (permission && !is_known_permission(*permission)) {
    return bad_request("invalid_parameter", fmt::format("unknown permission '{}'", *permission),
                       "permission");
  }
  json list = json::array();
  for (const auto& member : r.company.members) {
    if (permission && !member.holds(*permission)) continue;
    if (email && !iequals(member.email, *email)) continue;
    list.push_back(to_json(member));
  }
  return json_answer(200, items(std::move(list)), "");
}

Outcome<Answer> get_summary(ApiRequest& r) {
  auto params = read_query(r.query, {});
  if (!params.ok()) return params.error();
  return json_answer(200, employees_summary(r.company), "");
}

// --- Pending hires ---

// The hires a list query can match, in creation order: the shortest of the
// index's lists for the filters given, since list_hires still applies every
// filter to each one. nullopt when no indexed filter is given (scan them all).
std::optional<std::span<const size_t>> candidates(const PendingHireIndex& index,
                                                  const std::optional<std::string>& opportunity,
                                                  const std::optional<std::string>& contact,
                                                  const std::optional<std::string>& email) {
  std::optional<std::span<const size_t>> shortest;
  auto consider = [&](std::span<const size_t> positions) {
    if (!shortest || positions.size() < shortest->size()) shortest = positions;
  };
  if (opportunity) consider(index.with_opportunity(*opportunity));
  if (contact) consider(index.with_contact(*contact));
  if (email) consider(index.with_home_email(*email));
  return shortest;
}

Outcome<Answer> create_hire(ApiRequest& r) {
  auto body = read_body(r.http, false);
  if (!body.ok()) return body.error();
  auto created =
      create_pending_hire(r.service, r.company, header(r.http, "Idempotency-Key"), body.value());
  if (!created.ok()) return created.error();
  const auto& [id, replayed] = created.value();
  return json_answer(replayed ? 200 : 201, hire_json(r, id),
                     fmt::format("{} {}", replayed ? "replayed" : "created", id));
}

Outcome<Answer> list_hires(ApiRequest& r) {
  auto params =
      read_query(r.query, {"status", "lever_opportunity_id", "lever_contact_id", "home_email"});
  if (!params.ok()) return params.error();
  const auto status = param(params.value(), "status");
  if (status && *status != "pending" && *status != "invited" && *status != "dismissed") {
    return bad_request("invalid_parameter", "status must be pending, invited or dismissed",
                       "status");
  }
  const auto opportunity = param(params.value(), "lever_opportunity_id");
  const auto contact = param(params.value(), "lever_contact_id");
  // Case-insensitive like the members' email filter: the core asks "is this
  // person already pending?" with the address as Lever spells it (HIRE-5).
  const auto email = param(params.value(), "home_email");
  // Compared in place: the core asks on every hire, so no copies.
  auto equals = [](const json& field, const std::string& wanted) {
    return field.is_string() && field.get_ref<const std::string&>() == wanted;
  };
  auto matches = [&](const PendingHire& hire) {
    if (status && hire.status != *status) return false;
    if (opportunity && !equals(hire.fields.at("lever_opportunity_id"), *opportunity)) return false;
    if (contact && !equals(hire.fields.at("lever_contact_id"), *contact)) return false;
    if (email) {
      const json& home = hire.fields.at("home_email");
      if (!home.is_string() || !iequals(home.get_ref<const std::string&>(), *email)) return false;
    }
    return true;
  };
  const auto& hires = r.company.pending_hires();
  json list = json::array();
  auto answer = [&](const PendingHire& hire) {
    if (matches(hire)) list.push_back(to_json(hire, r.service.base_url));
  };
  if (auto positions = candidates(r.company.pending_hire_index(), opportunity, contact, email)) {
    for (size_t position : *positions) answer(hires[position]);
  } else {
    for (const auto& hire : hires) answer(hire);
  }
  return json_answer(200, items(std::move(list)), "");
}

Outcome<Answer> get_hire(ApiRequest& r) {
  auto params = read_query(r.query, {});
  if (!params.ok()) return params.error();
  const std::string id = r.http.matches[1];
  if (auto error = check_hire_exists(r, id)) return *error;
  return json_answer(200, hire_json(r, id), "");
}

Outcome<Answer> edit_hire(ApiRequest& r) {
  const std::string id = r.http.matches[1];
  if (auto error = check_hire_exists(r, id)) return *error;
  auto body = read_body(r.http, false);
  if (!body.ok()) return body.error();
  auto done = review_pending_hire(r.company, id, body.value(), actor_of(r.http));
  if (!done.ok()) return done.error();
  return json_answer(200, hire_json(r, id), note_with_actor("edited " + id, r.http));
}

Outcome<Answer> invite_hire(ApiRequest& r) {
  const std::string id = r.http.matches[1];
  if (auto error = check_hire_exists(r, id)) return *error;
  auto body = read_body(r.http, true);
  if (!body.ok()) return body.error();
  auto member_id = invite_pending_hire(r.service, r.company, id, body.value(), actor_of(r.http));
  if (!member_id.ok()) return member_id.error();
  const Member* member = nullptr;
  for (const auto& m : r.company.members) {
    if (m.id == member_id.value()) member = &m;
  }
  json answer = {{"pending_hire", hire_json(r, id)}, {"member", to_json(*member)}};
  return json_answer(
      200, answer, note_with_actor(fmt::format("invited {} as {}", id, member_id.value()), r.http));
}

Outcome<Answer> dismiss_hire(ApiRequest& r) {
  const std::string id = r.http.matches[1];
  if (auto error = check_hire_exists(r, id)) return *error;
  auto body = read_body(r.http, true);
  if (!body.ok()) return body.error();
  if (!body.value().is_object())
    return bad_request("invalid_type", "the body must be a JSON object");
  if (!body.value().empty()) {
    const std::string key = body.value().begin().key();
    return bad_request("unknown_field", fmt::format("dismiss takes no '{}'", key), key);
  }
  auto done = dismiss_pending_hire(r.company, id, actor_of(r.http));
  if (!done.ok()) return done.error();
  return json_answer(200, hire_json(r, id), note_with_actor("dismissed " + id, r.http));
}

// --- Mail ---

Outcome<Answer> post_email(ApiRequest& r) {
  auto body = read_body(r.http, false);
  if (!body.ok()) return body.error();
  auto created = send_email(r.service, r.company, header(r.http, "Idempotency-Key"), body.value());
  if (!created.ok()) return created.error();
  const auto& [id, replayed] = created.value();
  // From the newest: a new email is the last, and the mailbox grows with
  // every hire (thousands in hiresim bench). (`sent`: clang 14 cannot
  // capture a structured binding itself.)
  const auto email = std::find_if(r.company.emails.rbegin(), r.company.emails.rend(),
                                  [&sent = id](const Email& e) { return e.id == sent; });
  return json_answer(replayed ? 200 : 201, to_json(*email),
                     fmt::format("{} {}", replayed ? "replayed" : "sent", id));
}

Outcome<Answer> get_emails(ApiRequest& r) {
  auto params = read_query(r.query, {"to", "subject"});
  if (!params.ok()) return params.error();
  return json_answer(
      200,
      items(list_emails(r.company, param(params.value(), "to"), param(params.value(), "subject"))),
      "");
}

// Wraps `handler`: authenticate, parse the query, answer errors as JSON.
httplib::Server::Handler api(Service& service, ApiHandler handler) {
  return [&service, handler = std::move(handler)](const httplib::Request& http,
                                                  httplib::Response& response) {
    serve(service, http, response, [&]() -> Answer {
      auto company = authenticate(service, http);
      if (!company.ok()) return error_answer(company.error());
      // Form-style decoding: '+' is a space, so send a '+' in an email as %2B.
      ApiRequest request{http, service, *company.value(), parse_query(raw_query(http), true)};
      auto answer = handler(request);
      return answer.ok() ? std::move(answer.value()) : error_answer(answer.error());
    });
  };
}

}  // namespace

void mount_api_routes(httplib::Server& server, Service& service) {
  // Justworks' public partner API, in its shapes.
  server.Get("/v1/company", api(service, get_company));
  server.Get("/v1/members", api(service, get_public_members));
  // What the integration needs that the public API lacks: ours, under
  // /internal so no one takes it for Justworks' (docs/justworks-api.md).
  server.Get("/internal/v1/members", api(service, get_members));
  server.Get("/internal/v1/employees/summary", api(service, get_summary));
  server.Post("/internal/v1/pending_hires", api(service, create_hire));
  server.Get("/internal/v1/pending_hires", api(service, list_hires));
  server.Get(R"(/internal/v1/pending_hires/([^/]+))", api(service, get_hire));
  server.Patch(R"(/internal/v1/pending_hires/([^/]+))", api(service, edit_hire));
  server.Post(R"(/internal/v1/pending_hires/([^/]+)/invite)", api(service, invite_hire));
  server.Post(R"(/internal/v1/pending_hires/([^/]+)/dismiss)", api(service, dismiss_hire));
  server.Post("/internal/v1/emails", api(service, post_email));
  server.Get("/internal/v1/emails", api(service, get_emails));
}

}  // namespace sim::justworks
