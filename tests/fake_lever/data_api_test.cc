// Contract tests: the Data API's conventions — auth and scope errors, 404s,
// paging, the rate limit on the virtual clock, filters, expand and include —
// and the endpoints a sync must not call but which must exist to be seen.
#include "support.h"

using namespace lever_test;

namespace {

const std::string kAllScopes = kSyncScopes +
                               " confidential:access:admin requisitions:read:admin "
                               "applications:read:admin resumes:read:admin files:read:admin";

json body_of(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }

std::vector<std::string> ids(const json& list) {
  std::vector<std::string> out;
  for (const json& o : list) out.push_back(o["id"].get<std::string>());
  return out;
}

// A world with `n` opportunities, opp-000 … opp-<n-1>.
json crowd_world(int n) {
  json world = test_world();
  world["opportunities"] = json::array();
  for (int i = 0; i < n; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "opp-%03d", i);
    world["opportunities"].push_back({{"id", id}, {"name", "Candidate " + std::to_string(i)}});
  }
  return world;
}

}  // namespace

TEST_CASE("the Data API answers 401 without a valid bearer token") {
  Harness h;
  const std::string header = GENERATE(as<std::string>{}, "", "not-a-token");
  HttpResponse r = h.get("/v1/opportunities/opp-jane", header);
  CHECK(r.status == 401);
  CHECK(body_of(r)["code"] == "UnauthorizedError");
  CHECK(body_of(r)["message"].is_string());
}

TEST_CASE("a token without the resource's scope gets 403") {
  Harness h;
  const Tokens t = h.connect("offline_access postings:read:admin");
  HttpResponse r = h.get("/v1/opportunities/opp-jane", t.access);
  CHECK(r.status == 403);
  CHECK(body_of(r)["code"] == "ForbiddenError");
  CHECK(h.get("/v1/postings/post-eng", t.access).status == 200);
}

TEST_CASE("a write scope implies the matching read scope") {
  Harness h;
  const Tokens t = h.connect("webhooks:write:admin");
  CHECK(h.get("/v1/webhooks", t.access).status == 200);
}

TEST_CASE("confidential data needs confidential:access:admin") {
  Harness h;
  const Tokens plain = h.connect();
  CHECK(h.get("/v1/opportunities/opp-kai", plain.access).status == 403);
  CHECK(h.get("/v1/postings/post-secret", plain.access).status == 403);
  CHECK(h.get("/v1/opportunities/opp-kai/offers", plain.access).status == 403);
  CHECK(h.get("/v1/opportunities?confidentiality=all", plain.access).status == 403);
  // Lists default to non-confidential objects.
  CHECK(ids(h.get_json("/v1/opportunities", plain.access)["data"]) ==
        std::vector<std::string>{"opp-jane", "opp-omar"});

  const Tokens full = h.connect(kAllScopes);
  CHECK(h.get("/v1/opportunities/opp-kai", full.access).status == 200);
  CHECK(ids(h.get_json("/v1/opportunities?confidentiality=all", full.access)["data"]).size() == 3);
  CHECK(ids(h.get_json("/v1/opportunities?confidentiality=confidential", full.access)["data"]) ==
        std::vector<std::string>{"opp-kai"});
}

TEST_CASE("an unknown object or route is 404 ResourceNotFound") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  const std::string target =
      GENERATE(as<std::string>{}, "/v1/opportunities/opp-nope", "/v1/users/u-nope",
               "/v1/postings/p-nope", "/v1/stages/s-nope", "/v1/archive_reasons/r-nope",
               "/v1/contacts/c-nope", "/v1/requisitions/q-nope",
               "/v1/opportunities/opp-nope/offers", "/v1/candidates/x", "/v2/opportunities");
  CAPTURE(target);
  HttpResponse r = h.get(target, t.access);
  CHECK(r.status == 404);
  CHECK(body_of(r)["code"] == "ResourceNotFound");
  CHECK(body_of(r)["message"].is_string());
}

