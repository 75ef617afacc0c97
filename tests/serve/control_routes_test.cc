// The control API over HTTP: JSON in and out, 413 for oversized bodies, the
// inspector page at /, and the event stream.
#include <catch2/catch.hpp>

#include <httplib.h>

#include "adapters/http_server.h"
#include "serve/control_routes.h"
#include "serve/session.h"

namespace {

using nlohmann::json;

struct Served {
  std::unique_ptr<sim::serve::Session> session;
  hiresync::LoopbackServer server;
  std::unique_ptr<httplib::Client> client;

  Served() {
    auto world = sim::serve::choose_world(std::string("acme"));
    REQUIRE(world.ok());
    auto s = sim::serve::Session::open({*world, 1, "", std::nullopt});
    REQUIRE(s.ok());
    session = std::move(*s);
    sim::serve::mount_control_routes(server.routes(), *session);
    REQUIRE(server.start().ok());
    client = std::make_unique<httplib::Client>("127.0.0.1", server.port());
    client->set_tcp_nodelay(true);
  }
  ~Served() {
    session->events().close();
    client->stop();
    server.stop();
  }
};

}  // namespace

TEST_CASE("POST /control/steps runs steps and answers JSON; bad ones answer 4xx") {
  Served s;
  auto ok = s.client->Post("/control/steps", R"({"justworks.setup": {"as": "dana@acme.example"}})",
                           "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(json::parse(ok->body)["results"][0]["result"] == "ok");

  auto bad = s.client->Post("/control/steps", "not json at all", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(json::parse(bad->body)["error"].get<std::string>().find("POST /control/steps") !=
        std::string::npos);

  auto failing = s.client->Post("/control/steps", R"({"expect.pending_hires": {"count": 1}})",
                                "application/json");
  REQUIRE(failing);
  CHECK(failing->status == 422);
  CHECK(json::parse(failing->body)["error"].get<std::string>().find("expected: 1") !=
        std::string::npos);
}

TEST_CASE("a body over 1 MiB is refused with 413 and runs nothing") {
  Served s;
  const std::string huge = "[" + std::string(2 << 20, ' ') + "{\"settle\": {}}]";
  auto res = s.client->Post("/control/steps", huge, "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(json::parse(res->body)["error"].get<std::string>().find("over") != std::string::npos);
  auto as_form = s.client->Post("/control/steps", std::string(9000, ' ') + "{\"settle\": {}}",
                                "application/x-www-form-urlencoded");
  REQUIRE(as_form);
  CHECK(as_form->status == 413);
  CHECK(json::parse(as_form->body)["error"].get<std::string>().find("application/json") !=
        std::string::npos);
  auto reset = s.client->Post("/control/reset", huge, "application/json");
  REQUIRE(reset);
  CHECK(reset->status == 413);
  auto state = s.client->Get("/control/state?journals=false");
  REQUIRE(state);
  CHECK(json::parse(state->body)["steps_logged"] == 0);
}

TEST_CASE("GET / serves the inspector page; an unknown route answers 404 in JSON") {
  Served s;
  auto page = s.client->Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(page->body.find("<title>hiresim serve") != std::string::npos);
  CHECK(page->body.find("/control/events") != std::string::npos);
  auto missing = s.client->Get("/control/nope");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(json::parse(missing->body).contains("error"));
}

TEST_CASE("GET /control/events streams each request, decision and step as server-sent events") {
  Served s;
  REQUIRE(s.client
              ->Post("/control/steps", R"({"justworks.setup": {"as": "dana@acme.example"}})",
                     "application/json")
              ->status == 200);
  std::string stream;
  // Reads until the step's own event has arrived, then hangs up.
  auto res = s.client->Get("/control/events?after=0", [&](const char* data, size_t n) {
    stream.append(data, n);
    return stream.find("\"kind\":\"step\"") == std::string::npos;
  });
  CHECK(stream.find("id: 1\ndata: ") != std::string::npos);
  CHECK(stream.find("\"kind\":\"reset\"") != std::string::npos);
  CHECK(stream.find("justworks.setup") != std::string::npos);

  // ?after skips what the client has seen.
  const int64_t seen = s.session->events().last_seq();
  REQUIRE(
      s.client->Post("/control/steps", R"({"clock.advance": "1m"})", "application/json")->status ==
      200);
  std::string later;
  s.client->Get("/control/events?after=" + std::to_string(seen), [&](const char* data, size_t n) {
    later.append(data, n);
    return later.find("\n\n") == std::string::npos;
  });
  CHECK(later.rfind("id: " + std::to_string(seen + 1) + "\n", 0) == 0);
}

TEST_CASE("GET /control/scenario exports the session, as a download when asked") {
  Served s;
  REQUIRE(s.client
              ->Post("/control/steps", R"({"justworks.setup": {"as": "dana@acme.example"}})",
                     "application/json")
              ->status == 200);
  auto res = s.client->Get("/control/scenario?download=1");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Disposition").find("attachment") == 0);
  const json doc = json::parse(res->body);
  CHECK(doc["steps"][0] == json::parse(R"({"justworks.setup": {"as": "dana@acme.example"}})"));
}
