// Member sessions (see sessions.h).
#include "fake_justworks/sessions.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "fake_justworks/http_plumbing.h"
#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

using nlohmann::json;

// The same answer for every refused sign-in reason but an invited member: a
// sign-in page does not say which emails exist.
ApiError unknown_person() {
  return {401, "unauthorized", "no active Justworks member with this email in this company", {}};
}

void drop_expired(Service& service, int64_t now) {
  for (auto it = service.sessions.begin(); it != service.sessions.end();) {
    it = it->second.expires_at_ms <= now ? service.sessions.erase(it) : std::next(it);
  }
}

// Ends the member's oldest sessions until one more fits.
void make_room(Service& service, const MemberSession& who) {
  for (;;) {
    std::vector<std::map<std::string, MemberSession>::iterator> held;
    for (auto it = service.sessions.begin(); it != service.sessions.end(); ++it) {
      if (it->second.company_id == who.company_id && it->second.member_id == who.member_id) {
        held.push_back(it);
      }
    }
    if (held.size() < kMaxSessionsPerMember) return;
    auto oldest = *std::min_element(held.begin(), held.end(), [](auto a, auto b) {
      return a->second.sequence < b->second.sequence;
    });
    service.sessions.erase(oldest);
  }
}

const Member* member_by_id(const Company& company, const std::string& id) {
  for (const auto& m : company.members) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

std::string bearer(const httplib::Request& request) {
  const std::string header = request.get_header_value("Authorization");
  if (header.size() <= 7 || !iequals(header.substr(0, 7), "Bearer ")) return "";
  return header.substr(7);
}

json session_json(const Company& company, const Member& member, const MemberSession& session) {
  return {{"member", to_json(member)},
          {"company", {{"id", company.id}, {"name", company.name}}},
          {"expires_at", iso_utc(session.expires_at_ms)}};
}

// POST /internal/v1/sessions {"company", "email"}: the sign-in page. The fake
// has no passwords; the real page checks one (or SSO) before this point.
Answer post_session(Service& service, const httplib::Request& request) {
  const json body = json::parse(request.body, nullptr, false);
  if (!body.is_object())
    return error_answer(bad_request("invalid_json", "the body is not a JSON object"));
  for (const auto& [key, value] : body.items()) {
    if (key != "company" && key != "email")
      return error_answer(
          bad_request("unknown_field", fmt::format("unknown field '{}'", key), key));
  }
  for (const char* key : {"company", "email"}) {
    if (!body.contains(key))
      return error_answer(bad_request("missing_field", fmt::format("'{}' is required", key), key));
    if (!body[key].is_string())
      return error_answer(
          bad_request("invalid_type", fmt::format("'{}' must be a string", key), key));
  }
  auto signed_in = sign_in(service, body["company"], body["email"]);
  if (!signed_in.ok()) return error_answer(signed_in.error());
  const SignedIn& s = signed_in.value();
  const Company& company = *service.company_by_id(s.session.company_id);
  json answer = session_json(company, *member_by_id(company, s.session.member_id), s.session);
  answer["token"] = s.token;
  return json_answer(201, answer, "signed in " + s.session.member_id);
}

// GET /internal/v1/sessions/current, the session itself as the bearer: whose
// session it is, with the member's permissions as they are now.
Answer get_current(Service& service, const httplib::Request& request) {
  const ApiError unauthorized{401, "unauthorized", "the session is unknown or expired", {}};
  auto it = service.sessions.find(bearer(request));
  if (it == service.sessions.end()) return error_answer(unauthorized);
  if (it->second.expires_at_ms <= service.clock.now_ms()) {
    service.sessions.erase(it);
    return error_answer(unauthorized);
  }
  const MemberSession& session = it->second;
  const Company* company = service.company_by_id(session.company_id);
  const Member* member = company ? member_by_id(*company, session.member_id) : nullptr;
  if (!member) return error_answer(unauthorized);
  return json_answer(200, session_json(*company, *member, session), "session of " + member->id);
}

}  // namespace

Outcome<SignedIn> sign_in(Service& service, const std::string& company_id,
                          const std::string& email) {
  Company* company = service.company_by_id(company_id);
  if (!company) return unknown_person();
  const Member* member = company->find_member_by_email(email);
  if (!member) return unknown_person();
  if (member->status != "active") {
    return forbidden(
        fmt::format("{} has not accepted the invitation to {} yet", member->email, company->name));
  }
  const int64_t now = service.clock.now_ms();
  drop_expired(service, now);
  MemberSession session{company->id, member->id, service.session_tokens.size(), now,
                        now + kSessionLifetimeMs};
  make_room(service, session);
  std::string token = "jws_" + service.session_random.token(40);
  service.sessions.emplace(token, session);
  service.session_tokens.push_back(token);
  return SignedIn{std::move(token), session};
}

void mount_session_routes(httplib::Server& server, Service& service) {
  server.Post("/internal/v1/sessions",
              [&service](const httplib::Request& req, httplib::Response& res) {
                serve(service, req, res, [&] { return post_session(service, req); });
              });
  server.Get("/internal/v1/sessions/current",
             [&service](const httplib::Request& req, httplib::Response& res) {
               serve(service, req, res, [&] { return get_current(service, req); });
             });
}

}  // namespace sim::justworks
