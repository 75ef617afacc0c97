// Contract tests: the request journal, secrets, and determinism.
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

TEST_CASE("every request is journaled with method, path, query, status and note") {
  Harness h;
  h.get("/internal/v1/members?permission=manage_employees");
  json bad = jw_test::jane_hire();
  bad["type_of_earnings"] = "monthly";
  h.create_hire(bad);
  const std::string id = h.create_jane();
  h.get("/nowhere");
  h.get("/review/" + id, std::string());

  const auto entries = h.fake.journal().entries();
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].method == "GET");
  CHECK(entries[0].path == "/internal/v1/members");
  CHECK(entries[0].query == "permission=manage_employees");
  CHECK(entries[0].status == 200);
  CHECK(entries[1].status == 422);
  CHECK(entries[1].note == "invalid_value type_of_earnings");
  CHECK(entries[2].status == 201);
  CHECK(entries[2].note == "created " + id);
  CHECK(entries[3].status == 404);
  CHECK(entries[3].note == "not_found");
  CHECK(entries[4].path == "/review/" + id);
  CHECK(entries[4].time_ms == sim::VirtualClock::kStartMs);
  CHECK(h.fake.journal().count_matching("POST /internal/v1/pending_hires") == 2);
}

TEST_CASE("oversized and unauthorized requests are journaled too") {
  Harness h;
  h.call("POST", "/internal/v1/emails", std::string((1 << 20) + 1, ' '),
         {{"Idempotency-Key", "k"}});
  h.call("GET", "/v1/company", "", {}, std::string("jw_wrong"));
  const auto entries = h.fake.journal().entries();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].status == 413);
  CHECK(entries[0].note == "payload_too_large");
  CHECK(entries[1].status == 401);
  CHECK(entries[1].note == "unauthorized");
}

TEST_CASE("no issued token ever appears in the journal or in an answer") {
  Harness h;
  // A careless client puts a token where it does not belong.
  Reply in_query = h.get("/internal/v1/members?email=" + h.acme_token);
  Reply in_path = h.get("/internal/v1/pending_hires/" + h.globex_token);
  h.call("GET", "/v1/company", "", {}, h.acme_token + "x");
  const std::string journal = h.fake.journal().to_json().dump();
  for (const auto& secret : h.fake.issued_secrets()) {
    CHECK(journal.find(secret) == std::string::npos);
    CHECK(in_query.text.find(secret) == std::string::npos);
    CHECK(in_path.text.find(secret) == std::string::npos);
  }
  CHECK(h.fake.issued_secrets().size() == 2);
}

TEST_CASE("the same seed and the same calls give the same tokens, ids and answers") {
  auto run = [](uint64_t seed) {
    Harness h(seed);
    std::vector<std::string> out = {h.acme_token, h.globex_token};
    const std::string id = h.create_jane();
    Reply invited = h.action(id, "invite");
    Reply mail = h.call("POST", "/internal/v1/emails",
                        json{{"to", "dana@acme.example"},
                             {"subject", "s"},
                             {"text", "t"},
                             {"link", "http://x.example"}}
                            .dump(),
                        {{"Idempotency-Key", "m"}});
    json hire = invited.body["pending_hire"];
    hire.erase("review_url");  // holds the OS-chosen port
    out.push_back(hire.dump());
    out.push_back(invited.body["member"].dump());
    out.push_back(mail.text);
    return out;
  };
  CHECK(run(42) == run(42));
  CHECK(run(42)[0] != run(43)[0]);
}

TEST_CASE(
    "with bodies kept, a request and its answer are journaled with their bodies, tokens masked") {
  Harness h;
  h.fake.keep_bodies_in_journal(true);
  const std::string id = h.create_jane();
  // A careless client pastes its token into a body.
  h.call("POST", "/internal/v1/emails", json{{"to", h.acme_token}}.dump(),
         {{"Idempotency-Key", "k"}});
  const auto entries = h.fake.journal().entries();
  REQUIRE(entries.size() == 2);
  CHECK(json::parse(entries[0].request_body)["first_name"] == "Jane");
  CHECK(json::parse(entries[0].response_body)["id"] == id);
  CHECK(entries[1].request_body.find("[redacted]") != std::string::npos);
  const std::string journal = h.fake.journal().to_json().dump();
  for (const auto& secret : h.fake.issued_secrets())
    CHECK(journal.find(secret) == std::string::npos);
}
