// Test support for the fake Lever's contract tests: a small world, a harness
// that runs the fake on a loopback port and talks to it over real HTTP, the
// OAuth dance, and a webhook receiver with scripted answers.
#pragma once

#include <catch2/catch.hpp>

#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "adapters/http_server.h"
#include "adapters/httplib_client.h"
#include "common/virtual_clock.h"
#include "fake_lever/fake_lever.h"

namespace lever_test {

using json = nlohmann::json;
using hiresync::HttpResponse;
using sim::lever::FakeLever;
using sim::lever::LeverKnobs;

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

inline const std::string kClientId = "justworks-hiresync";
inline const std::string kClientSecret = "client-secret-0123456789";
inline const std::string kRedirect = "http://127.0.0.1:9/oauth/callback";
inline const std::string kSyncScopes =
    "offline_access opportunities:read:admin offers:read:admin postings:read:admin "
    "users:read:admin stages:read:admin archive_reasons:read:admin contact:read:admin "
    "webhooks:read:admin webhooks:write:admin";

// A file of the repository, e.g. "fixtures/worlds/acme.json".
inline std::string repo_path(const std::string& relative) {
  return std::string(HIRESYNC_SOURCE_DIR) + "/" + relative;
}

inline json read_json_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  json parsed = json::parse(text.str(), nullptr, false, true);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

// A small account: one user per interesting role, a public and a
// confidential job, three candidates (one confidential, one without a job).
inline json test_world() {
  return json::parse(R"({
    "users": [
      {"id": "u-sam", "name": "Sam Lee", "email": "sam@acme.example", "accessRole": "super admin"},
      {"id": "u-priya", "name": "Priya Raman", "email": "priya@acme.example", "accessRole": "admin"},
      {"id": "u-tom", "name": "Tom Becker", "email": "tom@acme.example", "accessRole": "team member"},
      {"id": "u-old", "name": "Old Admin", "email": "old@acme.example", "accessRole": "super admin",
       "deactivatedAt": 1700000000000}
    ],
    "postings": [
      {"id": "post-eng", "text": "Staff Engineer", "hiringManager": "u-priya", "owner": "u-sam",
       "categories": {"department": "Engineering", "location": "New York",
                      "commitment": "Full-time", "team": "Platform"}},
      {"id": "post-secret", "text": "Chief of Staff", "confidentiality": "confidential",
       "hiringManager": "u-sam"}
    ],
    "opportunities": [
      {"id": "opp-jane", "name": "Jane Doe", "contact": "c-jane", "emails": ["jane@example.com"],
       "stage": "offer", "archived": null, "origin": "sourced",
       "applications": [{"id": "app-jane", "posting": "post-eng"}]},
      {"id": "opp-omar", "name": "Omar Haddad", "contact": "c-omar",
       "emails": ["omar@example.com"], "stage": "applicant-new", "origin": "applied"},
      {"id": "opp-kai", "name": "Kai", "contact": "c-kai", "emails": ["kai@example.net"],
       "stage": "offer", "origin": "referred",
       "applications": [{"id": "app-kai", "posting": "post-secret"}]}
    ]
  })");
}

// The test world with Lever switches set under lever.settings.
inline json world_with(const json& settings) {
  json world = test_world();
  world["settings"] = settings;
  return world;
}

inline std::string form_encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The decoded query parameters of a URL.
inline std::map<std::string, std::string> query_of(const std::string& url) {
  std::map<std::string, std::string> out;
  const size_t q = url.find('?');
  if (q == std::string::npos) return out;
  httplib::Params params;
  httplib::detail::parse_query_text(url.substr(q + 1), params);
  for (auto& [k, v] : params) out[k] = v;
  return out;
}

struct Tokens {
  std::string access, refresh;
};

// The fake on a loopback port, the test's HTTP client, and a virtual clock.
struct Harness {
  sim::VirtualClock clock;
  hiresync::HttplibClient webhook_http{5000};
  FakeLever lever;
  hiresync::HttplibClient http{5000};

  explicit Harness(const json& world = test_world(), LeverKnobs knobs = {}, uint64_t seed = 7)
      : lever(clock, seed, webhook_http, knobs) {
    const hiresync::Status loaded = lever.add_account("acme", world, "test-world");
    INFO(loaded.message());
    REQUIRE(loaded.ok());
    lever.register_app(
        {kClientId,
         kClientSecret,
         "Justworks",
         {kRedirect},
         {"offline_access", "opportunities:read:admin", "offers:read:admin", "postings:read:admin",
          "users:read:admin", "stages:read:admin", "archive_reasons:read:admin",
          "contact:read:admin", "webhooks:read:admin", "webhooks:write:admin",
          "confidential:access:admin", "requisitions:read:admin", "applications:read:admin",
          "resumes:read:admin", "files:read:admin"}});
    REQUIRE(lever.start().ok());
  }

