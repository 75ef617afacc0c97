// Test doubles for the core's ports and a small world builder: a settable
// clock, a collecting log, a scripted HttpClient that answers canned Lever and
// Justworks JSON and records every request, and helpers that put a connected
// integration straight into the store.
#pragma once

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters/openssl_crypto.h"
#include "adapters/sqlite_store.h"
#include "ports/clock.h"
#include "ports/http_client.h"
#include "ports/log.h"
#include "ports/random.h"
#include "sync/core.h"
#include "sync/page_caller.h"
#include "webhook/signature.h"

namespace hiresync::testing {

inline constexpr int64_t kStartMs = 1793628000000;  // 2026-11-02T14:00:00Z

struct TestClock final : Clock {
  int64_t now = kStartMs;
  int64_t now_ms() const override { return now; }
};

struct TestLog final : Log {
  std::vector<std::string> lines;
  void write(std::string_view line) override { lines.emplace_back(line); }
  std::string all() const {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  }
};

struct Canned {
  Canned(int status_in, std::string body_in, std::map<std::string, std::string> headers_in = {},
         bool transport_error_in = false)
      : status(status_in),
        body(std::move(body_in)),
        headers(std::move(headers_in)),
        transport_error(transport_error_in) {}
  int status;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  bool transport_error;
};

inline Canned json_answer(int status, const nlohmann::json& body) {
  return Canned{status, body.dump(), {}, false};
}

// Answers by (method, path); `path` may end in '*' to match a prefix. Rules
// are tried in the order added (first() puts one in front); a rule with `times` > 0 is used up
// after that many answers. Unmatched requests get 404.
class ScriptedHttp final : public HttpClient {
 public:
  struct Sent {
    std::string base_url;
    HttpRequest request;
    std::string path() const { return request.target.substr(0, request.target.find('?')); }
  };

  void on(std::string method, std::string path, Canned answer, int times = -1) {
    rules_.push_back({std::move(method), std::move(path), std::move(answer), times});
  }

  // Like on(), but tried before every rule added so far.
  void first(std::string method, std::string path, Canned answer, int times = -1) {
    rules_.insert(rules_.begin(), {std::move(method), std::move(path), std::move(answer), times});
  }

  // When set, asked before the rules; nullopt falls through to them.
  std::function<std::optional<Canned>(const std::string& path)> handler;
  // Like `handler`, for answers that depend on more than the path (headers).
  std::function<std::optional<Canned>(const HttpRequest& request)> request_handler;

  Result<HttpResponse> send(const std::string& base_url, const HttpRequest& request) override {
    sent.push_back({base_url, request});
    const std::string path = request.target.substr(0, request.target.find('?'));
    std::optional<Canned> early = request_handler ? request_handler(request) : std::nullopt;
    if (!early && handler) early = handler(path);
    if (early) {
      HttpResponse response;
      response.status = early->status;
      response.body = early->body;
      response.headers = early->headers;
      return response;
    }
    for (auto& rule : rules_) {
      if (rule.times == 0 || rule.method != request.method || !matches(rule.path, path)) continue;
      if (rule.times > 0) --rule.times;
      if (rule.answer.transport_error) return Status::Unavailable("connection reset");
      HttpResponse response;
      response.status = rule.answer.status;
      response.body = rule.answer.body;
      response.headers = rule.answer.headers;
      return response;
    }
    HttpResponse missing;
    missing.status = 404;
    missing.body = R"({"code":"ResourceNotFound","message":"no such route in the script"})";
    return missing;
  }

  // How many requests matched (method, path pattern).
  int count(const std::string& method, const std::string& path) const {
    int n = 0;
    for (const auto& s : sent) n += s.request.method == method && matches(path, s.path());
    return n;
  }
  std::vector<Sent> matching(const std::string& method, const std::string& path) const {
    std::vector<Sent> out;
    for (const auto& s : sent) {
      if (s.request.method == method && matches(path, s.path())) out.push_back(s);
    }
    return out;
  }

  std::vector<Sent> sent;