TEST_CASE("limit must be 1 to 100") {
  Harness h;
  const Tokens t = h.connect();
  auto [limit, status] = GENERATE(table<std::string, int>(
      {{"0", 400}, {"101", 400}, {"-1", 400}, {"ten", 400}, {"1", 200}, {"100", 200}}));
  CAPTURE(limit);
  HttpResponse r = h.get("/v1/opportunities?limit=" + limit, t.access);
  CHECK(r.status == status);
  if (status == 400) CHECK(body_of(r)["code"] == "BadRequestError");
}

TEST_CASE("an offset that is not a token from next is 400 Invalid offset token") {
  Harness h(crowd_world(5));
  const Tokens t = h.connect();
  const std::string offset = GENERATE(as<std::string>{}, "abc", "%5B3%2C%22opp-999%22%5D",
                                      "%5B99%2C%22opp-001%22%5D", "%5B%5D");
  HttpResponse r = h.get("/v1/opportunities?offset=" + offset, t.access);
  CHECK(r.status == 400);
  CHECK(body_of(r)["message"] == "Invalid offset token");
}

TEST_CASE("250 opportunities page as 100, 100, 50 with next and hasNext") {
  Harness h(crowd_world(250));
  const Tokens t = h.connect();
  std::vector<std::string> seen;
  std::vector<size_t> pages;
  std::string target = "/v1/opportunities?limit=100";
  for (int guard = 0; guard < 10; ++guard) {
    const json page = h.get_json(target, t.access);
    pages.push_back(page["data"].size());
    for (const auto& id : ids(page["data"])) seen.push_back(id);
    if (!page["hasNext"].get<bool>()) {
      CHECK_FALSE(page.contains("next"));  // Lever omits next on the last page
      break;
    }
    REQUIRE(page["next"].is_string());
    target = "/v1/opportunities?limit=100&offset=" + page["next"].get<std::string>();
  }
  CHECK(pages == std::vector<size_t>{100, 100, 50});
  REQUIRE(seen.size() == 250);
  for (size_t i = 0; i < seen.size(); ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "opp-%03d", static_cast<int>(i));
    CHECK(seen[i] == id);
  }
}

TEST_CASE("a next token sent encoded once more still works") {
  Harness h(crowd_world(3));
  const Tokens t = h.connect();
  const json first = h.get_json("/v1/opportunities?limit=2", t.access);
  const json second = h.get_json(
      "/v1/opportunities?limit=2&offset=" + form_encode(first["next"].get<std::string>()),
      t.access);
  CHECK(ids(second["data"]) == std::vector<std::string>{"opp-002"});
}

TEST_CASE("the rate limit answers 429 with Retry-After, and recovers on the virtual clock") {
  Harness h;
  const Tokens t = h.connect();
  for (int i = 0; i < 20; ++i) REQUIRE(h.get("/v1/stages/offer", t.access).status == 200);
  HttpResponse limited = h.get("/v1/stages/offer", t.access);
  CHECK(limited.status == 429);
  CHECK(limited.header("retry-after") == "1");
  CHECK(body_of(limited)["code"].is_string());
  h.clock.advance_by(1000);  // 10 requests' worth at 10/s
  for (int i = 0; i < 10; ++i) CHECK(h.get("/v1/stages/offer", t.access).status == 200);
  CHECK(h.get("/v1/stages/offer", t.access).status == 429);
}

TEST_CASE("the rate limit is per account and app, and the knobs set it") {
  LeverKnobs knobs;
  knobs.rate_limit_burst = 2;
  knobs.retry_after_s = 7;
  Harness h(test_world(), knobs);
  const Tokens a = h.connect();
  const Tokens b = h.connect();  // the same app and account share one bucket
  CHECK(h.get("/v1/stages", a.access).status == 200);
  CHECK(h.get("/v1/stages", b.access).status == 200);
  HttpResponse r = h.get("/v1/stages", a.access);
  CHECK(r.status == 429);
  CHECK(r.header("retry-after") == "7");
}