  HttpResponse send(const std::string& method, const std::string& target,
                    const std::string& token = {}, const std::string& body = {},
                    const std::string& content_type = "application/json") {
    hiresync::HttpRequest request{method, target, {}, body};
    if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
    if (!body.empty()) request.headers["Content-Type"] = content_type;
    auto result = http.send(lever.base_url(), request);
    INFO(method << " " << target << ": " << result.status().message());
    REQUIRE(result.ok());
    return *result;
  }
  HttpResponse get(const std::string& target, const std::string& token) {
    return send("GET", target, token);
  }
  json get_json(const std::string& target, const std::string& token, int expect_status = 200) {
    HttpResponse r = get(target, token);
    INFO("GET " << target << " → " << r.status << " " << r.body);
    REQUIRE(r.status == expect_status);
    json parsed = json::parse(r.body, nullptr, false);
    REQUIRE_FALSE(parsed.is_discarded());
    return parsed;
  }
  HttpResponse token_request(const std::string& form) {
    return send("POST", "/oauth/token", {}, form, "application/x-www-form-urlencoded");
  }

  std::string authorize_url(const std::string& scope = kSyncScopes,
                            const std::string& state = "state-1",
                            const std::string& redirect = kRedirect,
                            const std::string& client = kClientId) {
    return lever.base_url() + "/authorize?client_id=" + form_encode(client) +
           "&redirect_uri=" + form_encode(redirect) +
           "&response_type=code&state=" + form_encode(state) +
           "&audience=" + form_encode(lever.base_url() + "/v1/") + "&scope=" + form_encode(scope) +
           "&prompt=consent";
  }

  std::string code_form(const std::string& code, const std::string& redirect = kRedirect,
                        const std::string& secret = kClientSecret) {
    return "grant_type=authorization_code&client_id=" + form_encode(kClientId) +
           "&client_secret=" + form_encode(secret) + "&code=" + form_encode(code) +
           "&redirect_uri=" + form_encode(redirect);
  }
  std::string refresh_form(const std::string& refresh) {
    return "grant_type=refresh_token&client_id=" + form_encode(kClientId) +
           "&client_secret=" + form_encode(kClientSecret) +
           "&refresh_token=" + form_encode(refresh);
  }

  // Consent as `actor`, then the code exchange; the tokens Lever returns.
  Tokens connect(const std::string& scope = kSyncScopes,
                 const std::string& actor = "sam@acme.example") {
    auto redirect = lever.consent(authorize_url(scope), actor, true);
    REQUIRE(redirect.ok());
    const std::string code = query_of(*redirect)["code"];
    REQUIRE_FALSE(code.empty());
    HttpResponse r = token_request(code_form(code));
    INFO(r.body);
    REQUIRE(r.status == 200);
    json body = json::parse(r.body);
    return {body["access_token"].get<std::string>(), body.value("refresh_token", "")};
  }

  json create_webhook(const std::string& token, const std::string& url,
                      const std::string& event = "candidateHired") {
    HttpResponse r =
        send("POST", "/v1/webhooks", token, json{{"url", url}, {"event", event}}.dump());
    INFO(r.body);
    REQUIRE(r.status == 201);
    return json::parse(r.body)["data"];
  }
};

// A webhook receiver on a loopback port: records each delivery and answers
// with the scripted statuses in turn, then `fallback`.
struct Receiver {
  struct Got {
    std::string body, user_agent, content_type;
    int64_t at_ms;
  };
  const sim::VirtualClock& clock;
  hiresync::HttplibClient& sender;  // the fake's webhook sender, which keeps its connection
  hiresync::LoopbackServer server;
  std::mutex mu;
  std::vector<Got> got;
  std::deque<int> script;
  int fallback = 200;

  explicit Receiver(Harness& h, std::deque<int> statuses = {})
      : clock(h.clock), sender(h.webhook_http), script(std::move(statuses)) {
    server.routes().Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu);
      got.push_back({req.body, req.get_header_value("User-Agent"),
                     req.get_header_value("Content-Type"), clock.now_ms()});
      res.status = script.empty() ? fallback : script.front();
      if (!script.empty()) script.pop_front();
      res.set_content("{}", "application/json");
    });
    REQUIRE(server.start().ok());
  }
  // Hang up the sender's kept-alive connection first: it holds a server
  // thread, and the server stops only once its connections are gone.
  ~Receiver() {
    sender.close_all();
    server.stop();
  }
  std::string url() const { return server.base_url() + "/hook"; }
  std::vector<Got> deliveries() {
    std::lock_guard lock(mu);
    return got;
  }
};

}  // namespace lever_test