 private:
  struct Rule {
    std::string method;
    std::string path;
    Canned answer;
    int times;
  };
  static bool matches(const std::string& pattern, const std::string& path) {
    if (!pattern.empty() && pattern.back() == '*') {
      return path.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
    }
    return pattern == path;
  }
  std::vector<Rule> rules_;
};

inline CoreConfig test_config() {
  CoreConfig c;
  c.public_url = "http://core.test";
  c.lever_auth_url = "http://auth.lever.test";
  c.lever_api_url = "http://api.lever.test";
  c.lever_client_id = "client-123";
  c.lever_client_secret = "client-secret-xyz";
  c.justworks_api_url = "http://jw.test";
  c.justworks_tokens = {{"acme", "jw-token-acme"}, {"globex", "jw-token-globex"}};
  return c;
}

// The secrets a test world hands out; none may appear in logs or answers.
inline const std::vector<std::string>& world_secrets() {
  static const std::vector<std::string> secrets = {
      "client-secret-xyz", "access-1",       "refresh-1", "access-2",
      "refresh-2",         "sig-token-acme", "code-abc",  "jw-token-acme"};
  return secrets;
}

// The key test stores seal their secrets with: 32 bytes of 0x5A.
inline const SecretsKey& test_secrets_key() {
  static const SecretsKey key = [] {
    std::array<unsigned char, SecretsKey::kSize> bytes{};
    bytes.fill(0x5A);
    return SecretsKey(bytes);
  }();
  return key;
}

// A SyncCore on an in-memory SQLite store with every port a test double.
struct World {
  TestClock clock;
  SeededRandom random{7};
  ScriptedHttp http;
  OpenSslCrypto crypto;
  TestLog log;
  std::unique_ptr<Store> store;
  std::unique_ptr<SyncCore> core;

  explicit World(const std::string& db_path = ":memory:") {
    auto opened = open_sqlite_store(db_path, test_secrets_key());
    REQUIRE(opened.ok());
    store = std::move(*opened);
    http.request_handler = [this](const HttpRequest& r) { return answer_session(r); };
    restart();
  }

  // --- Justworks sessions: GET /internal/v1/sessions/current answers for
  // every session signed in here, 401 for any other credential. ---

  // Signs `member` (a member object as Justworks lists it) in to `company`;
  // returns the page request carrying that session.
  PageRequest sign_in_member(const nlohmann::json& member, const std::string& company = "acme") {
    const std::string token = "session-" + std::to_string(sessions.size() + 1);
    sessions[token] = {{"member", member}, {"company", {{"id", company}, {"name", company}}}};
    PageRequest page;
    page.session = token;
    return page;
  }
  // A member of justworks_members() (acme) by email.
  PageRequest sign_in(const std::string& email);

  std::optional<Canned> answer_session(const HttpRequest& r) const {
    if (r.target != "/internal/v1/sessions/current") return std::nullopt;
    auto header = r.headers.find("Authorization");
    const std::string token = header == r.headers.end() ? "" : header->second.substr(7);
    auto it = sessions.find(token);
    if (it == sessions.end()) {
      return Canned{401, R"({"error":{"code":"unauthorized","message":"unknown session"}})"};
    }
    return Canned{200, it->second.dump()};
  }
  std::map<std::string, nlohmann::json> sessions;

  // A new SyncCore on the same store, as after a crash.
  void restart() {
    core.reset();
    core = std::make_unique<SyncCore>(test_config(),
                                      CorePorts{clock, random, http, *store, crypto, log});
  }

  // The company's integration at `status`, with connection "conn-acme"
  // holding tokens valid for an hour and signature token "sig-token-acme".
  void connect(const std::string& company = "acme",
               IntegrationStatus status = IntegrationStatus::kConnected,
               const std::string& connection_id = "conn-acme",
               const std::string& signature_token = "sig-token-acme") {
    Connection c;
    c.id = connection_id;
    c.company = company;
    c.access_token = "access-1";
    c.refresh_token = "refresh-1";
    c.access_expires_at_ms = clock.now + 3600 * 1000;
    c.webhook_id = "wh-1";
    c.webhook_url = "http://core.test/webhooks/lever/" + connection_id;
    c.signature_token = signature_token;
    c.webhook_created_at_ms = clock.now;
    c.webhook_verified = status == IntegrationStatus::kConnected;
    c.created_at_ms = clock.now;
    REQUIRE(store->put_connection(c).ok());
    Integration i;
    i.company = company;
    i.status = status;
    i.connection_id = connection_id;
    i.updated_at_ms = clock.now;
    REQUIRE(store->put_integration(i).ok());
  }

  // A delivery body as Lever signs it.
  std::string delivery(const std::string& token, const std::string& event,
                       const nlohmann::json& data,
                       const std::string& signature_token = "sig-token-acme") const {
    const int64_t at = clock.now;
    return nlohmann::json{{"token", token},
                          {"triggeredAt", at},
                          {"event", event},
                          {"signature", lever_signature(crypto, signature_token, token, at)},
                          {"data", data}}
        .dump();
  }
  std::string hired(const std::string& token, const std::string& opportunity) const {
    return delivery(token, "candidateHired",
                    {{"opportunityId", opportunity},
                     {"candidateId", opportunity},
                     {"contactId", "c-" + opportunity}});
  }

  nlohmann::json status(const std::string& company = "acme") { return core->status(company).body; }
  nlohmann::json sync_entry(const std::string& opportunity, const std::string& company = "acme") {
    const nlohmann::json answer = status(company);
    for (const auto& e : answer["sync_log"]) {
      if (e["opportunity_id"] == opportunity) return e;
    }
    return nullptr;
  }
  std::optional<Connection> connection(const std::string& id = "conn-acme") {
    auto c = store->connection(id);
    REQUIRE(c.ok());
    return *c;
  }

