// Harness for the fake Justworks contract tests: a fake with two companies
// (acme, globex) serving on loopback, and a real HTTP client that calls it
// as the core would. Tests speak HTTP only, except where they exercise the
// UI actions and views directly.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adapters/httplib_client.h"
#include "common/virtual_clock.h"
#include "fake_justworks/fake_justworks.h"

namespace jw_test {

using nlohmann::json;

// Acme: Dana (admin, manage_employees), Priya (admin, manage_employees),
// Marcus (admin without it), Sam (not an admin).
inline json acme_world() {
  return json::parse(R"({
    "company": {"id": "acme", "name": "Acme Inc."},
    "departments": ["Engineering", "Sales"],
    "offices": ["New York", "Remote"],
    "members": [
      {"id": "m-dana", "first_name": "Dana", "last_name": "Ng", "email": "dana@acme.example",
       "admin": true, "permissions": ["manage_employees", "documents"], "status": "active",
       "title": "Head of People"},
      {"id": "m-priya", "first_name": "Priya", "last_name": "Raman", "email": "priya@acme.example",
       "admin": true, "permissions": ["manage_employees"], "title": "VP Engineering"},
      {"id": "m-marcus", "first_name": "Marcus", "last_name": "Webb", "email": "marcus@acme.example",
       "admin": true, "permissions": ["view_invoices"]},
      {"id": "m-sam", "first_name": "Sam", "last_name": "Lee", "email": "sam@acme.example"}
    ]})");
}

inline json globex_world() {
  return json::parse(R"({
    "company": {"id": "globex", "name": "Globex"},
    "departments": ["Research"], "offices": ["Springfield"],
    "members": [
      {"id": "m-hank", "first_name": "Hank", "last_name": "Scorpio", "email": "hank@globex.example",
       "admin": true, "permissions": ["manage_employees"]}
    ]})");
}

// A create body a correct core would send for a salaried, exempt hire.
inline json jane_hire() {
  return json::parse(R"({
    "source": "lever", "lever_opportunity_id": "opp-jane", "lever_contact_id": "c-jane",
    "first_name": "Jane", "last_name": "Doe", "home_email": "jane@example.com",
    "title": "Staff Engineer", "department": "Engineering", "office": "New York",
    "manager": {"name": "Priya Raman", "email": "priya@acme.example"},
    "start_date": "2027-01-04", "member_type": "full_time",
    "compensation_amount": 185000, "type_of_earnings": "salary",
    "exemption_status": "exempt", "flags": [],
    "notes": [{"field": "office", "reason": "kept as synced"}]})");
}

struct Reply {
  int status = 0;
  json body;         // parsed JSON, or discarded when the answer isn't JSON
  std::string text;  // the raw body
  std::map<std::string, std::string> headers;

  // The error code of a JSON error answer, "" otherwise.
  std::string code() const {
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
  }
  json field() const {
    return body.is_object() && body.contains("error") ? body["error"]["field"] : json();
  }
};

class Harness {
 public:
  explicit Harness(uint64_t seed = 7) : fake(clock, seed) {
    auto acme = fake.add_company(acme_world(), "acme-test-world");
    auto globex = fake.add_company(globex_world(), "globex-test-world");
    REQUIRE(acme.ok());
    REQUIRE(globex.ok());
    acme_token = acme.value();
    globex_token = globex.value();
    REQUIRE(fake.start().ok());
  }

  // Sends a request; `token` empty sends no Authorization header.
  Reply call(const std::string& method, const std::string& target, const std::string& body = "",
             std::map<std::string, std::string> headers = {},
             std::optional<std::string> token = {}) {
    const std::string bearer = token.value_or(acme_token);
    if (!bearer.empty()) headers["Authorization"] = "Bearer " + bearer;
    hiresync::HttpRequest request{method, target, std::move(headers), body};
    auto response = http->send(fake.base_url(), request);
    REQUIRE(response.ok());
    Reply reply;
    reply.status = response->status;
    reply.text = response->body;
    reply.headers = response->headers;
    reply.body = json::parse(reply.text, nullptr, false);
    return reply;
  }

  Reply get(const std::string& target, std::optional<std::string> token = {}) {
    return call("GET", target, "", {}, std::move(token));
  }

  Reply create_hire(const json& body, const std::string& key = "key-1",
                    std::optional<std::string> token = {}) {
    return call("POST", "/internal/v1/pending_hires", body.dump(), {{"Idempotency-Key", key}},
                std::move(token));
  }

  // Creates Jane's pending hire (with `changes` applied) and returns its id.
  std::string create_jane(const json& changes = json::object(), const std::string& key = "jane") {
    json body = jane_hire();
    body.update(changes);
    Reply reply = create_hire(body, key);
    REQUIRE(reply.status == 201);
    return reply.body["id"].get<std::string>();
  }

  Reply patch(const std::string& id, const json& edits, const std::string& actor = "") {
    std::map<std::string, std::string> headers;
    if (!actor.empty()) headers["Justworks-Actor"] = actor;
    return call("PATCH", "/internal/v1/pending_hires/" + id, edits.dump(), headers);
  }

  Reply action(const std::string& id, const std::string& verb, const std::string& actor = "",
               const std::string& body = "") {
    std::map<std::string, std::string> headers;
    if (!actor.empty()) headers["Justworks-Actor"] = actor;
    return call("POST", "/internal/v1/pending_hires/" + id + "/" + verb, body, headers);
  }

  json hires(std::optional<std::string> token = {}) {
    Reply reply = get("/internal/v1/pending_hires", std::move(token));
    REQUIRE(reply.status == 200);
    return reply.body["items"];
  }

  sim::VirtualClock clock;
  sim::justworks::FakeJustworks fake;
  std::string acme_token;
  std::string globex_token;
  // Closes the client's kept-alive connections: a server's stop() waits for
  // an open keep-alive connection to time out (5 s) unless the client hangs up.
  void hang_up() { http.emplace(); }

  std::optional<hiresync::HttplibClient> http{std::in_place};
};

// The `id` of each item of a list, in order.
inline std::vector<std::string> ids_of(const json& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item["id"].get<std::string>());
  return ids;
}

}  // namespace jw_test
