// Contract tests: loading a world. Lever's own shapes load and are served
// back as given, absent fields get Lever's defaults, and an invalid world is
// refused with the JSON path of the first problem.
#include "support.h"

using namespace lever_test;

namespace {

const std::string kAllScopes = kSyncScopes + " confidential:access:admin applications:read:admin";

}  // namespace

TEST_CASE("absent fields get Lever's defaults, given fields stay as given") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  const json omar = h.get_json("/v1/opportunities/opp-omar", t.access)["data"];
  CHECK(omar["name"] == "Omar Haddad");
  CHECK(omar["stage"] == "applicant-new");
  CHECK(omar["origin"] == "applied");
  CHECK(omar["createdAt"] == sim::VirtualClock::kStartMs);
  CHECK(omar["updatedAt"] == sim::VirtualClock::kStartMs);
  CHECK(omar["archived"].is_null());
  CHECK(omar["isAnonymized"] == false);
  CHECK(omar["confidentiality"] == "non-confidential");
  CHECK(omar["applications"] == json::array());
  CHECK(omar["urls"]["show"] == "https://hire.lever.co/candidates/opp-omar");
  CHECK(omar["stageChanges"][0]["toStageId"] == "applicant-new");
  CHECK(omar["stageChanges"][0]["toStageIndex"] == 3);
  CHECK_FALSE(omar.contains("opportunityLocation"));  // Lever omits it without a job

  const json sam = h.get_json("/v1/users/u-sam", t.access)["data"];
  CHECK(sam["username"] == "sam");
  CHECK(sam["deactivatedAt"].is_null());
  const json posting = h.get_json("/v1/postings/post-eng", t.access)["data"];
  CHECK(posting["state"] == "published");
  CHECK(posting["categories"]["department"] == "Engineering");
  CHECK(posting["workplaceType"] == "unspecified");
}

TEST_CASE("an opportunity on a confidential job is confidential by default") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  CHECK(h.get_json("/v1/opportunities/opp-kai", t.access)["data"]["confidentiality"] ==
        "confidential");
}

TEST_CASE("an inline application is served as Lever does: an id, expandable to the object") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  const json jane = h.get_json("/v1/opportunities/opp-jane", t.access)["data"];
  CHECK(jane["applications"] == json::array({"app-jane"}));
  CHECK(jane["opportunityLocation"] == "New York");

  const json expanded =
      h.get_json("/v1/opportunities/opp-jane?expand=applications", t.access)["data"];
  REQUIRE(expanded["applications"].size() == 1);
  const json& app = expanded["applications"][0];
  CHECK(app["id"] == "app-jane");
  CHECK(app["posting"] == "post-eng");
  CHECK(app["opportunityId"] == "opp-jane");
  CHECK(app["candidateId"] == "opp-jane");
  CHECK(app["postingHiringManager"] == "u-priya");
  CHECK(app["postingOwner"] == "u-sam");
  CHECK(app["email"] == "jane@example.com");
}

TEST_CASE("a world without stages or archive reasons gets Lever's defaults") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  const json stages = h.get_json("/v1/stages", t.access)["data"];
  REQUIRE(stages.size() == 8);
  CHECK(stages[0]["id"] == "lead-new");
  CHECK(stages[3]["id"] == "applicant-new");
  CHECK(stages[7] == json{{"id", "offer"}, {"text", "Offer"}});

  const json hired = h.get_json("/v1/archive_reasons?type=hired", t.access)["data"];
  CHECK(
      hired ==
      json::parse(
          R"([{"id":"85a8bb9b-530e-40cb-9e35-3f29b11f0de6","text":"Hired","status":"active","type":"hired"}])"));
  const json others = h.get_json("/v1/archive_reasons?type=non-hired", t.access)["data"];
  CHECK(others.size() >= 5);
  for (const json& r : others) CHECK(r["type"] == "non-hired");
}

TEST_CASE("contacts are derived from opportunities when the world lists none") {
  Harness h;
  const Tokens t = h.connect(kAllScopes);
  const json c = h.get_json("/v1/contacts/c-jane", t.access)["data"];
  CHECK(c["name"] == "Jane Doe");
  CHECK(c["emails"] == json::array({"jane@example.com"}));
  CHECK(c["isAnonymized"] == false);
}