  // No secret in any log line or status answer (TOKEN-2).
  void require_no_secret_leaked(const std::string& company = "acme") {
    const std::string text = log.all() + status(company).dump();
    for (const auto& secret : world_secrets()) {
      CAPTURE(secret, text);
      REQUIRE(text.find(secret) == std::string::npos);
    }
  }
};

// --- canned Lever and Justworks answers ---

inline nlohmann::json lever_opportunity(const std::string& id,
                                        const std::string& posting = "post-eng") {
  nlohmann::json apps = nlohmann::json::array();
  if (!posting.empty()) apps.push_back({{"id", "app-" + id}, {"posting", posting}});
  return {{"data",
           {{"id", id},
            {"name", "Jane Doe"},
            {"contact", "c-" + id},
            {"emails", {"jane@example.com"}},
            {"archived", {{"archivedAt", kStartMs}, {"reason", "reason-hired"}}},
            {"applications", apps}}}};
}

inline nlohmann::json lever_offers() {
  return {{"data",
           {{{"id", "offer-1"},
             {"status", "signed"},
             {"createdAt", kStartMs - 1000},
             {"fields",
              {{{"identifier", "job_title"}, {"text", "Job title"}, {"value", "Staff Engineer"}},
               {{"identifier", "salary_amount"}, {"text", "Salary"}, {"value", 185000}},
               {{"identifier", "direct_manager"},
                {"text", "Direct manager"},
                {"value", "u-priya"}}}}}}},
          {"hasNext", false}};
}

inline nlohmann::json lever_posting() {
  return {
      {"data",
       {{"id", "post-eng"},
        {"text", "Staff Engineer"},
        {"categories",
         {{"department", "Engineering"}, {"location", "New York"}, {"commitment", "Full-time"}}}}}};
}

inline nlohmann::json lever_user() {
  return {{"data", {{"id", "u-priya"}, {"name", "Priya Raman"}, {"email", "priya@acme.example"}}}};
}

inline nlohmann::json justworks_members() {
  return {{"items",
           {{{"id", "m-dana"},
             {"first_name", "Dana"},
             {"last_name", "Ng"},
             {"email", "dana@acme.example"},
             {"admin", true},
             {"permissions", {"manage_employees"}},
             {"status", "active"}},
            {{"id", "m-eli"},
             {"first_name", "Eli"},
             {"last_name", "Ko"},
             {"email", "eli@acme.example"},
             {"admin", true},
             {"permissions", {"manage_employees", "documents"}},
             {"status", "active"}},
            {{"id", "m-fay"},
             {"first_name", "Fay"},
             {"last_name", "Lu"},
             {"email", "fay@acme.example"},
             {"admin", true},
             {"permissions", {"documents"}},
             {"status", "active"}},
            {{"id", "m-gus"},
             {"first_name", "Gus"},
             {"last_name", "Ma"},
             {"email", "gus@acme.example"},
             {"admin", false},
             {"permissions", {"manage_employees"}},
             {"status", "active"}}}}};
}

inline PageRequest World::sign_in(const std::string& email) {
  const nlohmann::json members = justworks_members();  // the loop must not outlive it
  for (const auto& m : members["items"]) {
    if (m["email"] == email) return sign_in_member(m);
  }
  FAIL("no acme member " << email);
  return {};
}

// Lever and Justworks answering one ordinary hire of opportunity `id`.
inline void script_happy_hire(ScriptedHttp& http, const std::string& id = "opp-1") {
  http.on("GET", "/v1/opportunities/" + id, json_answer(200, lever_opportunity(id)));
  http.on("GET", "/v1/opportunities/" + id + "/offers", json_answer(200, lever_offers()));
  http.on("GET", "/v1/postings/post-eng", json_answer(200, lever_posting()));
  http.on("GET", "/v1/users/u-priya", json_answer(200, lever_user()));
  http.on("GET", "/v1/company",
          json_answer(200, {{"id", "acme"},
                            {"display_name", "Acme"},
                            {"legal_name", "Acme Inc."},
                            {"departments", {{{"id", "d1"}, {"name", "Engineering"}}}},
                            {"offices", {{{"id", "o1"}, {"name", "New York"}}}}}));
  http.on("GET", "/internal/v1/members", json_answer(200, justworks_members()));
  http.on("GET", "/internal/v1/pending_hires",
          json_answer(200, {{"items", nlohmann::json::array()}}));
  http.on("POST", "/internal/v1/pending_hires",
          json_answer(201, {{"id", "ph_1"},
                            {"status", "pending"},
                            {"review_url", "http://jw.test/review/ph_1"}}));
  http.on("POST", "/internal/v1/emails", json_answer(201, {{"id", "em_1"}}));
}

}  // namespace hiresync::testing
