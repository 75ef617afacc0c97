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

TEST_CASE("routes answer status as JSON and refuse malformed page requests", "[routes]") {
  Served s;
  auto status = s.client->Get("/integrations/lever/status?company=acme");
  REQUIRE(status);
  CHECK(status->status == 200);
  CHECK(nlohmann::json::parse(status->body)["status"] == "connected");
  auto missing = s.client->Get("/integrations/lever/status");
  REQUIRE(missing);
  CHECK(missing->status == 400);
  auto bad = s.client->Post("/integrations/lever/setup", "not json", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(nlohmann::json::parse(bad->body).contains("error"));
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
