// Contract tests: the request journal, secrets kept out of it, determinism
// (same seed, same calls, same bytes), and untrusted input never breaking
// the server.
#include "support.h"

#include "common/journal_body.h"

using namespace lever_test;

namespace {

bool mentions_any(const std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) {
    if (!s.empty() && text.find(s) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("every request is journaled with method, path, query, status and a note") {
  Harness h;
  const Tokens t = h.connect();
  h.get("/v1/opportunities/opp-jane?expand=stage", t.access);
  h.get("/v1/opportunities/opp-nope", t.access);
  h.get("/v1/stages", "bad-token");
  const auto entries = h.lever.journal().entries();
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].method == "POST");
  CHECK(entries[0].path == "/oauth/token");
  CHECK(entries[0].status == 200);
  CHECK(entries[1].path == "/v1/opportunities/opp-jane");
  CHECK(entries[1].query == "expand=stage");
  CHECK(entries[1].status == 200);
  CHECK(entries[1].time_ms == h.clock.now_ms());
  CHECK(entries[2].status == 404);
  CHECK(entries[2].note == "ResourceNotFound");
  CHECK(entries[3].status == 401);
  CHECK(entries[3].note.find("UnauthorizedError") == 0);
}

TEST_CASE("no issued secret reaches the journal or an error message") {
  Harness h;
  Receiver receiver(h);
  const Tokens t = h.connect();
  h.create_webhook(t.access, receiver.url());
  // Secrets sent where a careless client might put them: in the query.
  h.get("/v1/stages?access_token=" + t.access, t.access);
  h.send("POST", "/oauth/token?client_secret=" + kClientSecret, {}, h.refresh_form(t.refresh),
         "application/x-www-form-urlencoded");
  HttpResponse reuse = h.token_request(h.refresh_form(t.refresh));
  REQUIRE(h.lever.set_webhook_enabled("acme", "candidateHired", true, "").ok());
  REQUIRE(h.lever.verify_webhook("acme", "candidateHired", "").ok());

  const std::vector<std::string> secrets = h.lever.issued_secrets();
  CHECK(mentions_any(json(secrets).dump(), {kClientSecret, t.access, t.refresh}));
  CHECK(secrets.size() >= 6);  // client secret, code, 2 access, 2 refresh, signature token
  CHECK_FALSE(mentions_any(h.lever.journal().to_json().dump(), secrets));
  CHECK_FALSE(mentions_any(reuse.body, secrets));
  CHECK(h.lever.journal().entries()[2].query == "access_token=[redacted]");
}

TEST_CASE("the same seed and the same calls give the same bytes") {
  auto run = [](uint64_t seed) {
    Harness h(test_world(), {}, seed);
    std::vector<std::string> out;
    auto redirect = h.lever.consent(h.authorize_url(), "sam@acme.example", true);
    out.push_back(query_of(*redirect)["code"]);
    HttpResponse tokens = h.token_request(h.code_form(out.back()));
    out.push_back(tokens.body);
    const std::string access = json::parse(tokens.body)["access_token"];
    out.push_back(h.send("POST", "/v1/webhooks", access,
                         R"({"url": "http://127.0.0.1:9/hook", "event": "candidateHired"})")
                      .body);
    out.push_back(*h.lever.create_offer("acme", "opp-jane", json::object(), ""));
    out.push_back(h.get("/v1/opportunities/opp-jane/offers", access).body);
    return out;
  };
  CHECK(run(7) == run(7));
  CHECK(run(7) != run(8));
}

TEST_CASE("untrusted input gets an answer, never a crash") {
  Harness h;
  const Tokens t = h.connect();
  struct Probe {
    std::string method, target, body, content_type;
  };
  const std::vector<Probe> probes = {
      {"POST", "/v1/webhooks", "{\"url\":", "application/json"},
      {"POST", "/v1/webhooks", "\x01\x02\xff", "application/json"},
      {"POST", "/v1/webhooks", R"({"url": 5, "event": ["x"]})", "application/json"},
      {"POST", "/v1/webhooks", R"({"url": "http://", "event": "candidateHired"})",
       "application/json"},
      {"PUT", "/v1/webhooks", R"({"data": [1, null, "x"]})", "application/json"},
      {"PUT", "/v1/webhooks", R"({"data": {"id": "x"}})", "application/json"},
      {"PUT", "/v1/webhooks", "[]", "application/json"},
      {"POST", "/oauth/token", "grant_type=%zz&code=%", "application/x-www-form-urlencoded"},
      {"POST", "/oauth/token", std::string(5000, '&'), "application/x-www-form-urlencoded"},
      {"POST", "/authorize", "authorize_query=%%%&email=", "application/x-www-form-urlencoded"},
      {"GET", "/v1/opportunities?offset=%5B18446744073709551615%2C%22x%22%5D", "", ""},
      {"GET", "/v1/opportunities?offset=%5B-1%2C%22x%22%5D", "", ""},
      {"GET", "/v1/opportunities?limit=99999999999999999999", "", ""},
      {"GET", "/v1/opportunities?expand=&include=,,,", "", ""},
      {"GET", "/v1/opportunities/%00", "", ""},
      {"GET", "/v1//opportunities///", "", ""},
      {"DELETE", "/v1/webhooks/../../etc", "", ""},
      {"PATCH", "/v1/opportunities/opp-jane", "{}", "application/json"},
  };
  for (const Probe& p : probes) {
    CAPTURE(p.method, p.target, p.body);
    HttpResponse r = h.send(p.method, p.target, t.access, p.body, p.content_type);
    CHECK(r.status >= 200);
    CHECK(r.status < 500);
  }
  HttpResponse big = h.send("POST", "/v1/webhooks", t.access, std::string(2 << 20, 'x'));
  CHECK(big.status == 413);
  CHECK(h.get("/v1/stages", t.access).status == 200);  // still serving
}

TEST_CASE("with bodies kept, each request and answer is journaled with its body, secrets masked") {
  Harness h;
  h.lever.keep_bodies_in_journals(true);
  Receiver receiver(h);
  const Tokens t = h.connect();
  h.create_webhook(t.access, receiver.url());
  h.get("/v1/opportunities/opp-jane", t.access);
  REQUIRE(h.lever.set_webhook_enabled("acme", "candidateHired", true, "").ok());
  REQUIRE(h.lever.verify_webhook("acme", "candidateHired", "").ok());

  const auto entries = h.lever.journal().entries();
  REQUIRE(entries.size() == 3);
  // The token exchange: its form and its answer, each secret masked.
  CHECK(entries[0].request_body.find("grant_type=authorization_code") != std::string::npos);
  CHECK(entries[0].request_body.find("code=[redacted]") != std::string::npos);
  CHECK(entries[0].request_body.find("client_secret=[redacted]") != std::string::npos);
  const json tokens = json::parse(entries[0].response_body);
  CHECK(tokens["access_token"] == "[redacted]");
  CHECK(tokens["refresh_token"] == "[redacted]");
  CHECK(tokens["token_type"] == "Bearer");
  CHECK(json::parse(entries[1].request_body)["url"] == receiver.url());
  CHECK(entries[1].response_body.find(R"("signatureToken":"[redacted]")") != std::string::npos);
  CHECK(json::parse(entries[2].response_body)["data"]["id"] == "opp-jane");
  CHECK(entries[2].request_body.empty());  // a GET has none

  // Verify's delivery: Lever's body with its token and signature masked.
  const auto deliveries = h.lever.delivery_journal().entries();
  REQUIRE_FALSE(deliveries.empty());
  const json sent = json::parse(deliveries.back().request_body);
  CHECK(sent["token"] == "[redacted]");
  CHECK(sent["signature"] == "[redacted]");
  CHECK(deliveries.back().response_body == "{}");

  const std::string journals =
      h.lever.journal().to_json().dump() + h.lever.delivery_journal().to_json().dump();
  CHECK(journals.find("\"response_body\"") != std::string::npos);
  CHECK_FALSE(mentions_any(journals, h.lever.issued_secrets()));
}

TEST_CASE("a kept body is cut at 16 KiB, saying so, and stays valid UTF-8") {
  Harness h;
  h.lever.keep_bodies_in_journals(true);
  const Tokens t = h.connect();
  // 20,000 bytes of "é" (two bytes each) with a stray byte that is not UTF-8.
  std::string big = "\xff";
  for (int i = 0; i < 10000; ++i) big += "\xc3\xa9";
  h.send("POST", "/v1/webhooks", t.access, big, "text/plain");
  const std::string kept = h.lever.journal().entries().back().request_body;
  CHECK(kept.size() <= sim::kJournalBodyMax + 64);
  CHECK(kept.rfind("… [truncated: 20001 bytes in all]") != std::string::npos);
  CHECK(kept.rfind("\xef\xbf\xbd\xc3\xa9", 0) == 0);  // the stray byte shown as U+FFFD
  CHECK_NOTHROW(json(kept).dump());
}

TEST_CASE("without bodies kept (run, bench), the journal holds none") {
  Harness h;
  const Tokens t = h.connect();
  h.get("/v1/opportunities/opp-jane", t.access);
  for (const auto& e : h.lever.journal().entries()) {
    CHECK(e.request_body.empty());
    CHECK(e.response_body.empty());
  }
}