TEST_CASE("the recorded sandbox sample loads and is served back unchanged") {
  const json sample = read_json_file(repo_path("tests/fake_lever/data/lever-sandbox-sample.json"));
  Harness h(sample);
  const Tokens t = h.connect(kAllScopes, "avery.stone@example.test");
  for (const json& user : sample["users"]) {
    CAPTURE(user["id"]);
    CHECK(h.get_json("/v1/users/" + user["id"].get<std::string>(), t.access)["data"] == user);
  }
  for (const json& opp : sample["opportunities"]) {
    const std::string id = opp["id"].get<std::string>();
    CAPTURE(id);
    CHECK(h.get_json("/v1/opportunities/" + id, t.access)["data"] == opp);
    const json apps = h.get_json("/v1/opportunities/" + id + "/applications", t.access)["data"];
    REQUIRE(apps.size() == 1);
    for (const json& recorded : sample["applications"]) {
      if (recorded["id"] == apps[0]["id"]) CHECK(apps[0] == recorded);
    }
  }
  for (const auto& [opp_id, offers] : sample["offers"].items()) {
    CAPTURE(opp_id);
    CHECK(h.get_json("/v1/opportunities/" + opp_id + "/offers", t.access)["data"] == offers);
  }
}

TEST_CASE("the acme fixture world loads") {
  const json world = read_json_file(repo_path("fixtures/worlds/acme.json"));
  sim::VirtualClock clock;
  hiresync::HttplibClient http;
  FakeLever lever(clock, 1, http);
  const hiresync::Status s = lever.add_account("acme", world["lever"], "fixtures/worlds/acme.json");
  INFO(s.message());
  CHECK(s.ok());
}

TEST_CASE("an invalid world is refused, naming the source and the JSON path") {
  // Each row edits the test world at a pointer and expects this message.
  auto [pointer, value, message] = GENERATE(table<std::string, std::string, std::string>({
      {"/opportunities/2/emails", R"("kai@example.net")",
       "/lever/opportunities/2/emails: expected an array of strings"},
      {"/opportunities/1/id", R"("opp-jane")",
       "/lever/opportunities/1/id: duplicate opportunity id 'opp-jane'"},
      {"/opportunities/1/applications", R"(["a-1", "a-2"])",
       "/lever/opportunities/1/applications: an opportunity has at most one application"},
      {"/opportunities/0/archived", R"({"archivedAt": "yesterday", "reason": "hired"})",
       "/lever/opportunities/0/archived/archivedAt: expected an integer (epoch milliseconds)"},
      {"/opportunities/0/confidentiality", R"("secret")",
       "/lever/opportunities/0/confidentiality: 'secret' is not one of: non-confidential, "
       "confidential"},
      {"/opportunities/0/phones", R"([{"type": "mobile"}])",
       "/lever/opportunities/0/phones/0/value: expected a string"},
      {"/opportunities/0/name", "null", "/lever/opportunities/0/name: expected a string"},
      {"/postings/0/hiringManager", "5",
       "/lever/postings/0/hiringManager: expected a string or null"},
      {"/users/1/email", R"("SAM@acme.example")",
       "/lever/users/1/email: the same email as /users/0 (a login names one user)"},
      {"/users/2/createdAt", "1.5",
       "/lever/users/2/createdAt: expected an integer (epoch milliseconds)"},
      {"/offers", R"({"opp-nope": []})", "/lever/offers/opp-nope: unknown opportunity 'opp-nope'"},
      {"/offers", R"({"opp-jane": [{"id": "o-1", "status": "pending"}]})",
       "/lever/offers/opp-jane/0/status: 'pending' is not one of: draft, approval-sent, approved, "
       "sent, sent-manually, opened, denied, signed"},
      {"/stages", R"([{"id": "offer", "text": "Offer"}])",
       "/lever/opportunities/1/stage: unknown stage 'applicant-new'"},
      {"/archive_reasons", R"([{"id": "hired", "text": "Hired", "type": "maybe"}])",
       "/lever/archive_reasons/0/type: 'maybe' is not one of: hired, non-hired"},
      {"/applications", R"([{"id": "app-x", "opportunityId": "opp-nope"}])",
       "/lever/applications/0/opportunityId: unknown opportunity 'opp-nope'"},
      {"/stageList", "[]",
       "/lever/stageList: unknown key (expected one of: users, postings, opportunities, "
       "applications, offers, stages, archive_reasons, contacts, requisitions, settings)"},
  }));
  json world = test_world();
  world[json::json_pointer(pointer)] = json::parse(value);
  CAPTURE(pointer, value);
  sim::VirtualClock clock;
  hiresync::HttplibClient http;
  FakeLever lever(clock, 1, http);
  const hiresync::Status s = lever.add_account("acme", world, "fixtures/worlds/x.json");
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "fixtures/worlds/x.json: " + message);
}