TEST_CASE("rate_limit_headers decides what a 429 says") {
  LeverKnobs knobs;
  knobs.rate_limit_burst = 1;
  const std::string setting = GENERATE(as<std::string>{}, "retry_after", "x_ratelimit", "none");
  CAPTURE(setting);
  json world = test_world();
  world["settings"] = {{"rate_limit_headers", setting}};
  Harness h(world, knobs);
  const Tokens t = h.connect();
  h.clock.advance_by(250);  // not on a second: the reset rounds up
  CHECK(h.get("/v1/stages", t.access).status == 200);
  HttpResponse r = h.get("/v1/stages", t.access);
  REQUIRE(r.status == 429);
  CHECK(r.header("retry-after") == (setting == "retry_after" ? "1" : ""));
  if (setting == "x_ratelimit") {
    // Empty at now; one token back 100 ms later (10/s), in the next epoch second.
    CHECK(r.header("x-ratelimit-limit") == "1");
    CHECK(r.header("x-ratelimit-remaining") == "0");
    CHECK(r.header("x-ratelimit-reset") == std::to_string((h.clock.now_ms() + 100 + 999) / 1000));
  } else {
    CHECK(r.header("x-ratelimit-reset").empty());
  }
}

TEST_CASE("opportunity list filters") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  REQUIRE(h.lever.hire("acme", "opp-jane", "").ok());
  auto [query, expected] = GENERATE(table<std::string, std::vector<std::string>>({
      {"email=JANE@example.com", {"opp-jane"}},
      {"contact_id=c-omar", {"opp-omar"}},
      {"contact_id=c-omar&contact_id=c-jane", {"opp-jane", "opp-omar"}},
      {"contact_id=c-omar,c-jane", {"opp-jane", "opp-omar"}},
      {"posting_id=post-eng", {"opp-jane"}},
      {"stage_id=applicant-new", {"opp-omar"}},
      {"archived=true", {"opp-jane"}},
      {"archived=false", {"opp-omar"}},
      {"archive_reason_id=85a8bb9b-530e-40cb-9e35-3f29b11f0de6", {"opp-jane"}},
      {"origin=applied", {"opp-omar"}},
      {"confidentiality=all&posting_id=post-secret", {"opp-kai"}},
  }));
  CAPTURE(query);
  CHECK(ids(h.get_json("/v1/opportunities?" + query, t.access)["data"]) == expected);
}

TEST_CASE("a malformed filter is 400") {
  Harness h;
  const Tokens t = h.connect();
  const std::string query = GENERATE(as<std::string>{}, "archived=maybe",
                                     "created_at_start=yesterday", "confidentiality=some");
  CAPTURE(query);
  CHECK(h.get("/v1/opportunities?" + query, t.access).status == 400);
}

TEST_CASE("users list only active users unless includeDeactivated") {
  Harness h;
  const Tokens t = h.connect();
  CHECK(ids(h.get_json("/v1/users", t.access)["data"]) ==
        std::vector<std::string>{"u-sam", "u-priya", "u-tom"});
  CHECK(ids(h.get_json("/v1/users?includeDeactivated=true", t.access)["data"]).size() == 4);
  CHECK(ids(h.get_json("/v1/users?email=priya@acme.example", t.access)["data"]) ==
        std::vector<std::string>{"u-priya"});
  // A deactivated user is still readable by id.
  CHECK(h.get("/v1/users/u-old", t.access).status == 200);
}

TEST_CASE("expand inlines referenced objects, in the repeated and the comma form") {
  Harness h;
  const Tokens t = h.connect();
  const json repeated =
      h.get_json("/v1/opportunities/opp-jane?expand=stage&expand=contact", t.access)["data"];
  const json comma =
      h.get_json("/v1/opportunities/opp-jane?expand=stage,contact", t.access)["data"];
  CHECK(repeated == comma);
  CHECK(repeated["stage"] == json{{"id", "offer"}, {"text", "Offer"}});
  CHECK(repeated["contact"]["id"] == "c-jane");

  const json posting = h.get_json("/v1/postings/post-eng?expand=hiringManager", t.access)["data"];
  CHECK(posting["hiringManager"]["email"] == "priya@acme.example");
}

