// The core's HTTP surface over real loopback HTTP: status codes, JSON, 413, 503.
#include <httplib.h>

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

}  // namespace
}  // namespace hiresync