TEST_CASE("a user or posting the world does not list loads as a stub of that id") {
  // Real exports name what they cannot list: a deactivated user, an unlisted posting.
  auto [pointer, value, collection, id] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"/opportunities/0/owner", R"("u-nobody")", "users", "u-nobody"},
          {"/opportunities/0/applications/0/posting", R"("post-nope")", "postings", "post-nope"},
          {"/postings/1/followers", R"(["u-sam", "u-ghost"])", "users", "u-ghost"},
          {"/offers", R"({"opp-jane": [{"id": "o-1", "status": "draft", "creator": "u-x"}]})",
           "users", "u-x"},
      }));
  json world = test_world();
  world[json::json_pointer(pointer)] = json::parse(value);
  CAPTURE(pointer, value);
  Harness h(world);
  const Tokens t = h.connect(kAllScopes);
  const json stub = h.get_json("/v1/" + collection + "/" + id, t.access)["data"];
  CHECK(stub["id"] == id);
  if (collection == "users") {
    CHECK(stub["name"] == "");
    CHECK(stub["email"] == "");
  } else {
    CHECK(stub["text"] == "");
    CHECK(stub["categories"]["department"].is_null());
  }
}

TEST_CASE("updatedAt: null, as real responses carry it, loads and is served back") {
  json world = test_world();
  world["opportunities"][0]["updatedAt"] = nullptr;
  world["postings"][0]["updatedAt"] = nullptr;
  Harness h(world);
  const Tokens t = h.connect(kAllScopes);
  const std::string opp = world["opportunities"][0]["id"];
  CHECK(h.get_json("/v1/opportunities/" + opp, t.access)["data"]["updatedAt"].is_null());
}

TEST_CASE("stage references are checked once the world lists its own stages") {
  json world = test_world();
  world["stages"] = json::parse(R"([{"id": "lead-new", "text": "New lead"}])");
  sim::VirtualClock clock;
  hiresync::HttplibClient http;
  FakeLever lever(clock, 1, http);
  const hiresync::Status s = lever.add_account("acme", world, "w.json");
  CHECK(s.message() == "w.json: /lever/opportunities/0/stage: unknown stage 'offer'");
}

TEST_CASE("an account inside a multi-tenant world is reported at its own path") {
  json world = test_world();
  world["users"][0]["email"] = 42;
  sim::VirtualClock clock;
  hiresync::HttplibClient http;
  FakeLever lever(clock, 1, http);
  const hiresync::Status s =
      lever.add_account("globex", world, "scenarios/sec.json", "/world/tenants/globex/lever");
  CHECK(s.message() ==
        "scenarios/sec.json: /world/tenants/globex/lever/users/0/email: expected a string");
}

TEST_CASE("a Lever user belongs to one account") {
  sim::VirtualClock clock;
  hiresync::HttplibClient http;
  FakeLever lever(clock, 1, http);
  REQUIRE(lever.add_account("acme", test_world(), "a.json").ok());
  const hiresync::Status s = lever.add_account("globex", test_world(), "b.json");
  CHECK(s.message() ==
        "b.json: /lever/users/0/email: sam@acme.example is already a user of Lever account 'acme'");
  CHECK_FALSE(lever.add_account("acme", json::object(), "c.json").ok());
}