TEST_CASE("include restricts the fields served") {
  Harness h;
  const Tokens t = h.connect();
  const json opp =
      h.get_json("/v1/opportunities/opp-jane?include=name&include=emails", t.access)["data"];
  CHECK(opp == json{{"id", "opp-jane"}, {"name", "Jane Doe"}, {"emails", {"jane@example.com"}}});
}

TEST_CASE("offers come in a list envelope and expand their creator") {
  Harness h;
  const Tokens t = h.connect();
  auto offer = h.lever.create_offer("acme", "opp-jane", json::object(), "");
  REQUIRE(offer.ok());
  const json list = h.get_json("/v1/opportunities/opp-jane/offers?expand=creator", t.access);
  CHECK(list["hasNext"] == false);
  REQUIRE(list["data"].size() == 1);
  CHECK(list["data"][0]["id"] == *offer);
  CHECK(list["data"][0]["creator"]["id"] == "u-sam");
  CHECK_FALSE(list["data"][0].contains("opportunityId"));  // Lever's offers lack it
  CHECK(h.get_json("/v1/opportunities/opp-omar/offers", t.access)["data"] == json::array());
}

TEST_CASE("resume, file and offer-download endpoints exist and are journaled") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  auto offer = h.lever.create_offer("acme", "opp-jane", json::object(), "");
  REQUIRE(h.lever.offer_action("acme", "opp-jane", std::nullopt, "send", "").ok());
  CHECK(h.get_json("/v1/opportunities/opp-jane/resumes", t.access)["data"] == json::array());
  CHECK(h.get_json("/v1/opportunities/opp-jane/files", t.access)["data"] == json::array());
  CHECK(h.get("/v1/opportunities/opp-jane/resumes/r-1/download", t.access).status == 404);
  HttpResponse pdf = h.get("/v1/opportunities/opp-jane/offers/" + *offer + "/download", t.access);
  CHECK(pdf.status == 200);
  CHECK(pdf.header("content-type") == "application/pdf");
  CHECK(h.get("/v1/opportunities/opp-jane/offers/" + *offer + "/download?status=signed", t.access)
            .status == 404);
  CHECK(h.lever.journal().count_matching("GET /v1/opportunities/*/resumes*") == 2);
  CHECK(h.lever.journal().count_matching("GET /v1/opportunities/*/files") == 1);
  CHECK(h.lever.journal().count_matching("GET /v1/opportunities/*/offers/*/download") == 2);
}

TEST_CASE("resumes and files need their own scopes") {
  Harness h;
  const Tokens t = h.connect();
  CHECK(h.get("/v1/opportunities/opp-jane/resumes", t.access).status == 403);
  CHECK(h.get("/v1/opportunities/opp-jane/files", t.access).status == 403);
}

TEST_CASE("requisitions are served with their filters") {
  json world = test_world();
  world["requisitions"] = json::parse(R"([
    {"id": "req-1", "requisitionCode": "ENG-1", "name": "Engineer", "status": "open"},
    {"id": "req-2", "requisitionCode": "ENG-2", "name": "Engineer", "status": "closed"}])");
  Harness h(world);
  const Tokens t = h.connect(kAllScopes);
  CHECK(ids(h.get_json("/v1/requisitions?status=open", t.access)["data"]) ==
        std::vector<std::string>{"req-1"});
  CHECK(h.get_json("/v1/requisitions/req-2", t.access)["data"]["requisitionCode"] == "ENG-2");
}

TEST_CASE("every answer is a {data} envelope") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  const std::string target =
      GENERATE(as<std::string>{}, "/v1/opportunities/opp-jane", "/v1/postings", "/v1/users/u-sam",
               "/v1/stages/offer", "/v1/archive_reasons/85a8bb9b-530e-40cb-9e35-3f29b11f0de6",
               "/v1/contacts/c-omar", "/v1/opportunities/opp-jane/applications/app-jane");
  CAPTURE(target);
  CHECK(h.get_json(target, t.access).contains("data"));
}
