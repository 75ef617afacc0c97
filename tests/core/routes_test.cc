// The core's HTTP surface over real loopback HTTP: status codes, JSON, 413, 503.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "adapters/core_http_routes.h"
#include "adapters/http_server.h"
#include "test_support.h"

namespace hiresync {
namespace {

using testing::World;

struct Served {
  World world;
  LoopbackServer server;
  std::atomic<bool> down{false};
  std::unique_ptr<httplib::Client> client;

  Served() {
    world.connect();
    mount_core_routes(server.routes(),
                      [this]() -> SyncCore* { return down ? nullptr : world.core.get(); });
    REQUIRE(server.start().ok());
    client = std::make_unique<httplib::Client>(server.base_url());
  }
};

TEST_CASE("routes pass a signed delivery to the receiver", "[routes]") {
  Served s;
  auto res = s.client->Post("/webhooks/lever/conn-acme", s.world.hired("tok-1", "opp-1"),
                            "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(nlohmann::json::parse(res->body)["result"] == "queued");
}

TEST_CASE("routes refuse a body over 1 MiB with 413", "[routes]") {
  Served s;
  const std::string huge(kMaxWebhookBodyBytes + 1, ' ');
  auto res = s.client->Post("/webhooks/lever/conn-acme", huge, "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(nlohmann::json::parse(res->body)["error"]["code"] == "payload_too_large");
}

TEST_CASE("routes answer 503 while the core is down", "[routes]") {
  Served s;
  s.down = true;
  auto res = s.client->Get("/integrations/lever/status?company=acme");
  REQUIRE(res);
  CHECK(res->status == 503);
  auto hook = s.client->Post("/webhooks/lever/conn-acme", "{}", "application/json");
  REQUIRE(hook);
  CHECK(hook->status == 503);
}

httplib::Headers bearer(const PageRequest& page) {
  return {{"Authorization", "Bearer " + page.session}};
}

TEST_CASE("routes answer status as JSON and refuse malformed page requests", "[routes]") {
  Served s;
  const auto dana = bearer(s.world.sign_in("dana@acme.example"));
  auto status = s.client->Get("/integrations/lever/status?company=acme", dana);
  REQUIRE(status);
  CHECK(status->status == 200);
  CHECK(nlohmann::json::parse(status->body)["status"] == "connected");
  // The company comes from the session: naming it is optional.
  auto unnamed = s.client->Get("/integrations/lever/status", dana);
  REQUIRE(unnamed);
  CHECK(unnamed->status == 200);
  auto bad = s.client->Post("/integrations/lever/setup", dana, "not json", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(nlohmann::json::parse(bad->body).contains("error"));
}

// Issue 17: every page route acts only for a caller Justworks vouches for.
struct PageRoute {
  const char* method;
  const char* path;
};
const PageRoute kPageRoutes[] = {{"POST", "/integrations/lever/setup"},
                                 {"POST", "/integrations/lever/finish"},
                                 {"POST", "/integrations/lever/disconnect"},
                                 {"GET", "/integrations/lever/status"},
                                 {"POST", "/integrations/lever/retry"}};

httplib::Result call(Served& s, const PageRoute& route, const httplib::Headers& headers,
                     const std::string& body = "{}", const std::string& query = "") {
  const std::string target = std::string(route.path) + query;
  if (std::string_view(route.method) == "GET") return s.client->Get(target, headers);
  return s.client->Post(target, headers, body, "application/json");
}

std::string error_code(const httplib::Result& res) {
  return nlohmann::json::parse(res->body)["error"]["code"];
}

TEST_CASE("page routes refuse a caller without a session with 401, before anything else",
          "[routes][auth]") {
  Served s;
  for (const auto& route : kPageRoutes) {
    CAPTURE(route.path);
    // The old body form names an admin: it opens nothing.
    auto res = call(s, route, {}, R"({"company": "acme", "member": "dana@acme.example"})",
                    "?company=acme");
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_code(res) == "unauthenticated");
    CHECK(res->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);
    for (const char* header : {"Basic ZGFuYTo=", "Bearer ", "Bearer two words"}) {
      auto odd = call(s, route, {{"Authorization", header}});
      REQUIRE(odd);
      CHECK(odd->status == 401);
    }
  }
  // None of them reached Justworks or changed anything.
  CHECK(s.world.http.count("GET", "/internal/v1/sessions/current") == 0);
  CHECK(s.world.status()["status"] == "connected");
}

TEST_CASE("page routes refuse an unknown or ended session with 401", "[routes][auth]") {
  Served s;
  for (const auto& route : kPageRoutes) {
    CAPTURE(route.path);
    auto res = call(s, route, {{"Authorization", "Bearer session-never-issued"}});
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_code(res) == "unauthenticated");
  }
  CHECK(s.world.status()["status"] == "connected");
}

TEST_CASE("page routes refuse a member who is not an admin with 403", "[routes][auth]") {
  Served s;
  const auto gus = bearer(s.world.sign_in("gus@acme.example"));
  for (const auto& route : kPageRoutes) {
    CAPTURE(route.path);
    auto res = call(s, route, gus);
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK(error_code(res) == "forbidden");
    CHECK(res->body.find("sync_log") == std::string::npos);
  }
  CHECK(s.world.status()["status"] == "connected");
  CHECK(s.world.http.count("DELETE", "/v1/webhooks/*") == 0);
}

TEST_CASE("page routes ignore a member email in the body: the session acts", "[routes][auth]") {
  Served s;
  // A non-admin naming an admin is still the non-admin.
  const auto gus = bearer(s.world.sign_in("gus@acme.example"));
  auto forged =
      s.client->Post("/integrations/lever/disconnect", gus,
                     R"({"company": "acme", "member": "dana@acme.example"})", "application/json");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  CHECK(s.world.status()["status"] == "connected");
  // An admin naming a non-admin acts as the admin; the OAuth state is bound
  // to the session's member.
  const auto dana = bearer(s.world.sign_in("dana@acme.example"));
  auto setup = s.client->Post("/integrations/lever/setup", dana,
                              R"({"member": "gus@acme.example"})", "application/json");
  REQUIRE(setup);
  CHECK(setup->status == 200);
}

TEST_CASE("page routes never answer another company's data", "[routes][auth]") {
  Served s;
  s.world.connect("globex", IntegrationStatus::kAwaitingWebhook, "conn-globex", "sig-globex");
  const auto dana = bearer(s.world.sign_in("dana@acme.example"));
  for (const auto& route : kPageRoutes) {
    CAPTURE(route.path);
    // Naming globex, by query or body, with an acme session: refused.
    auto by_query = call(s, route, dana, "{}", "?company=globex");
    REQUIRE(by_query);
    CHECK(by_query->status == 403);
    CHECK(error_code(by_query) == "wrong_company");
    CHECK(by_query->body.find("conn-globex") == std::string::npos);
    auto by_body = call(s, route, dana, R"({"company": "globex"})");
    REQUIRE(by_body);
    if (std::string_view(route.method) == "POST") {
      CHECK(by_body->status == 403);
      CHECK(error_code(by_body) == "wrong_company");
    }
  }
  CHECK(s.world.status("globex")["status"] == "awaiting_webhook");
  CHECK(s.world.status("acme")["status"] == "connected");

  // A globex admin sees globex, whatever the query says it wants.
  nlohmann::json olga = {{"id", "m-olga"},
                         {"email", "olga@globex.example"},
                         {"admin", true},
                         {"permissions", {"manage_employees"}},
                         {"status", "active"}};
  const auto globex = bearer(s.world.sign_in_member(olga, "globex"));
  auto own = s.client->Get("/integrations/lever/status", globex);
  REQUIRE(own);
  CHECK(own->status == 200);
  CHECK(nlohmann::json::parse(own->body)["status"] == "awaiting_webhook");

  // An admin of a company this core does not serve gets nothing.
  const auto initech = bearer(s.world.sign_in_member(olga, "initech"));
  auto unknown = s.client->Get("/integrations/lever/status", initech);
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(error_code(unknown) == "unknown_company");
}

TEST_CASE("page routes answer 502 when Justworks cannot check the session", "[routes][auth]") {
  Served s;
  const auto dana = bearer(s.world.sign_in("dana@acme.example"));
  s.world.http.request_handler = [](const HttpRequest& r) -> std::optional<testing::Canned> {
    if (r.target != "/internal/v1/sessions/current") return std::nullopt;
    return testing::Canned{503, "{}"};
  };
  auto res = s.client->Post("/integrations/lever/disconnect", dana, "{}", "application/json");
  REQUIRE(res);
  CHECK(res->status == 502);
  CHECK(s.world.status()["status"] == "connected");
}

TEST_CASE("routes hand the OAuth callback's query to the core", "[routes]") {
  Served s;
  auto res = s.client->Get("/oauth/lever/callback?state=unknown&code=abc");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(nlohmann::json::parse(res->body)["error"]["code"] == "bad_request");
}

// Issue 17: a raw exchange, for what httplib's client will not send. Returns
// the server's first response line, or "" when it did not answer within 3 s.
std::string raw_exchange(int port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string first_line;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    char buf[512];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      const std::string answer(buf, static_cast<size_t>(n));
      first_line = answer.substr(0, answer.find("\r\n"));
    }
  }
  close(fd);
  return first_line;
}

TEST_CASE("routes refuse a chunked body before reading it", "[routes][hostile]") {
  Served s;
  // The body is never finished: a server that reads it first does not answer.
  const std::string head =
      "POST /webhooks/lever/conn-acme HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\n\r\n100000\r\n" +
      std::string(4096, ' ');
  CHECK(raw_exchange(s.server.port(), head) == "HTTP/1.1 411 Length Required");
}

TEST_CASE("routes refuse a compressed body before inflating it", "[routes][hostile]") {
  Served s;
  const std::string head =
      "POST /webhooks/lever/conn-acme HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
      "Content-Length: 1000\r\nContent-Type: application/json\r\n\r\n" +
      std::string(10, 'x');
  CHECK(raw_exchange(s.server.port(), head) == "HTTP/1.1 415 Unsupported Media Type");
}

TEST_CASE("routes refuse a body with no length, which would be read to the end",
          "[routes][hostile]") {
  Served s;
  const std::string head =
      "POST /integrations/lever/retry HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\n\r\n{";
  CHECK(raw_exchange(s.server.port(), head) == "HTTP/1.1 411 Length Required");
}

}  // namespace
}  // namespace hiresync
