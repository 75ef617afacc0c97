// The worker pipeline against scripted Lever and Justworks answers.
#include <catch2/catch.hpp>

#include "test_support.h"

namespace hiresync {
namespace {

using testing::Canned;
using testing::json_answer;
using testing::World;

void receive_hire(World& w, const std::string& opportunity = "opp-1",
                  const std::string& token = "tok-1") {
  auto reply = w.core->receive_webhook("conn-acme", w.hired(token, opportunity));
  REQUIRE(reply.status == 200);
  REQUIRE(reply.body["result"] == "queued");
}

// Runs everything due, moving the clock to each due time, like the runner's settle.
int settle(World& w, int max_rounds = 100) {
  int ran = 0;
  for (int round = 0; round < max_rounds; ++round) {
    auto due = w.core->next_due_ms();
    if (!due) break;
    if (*due > w.clock.now) w.clock.now = *due;
    ran += w.core->run_due();
  }
  return ran;
}

Canned token_answer(const std::string& access, const std::string& refresh) {
  return json_answer(200, {{"access_token", access},
                           {"refresh_token", refresh},
                           {"token_type", "Bearer"},
                           {"expires_in", 3600}});
}

TEST_CASE("worker turns one hire into one pending hire and one email per eligible admin",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  receive_hire(w);

  CHECK(w.core->run_due() == 1);

  auto creates = w.http.matching("POST", "/internal/v1/pending_hires");
  REQUIRE(creates.size() == 1);
  CHECK(creates[0].base_url == "http://jw.test");
  CHECK(creates[0].request.headers.at("Authorization") == "Bearer jw-token-acme");
  CHECK(creates[0].request.headers.at("Idempotency-Key") == "lever-hire:acme:opp-1:1");
  auto body = nlohmann::json::parse(creates[0].request.body);
  CHECK(body["lever_opportunity_id"] == "opp-1");
  CHECK(body["first_name"] == "Jane");

  // Dana and Eli hold Manage employees as admins; Fay lacks it, Gus is no admin.
  auto emails = w.http.matching("POST", "/internal/v1/emails");
  REQUIRE(emails.size() == 2);
  std::set<std::string> to, keys;
  for (const auto& e : emails) {
    auto mail = nlohmann::json::parse(e.request.body);
    to.insert(mail["to"].get<std::string>());
    keys.insert(e.request.headers.at("Idempotency-Key"));
    CHECK(mail["subject"] == "A candidate has been hired in Lever!");
    CHECK(mail["link"] == "http://jw.test/review/ph_1");
    const std::string text = mail["text"];
    CHECK(text.find("Jane Doe") != std::string::npos);
    CHECK(text.find("http://jw.test/review/ph_1") != std::string::npos);
    CHECK(text.find("185") == std::string::npos);               // no compensation
    CHECK(text.find("jane@example.com") == std::string::npos);  // no personal email
  }
  CHECK(to == std::set<std::string>{"dana@acme.example", "eli@acme.example"});
  CHECK(keys.size() == 2);

  auto entry = w.sync_entry("opp-1");
  CHECK(entry["state"] == "done");
  CHECK(entry["pending_hire_id"] == "ph_1");
  CHECK(entry["emails_sent"] == 2);
  CHECK(w.log.all().find("hire opp-1: pending hire ph_1 created, 2 email(s) sent") !=
        std::string::npos);
  w.require_no_secret_leaked();
}

TEST_CASE("worker reads the hire from Lever with the stored bearer token and no file endpoint",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  receive_hire(w);
  w.core->run_due();

  auto opportunity = w.http.matching("GET", "/v1/opportunities/opp-1");
  REQUIRE(opportunity.size() == 1);
  CHECK(opportunity[0].base_url == "http://api.lever.test");
  CHECK(opportunity[0].request.target == "/v1/opportunities/opp-1?expand=applications");
  CHECK(opportunity[0].request.headers.at("Authorization") == "Bearer access-1");
  CHECK(w.http.count("GET", "/v1/postings/post-eng") == 1);
  CHECK(w.http.count("GET", "/v1/users/u-priya") == 1);
  for (const auto& s : w.http.sent) {
    CAPTURE(s.request.target);
    CHECK(s.request.target.find("resume") == std::string::npos);
    CHECK(s.request.target.find("file") == std::string::npos);
    CHECK(s.request.target.find("download") == std::string::npos);
  }
}

TEST_CASE("worker sends no email when no admin holds Manage employees, and says so", "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/internal/v1/members", json_answer(200, {{"items", nlohmann::json::array()}}));
  testing::script_happy_hire(w.http);
  receive_hire(w);
  w.core->run_due();
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 1);
  CHECK(w.http.count("POST", "/internal/v1/emails") == 0);
  auto entry = w.sync_entry("opp-1");
  CHECK(entry["state"] == "done");
  CHECK(entry["emails_sent"] == 0);
  CHECK(entry["reason"].get<std::string>().find("Manage employees") != std::string::npos);
}

TEST_CASE("worker creates nothing when the opportunity's pending hire is still pending",
          "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/internal/v1/pending_hires",
            json_answer(200, {{"items",
                               {{{"id", "ph_old"},
                                 {"status", "pending"},
                                 {"lever_opportunity_id", "opp-1"},
                                 {"lever_contact_id", "c-opp-1"}}}}}));
  testing::script_happy_hire(w.http);
  receive_hire(w);
  w.core->run_due();
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 0);
  CHECK(w.http.count("POST", "/internal/v1/emails") == 0);
  auto entry = w.sync_entry("opp-1");
  CHECK(entry["state"] == "done");
  CHECK(entry["pending_hire_id"] == "ph_old");
}

TEST_CASE("worker waits Retry-After on a Lever 429 without counting an attempt", "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/opportunities/opp-1",
            Canned{429, R"({"code":"TooManyRequests"})", {{"retry-after", "7"}}}, 1);
  testing::script_happy_hire(w.http);
  receive_hire(w);
  const int64_t start = w.clock.now;

  CHECK(w.core->run_due() == 1);
  CHECK(w.core->next_due_ms() == std::optional<int64_t>(start + 7000));
  auto entry = w.sync_entry("opp-1");
  CHECK(entry["state"] == "queued");
  CHECK(entry["attempts"] == 0);
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 0);

  w.clock.now = start + 7000;
  CHECK(w.core->run_due() == 1);
  CHECK(w.sync_entry("opp-1")["state"] == "done");
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 1);
}

TEST_CASE("worker waits for X-RateLimit-Reset when a Lever 429 has no Retry-After", "[worker]") {
  // Lever documents no rate-limit header; with only X-RateLimit-* the reset
  // is an epoch second (a small number would be seconds from now).
  World w;
  w.connect();
  const int64_t start = w.clock.now;
  const int64_t reset_s = (start + 12'500 + 999) / 1000;
  const std::string header = GENERATE_COPY(std::to_string(reset_s), std::string("13"));
  CAPTURE(header);
  w.http.on("GET", "/v1/opportunities/opp-1",
            Canned{429,
                   R"({"code":"TooManyRequestsError"})",
                   {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", header}}},
            1);
  testing::script_happy_hire(w.http);
  receive_hire(w);
  CHECK(w.core->run_due() == 1);
  const int64_t expected = header == "13" ? start + 13'000 : reset_s * 1000;
  CHECK(w.core->next_due_ms() == std::optional<int64_t>(expected));
  CHECK(w.sync_entry("opp-1")["attempts"] == 0);
  w.clock.now = expected;
  CHECK(w.core->run_due() == 1);
  CHECK(w.sync_entry("opp-1")["state"] == "done");
}

TEST_CASE("worker backs off 1 s on a Lever 429 that says nothing", "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/opportunities/opp-1", Canned{429, R"({"code":"TooManyRequestsError"})"}, 1);
  testing::script_happy_hire(w.http);
  receive_hire(w);
  const int64_t start = w.clock.now;
  CHECK(w.core->run_due() == 1);
  CHECK(w.core->next_due_ms() == std::optional<int64_t>(start + 1000));
  CHECK(w.sync_entry("opp-1")["attempts"] == 0);
}

TEST_CASE("worker refreshes once on a 401, stores the rotated refresh token, and succeeds",
          "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/opportunities/opp-1", Canned{401, R"({"code":"UnauthorizedError"})"}, 1);
  w.http.on("POST", "/oauth/token", token_answer("access-2", "refresh-2"));
  testing::script_happy_hire(w.http);
  receive_hire(w);

  w.core->run_due();

  auto refreshes = w.http.matching("POST", "/oauth/token");
  REQUIRE(refreshes.size() == 1);
  CHECK(refreshes[0].base_url == "http://auth.lever.test");
  const std::string form = refreshes[0].request.body;
  CHECK(form.find("grant_type=refresh_token") != std::string::npos);
  CHECK(form.find("refresh_token=refresh-1") != std::string::npos);
  CHECK(refreshes[0].request.headers.at("Content-Type") == "application/x-www-form-urlencoded");
  auto retried = w.http.matching("GET", "/v1/opportunities/opp-1");
  REQUIRE(retried.size() == 2);
  CHECK(retried[1].request.headers.at("Authorization") == "Bearer access-2");
  CHECK(w.connection()->refresh_token == "refresh-2");
  CHECK(w.connection()->access_token == "access-2");
  CHECK(w.sync_entry("opp-1")["state"] == "done");
  w.require_no_secret_leaked();
}

TEST_CASE("worker refreshes ahead of time when the token expires within 5 minutes", "[worker]") {
  World w;
  w.connect();
  w.clock.now += 3600 * 1000 - 4 * 60 * 1000;  // 4 minutes left
  w.http.on("POST", "/oauth/token", token_answer("access-2", "refresh-2"));
  testing::script_happy_hire(w.http);
  receive_hire(w);
  w.core->run_due();
  CHECK(w.http.count("POST", "/oauth/token") == 1);
  CHECK(w.http.matching("GET", "/v1/opportunities/opp-1")[0].request.headers.at("Authorization") ==
        "Bearer access-2");
  CHECK(w.sync_entry("opp-1")["state"] == "done");
}

TEST_CASE("worker disconnects on invalid_grant, fails the hire, and stops calling", "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/opportunities/*", Canned{401, R"({"code":"UnauthorizedError"})"});
  w.http.on("POST", "/oauth/token",
            json_answer(403, {{"error", "invalid_grant"},
                              {"error_description", "Unknown or invalid refresh token."}}));
  testing::script_happy_hire(w.http);
  receive_hire(w, "opp-1", "tok-1");
  receive_hire(w, "opp-2", "tok-2");
  receive_hire(w, "opp-3", "tok-3");

  settle(w);

  // One 401, one refused refresh; the other hires fail without a call.
  CHECK(w.http.count("GET", "/v1/opportunities/*") == 1);
  CHECK(w.http.count("POST", "/oauth/token") == 1);
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 0);
  auto status = w.status();
  CHECK(status["status"] == "disconnected");
  CHECK(status["last_error"].get<std::string>().find("revoked") != std::string::npos);
  for (const char* opp : {"opp-1", "opp-2", "opp-3"}) {
    CAPTURE(opp);
    CHECK(w.sync_entry(opp)["state"] == "failed");
  }
  CHECK(w.sync_entry("opp-1")["reason"].get<std::string>().find("invalid_grant") !=
        std::string::npos);
  CHECK_FALSE(w.core->next_due_ms().has_value());
  CHECK(w.connection()->refresh_token.empty());

  // Later deliveries are verified and ignored, with no call (REVOKE-3).
  const size_t calls = w.http.sent.size();
  auto later = w.core->receive_webhook("conn-acme", w.hired("tok-4", "opp-4"));
  CHECK(later.body["result"] == "ignored");
  settle(w);
  CHECK(w.http.sent.size() == calls);
  w.require_no_secret_leaked();
}

TEST_CASE("worker backs off on Justworks 5xx and fails after the last attempt", "[worker]") {
  World w;
  w.connect();
  w.http.on("POST", "/internal/v1/pending_hires",
            Canned{503, R"({"error":{"code":"unavailable"}})"});
  testing::script_happy_hire(w.http);
  receive_hire(w);
  const int64_t start = w.clock.now;

  settle(w);

  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 8);
  auto entry = w.sync_entry("opp-1");
  CHECK(entry["state"] == "failed");
  CHECK(entry["attempts"] == 8);
  CHECK(entry["reason"].get<std::string>().find("503") != std::string::npos);
  CHECK(w.clock.now - start >= (1 + 2 + 4 + 8 + 16 + 32 + 64) * 1000);
  // Every try sent the same key.
  std::set<std::string> keys;
  for (const auto& s : w.http.matching("POST", "/internal/v1/pending_hires")) {
    keys.insert(s.request.headers.at("Idempotency-Key"));
  }
  CHECK(keys.size() == 1);
}

TEST_CASE("worker retry requeues a failed hire, which then completes", "[worker]") {
  World w;
  w.connect();
  w.http.on("POST", "/internal/v1/pending_hires", Canned{503, "{}"}, 8);
  testing::script_happy_hire(w.http);
  receive_hire(w);
  settle(w);
  REQUIRE(w.sync_entry("opp-1")["state"] == "failed");

  auto reply = w.core->retry(w.sign_in("dana@acme.example"), std::nullopt);
  CHECK(reply.status == 200);
  CHECK(reply.body["requeued"] == 1);
  settle(w);
  CHECK(w.sync_entry("opp-1")["state"] == "done");
  CHECK(w.http.count("POST", "/internal/v1/emails") == 2);
}

TEST_CASE("worker retries a lost Justworks answer with the same idempotency key", "[worker]") {
  World w;
  w.connect();
  w.http.on("POST", "/internal/v1/pending_hires", Canned{0, "", {}, /*transport_error=*/true}, 1);
  testing::script_happy_hire(w.http);
  receive_hire(w);
  settle(w);
  auto creates = w.http.matching("POST", "/internal/v1/pending_hires");
  REQUIRE(creates.size() == 2);
  CHECK(creates[0].request.headers.at("Idempotency-Key") ==
        creates[1].request.headers.at("Idempotency-Key"));
  CHECK(creates[0].request.body == creates[1].request.body);
  CHECK(w.sync_entry("opp-1")["state"] == "done");
}

TEST_CASE("worker resumes after a crash between create and record without a second create",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  receive_hire(w);
  w.core->set_fault_hook([](std::string_view point) { return point == "after_create"; });
  w.core->run_due();
  REQUIRE(w.core->crashed());
  CHECK(w.core->status("acme").status == 503);

  w.restart();
  settle(w);
  auto creates = w.http.matching("POST", "/internal/v1/pending_hires");
  REQUIRE(creates.size() == 2);  // the same request again: Justworks answers with the first record
  CHECK(creates[0].request.headers.at("Idempotency-Key") ==
        creates[1].request.headers.at("Idempotency-Key"));
  CHECK(creates[0].request.body == creates[1].request.body);
  CHECK(w.http.count("GET", "/v1/opportunities/opp-1") == 1);  // not fetched again
  CHECK(w.http.count("POST", "/internal/v1/emails") == 2);
  CHECK(w.sync_entry("opp-1")["state"] == "done");
}

TEST_CASE("a core stopped at a crash point writes, sends and logs nothing more", "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  receive_hire(w);
  w.core->set_fault_hook([](std::string_view point) { return point == "after_create"; });
  const size_t calls_before = w.http.sent.size();
  w.core->run_due();
  REQUIRE(w.core->crashed());
  // The run ended through its error path (a failed attempt), yet the stored
  // hire is as the process left it before the create: nothing was recorded.
  auto stored = w.store->hire("acme", "opp-1");
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK((*stored)->state == HireState::kRunning);
  CHECK((*stored)->attempts == 0);
  CHECK((*stored)->pending_hire_id.empty());
  CAPTURE(w.log.all());
  REQUIRE_FALSE(w.log.lines.empty());
  CHECK(w.log.lines.back() == "core: stopped at crash point after_create");
  const size_t calls_after = w.http.sent.size();
  CHECK(w.core->run_due() == 0);
  CHECK(w.core->retry(w.sign_in("dana@acme.example"), std::nullopt).status == 503);
  CHECK(w.http.sent.size() == calls_after);
  CHECK(calls_after > calls_before);
}

TEST_CASE("worker resumes after a crash before an email, resending only under the same key",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  receive_hire(w);
  int emails_allowed = 1;
  w.core->set_fault_hook(
      [&](std::string_view point) { return point == "before_email" && emails_allowed-- == 0; });
  w.core->run_due();
  REQUIRE(w.core->crashed());
  REQUIRE(w.http.count("POST", "/internal/v1/emails") == 1);

  w.restart();
  settle(w);
  // The email sent before the crash goes again with its key and body, which
  // Justworks answers with the email it already sent; the other goes once.
  auto emails = w.http.matching("POST", "/internal/v1/emails");
  REQUIRE(emails.size() == 3);
  CHECK(emails[1].request.headers.at("Idempotency-Key") ==
        emails[0].request.headers.at("Idempotency-Key"));
  CHECK(emails[1].request.body == emails[0].request.body);
  CHECK(emails[2].request.headers.at("Idempotency-Key") !=
        emails[0].request.headers.at("Idempotency-Key"));
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 1);
  CHECK(w.sync_entry("opp-1")["emails_sent"] == 2);
}

TEST_CASE("worker fails a hire whose opportunity Lever does not know, without retrying",
          "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/opportunities/opp-gone",
            Canned{404, R"({"code":"ResourceNotFound","message":"gone"})"});
  testing::script_happy_hire(w.http);
  receive_hire(w, "opp-gone");
  settle(w);
  auto entry = w.sync_entry("opp-gone");
  CHECK(entry["state"] == "failed");
  CHECK(entry["attempts"] == 0);
  CHECK(w.http.count("GET", "/v1/opportunities/opp-gone") == 1);
}

TEST_CASE("worker creates the pending hire without a posting when Lever hides it", "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/postings/post-eng", Canned{403, R"({"code":"ForbiddenError"})"});
  testing::script_happy_hire(w.http);
  receive_hire(w);
  w.core->run_due();
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 1);
  CHECK(w.sync_entry("opp-1")["state"] == "done");
}

TEST_CASE("worker reads a posting and a manager once per batch, and again in the next batch",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http, "opp-1");
  testing::script_happy_hire(w.http, "opp-2");
  testing::script_happy_hire(w.http, "opp-3");
  receive_hire(w, "opp-1", "tok-1");
  receive_hire(w, "opp-2", "tok-2");
  CHECK(w.core->run_due() == 2);
  CHECK(w.http.count("GET", "/v1/postings/post-eng") == 1);
  CHECK(w.http.count("GET", "/v1/users/u-priya") == 1);
  CHECK(w.http.count("POST", "/internal/v1/pending_hires") == 2);

  // A later batch is a later moment: Lever may have changed meanwhile.
  receive_hire(w, "opp-3", "tok-3");
  CHECK(w.core->run_due() == 1);
  CHECK(w.http.count("GET", "/v1/postings/post-eng") == 2);
  CHECK(w.http.count("GET", "/v1/users/u-priya") == 2);
}

TEST_CASE("worker rereads a posting whose read failed instead of remembering the failure",
          "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/postings/post-eng", Canned{500, "{}"});
  testing::script_happy_hire(w.http, "opp-1");
  testing::script_happy_hire(w.http, "opp-2");
  receive_hire(w, "opp-1", "tok-1");
  receive_hire(w, "opp-2", "tok-2");
  w.core->run_due();
  CHECK(w.http.count("GET", "/v1/postings/post-eng") == 2);
  CHECK(w.sync_entry("opp-1")["state"] == "queued");
  CHECK(w.sync_entry("opp-2")["state"] == "queued");
}

TEST_CASE("worker keeps one hire's failure from touching another's", "[worker]") {
  World w;
  w.connect();
  w.http.on("GET", "/v1/opportunities/opp-bad", Canned{500, "{}"});
  testing::script_happy_hire(w.http, "opp-good");
  receive_hire(w, "opp-bad", "tok-1");
  receive_hire(w, "opp-good", "tok-2");
  w.core->run_due();
  CHECK(w.sync_entry("opp-good")["state"] == "done");
  CHECK(w.sync_entry("opp-bad")["state"] == "queued");
  CHECK(w.sync_entry("opp-bad")["attempts"] == 1);
}

// Justworks' answer to GET /internal/v1/pending_hires holding one record.
Canned pending_list(const nlohmann::json& hire) {
  nlohmann::json body = nlohmann::json::object();
  body["items"] = nlohmann::json::array({hire});
  return json_answer(200, body);
}

nlohmann::json other_pending_hire(const std::string& id, const std::string& opportunity,
                                  const std::string& contact, const std::string& email,
                                  const std::string& status = "pending") {
  return {{"id", id},
          {"lever_opportunity_id", opportunity},
          {"lever_contact_id", contact},
          {"home_email", email},
          {"status", status}};
}

TEST_CASE("MAIL-2 the email names candidate and title and holds no pay, email or note text",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  // An hourly wage with cents and no exemption field: the pending hire has
  // compensation and a note, and neither may reach the email.
  nlohmann::json offers = testing::lever_offers();
  auto& fields = offers["data"][0]["fields"];
  for (auto& f : fields) {
    if (f["identifier"] == "salary_amount") f["value"] = 23.75;
  }
  fields.push_back(
      {{"identifier", "salary_interval"}, {"text", "Type"}, {"value", "per-hour-wage"}});
  w.http.first("GET", "/v1/opportunities/opp-1/offers", json_answer(200, offers));
  receive_hire(w);
  settle(w);

  auto creates = w.http.matching("POST", "/internal/v1/pending_hires");
  REQUIRE(creates.size() == 1);
  const auto hire = nlohmann::json::parse(creates[0].request.body);
  REQUIRE(hire["compensation_amount"] == 23.75);
  REQUIRE(!hire["notes"].empty());

  auto emails = w.http.matching("POST", "/internal/v1/emails");
  REQUIRE(emails.size() == 2);
  for (const auto& e : emails) {
    const auto mail = nlohmann::json::parse(e.request.body);
    const std::string text = mail["text"];
    CAPTURE(text);
    CHECK(mail["subject"] == "A candidate has been hired in Lever!");
    CHECK(text.find("Jane Doe") != std::string::npos);
    CHECK(text.find("Staff Engineer") != std::string::npos);
    CHECK(text.find("http://jw.test/review/ph_1") != std::string::npos);
    for (const char* pay : {"23.75", "23,75", "$", "wage", "salary"}) {
      CHECK(text.find(pay) == std::string::npos);
    }
    CHECK(text.find("jane@example.com") == std::string::npos);
    for (const auto& note : hire["notes"]) {
      CHECK(text.find(note["reason"].get<std::string>()) == std::string::npos);
      CHECK(text.find(note["field"].get<std::string>()) == std::string::npos);
    }
  }
}

TEST_CASE("HIRE-5 the worker asks Justworks for pending hires with the same home email",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  // Another Lever contact with Jane's address, in other capitals.
  w.http.first("GET", "/internal/v1/pending_hires",
               pending_list(other_pending_hire("ph_0", "opp-0", "c-other", "Jane@Example.com")));
  receive_hire(w);
  settle(w);

  bool asked_by_email = false;
  for (const auto& call : w.http.matching("GET", "/internal/v1/pending_hires")) {
    if (call.request.target.find("home_email=jane%40example.com") != std::string::npos) {
      asked_by_email = true;
    }
  }
  CHECK(asked_by_email);
  auto creates = w.http.matching("POST", "/internal/v1/pending_hires");
  REQUIRE(creates.size() == 1);
  const auto hire = nlohmann::json::parse(creates[0].request.body);
  CHECK(hire["flags"] == nlohmann::json::array({"possible_duplicate"}));
}

TEST_CASE("HIRE-5 hired again: nothing new while pending, a new pending hire once dismissed",
          "[worker]") {
  const std::string status = GENERATE("pending", "dismissed");
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  receive_hire(w, "opp-1", "tok-1");
  settle(w);
  REQUIRE(w.http.matching("POST", "/internal/v1/pending_hires").size() == 1);

  // Unhired and hired again in Lever: a new delivery with a new token.
  w.http.first(
      "GET", "/internal/v1/pending_hires",
      pending_list(other_pending_hire("ph_1", "opp-1", "c-opp-1", "jane@example.com", status)));
  receive_hire(w, "opp-1", "tok-2");
  settle(w);

  auto creates = w.http.matching("POST", "/internal/v1/pending_hires");
  auto emails = w.http.matching("POST", "/internal/v1/emails");
  CAPTURE(status);
  if (status == "pending") {
    CHECK(creates.size() == 1);
    CHECK(emails.size() == 2);
    CHECK(w.sync_entry("opp-1")["reason"].get<std::string>().find("already exists") !=
          std::string::npos);
  } else {
    REQUIRE(creates.size() == 2);
    CHECK(creates[1].request.headers.at("Idempotency-Key") == "lever-hire:acme:opp-1:2");
    CHECK(emails.size() == 4);
  }
  CHECK(w.sync_entry("opp-1")["state"] == "done");
}

TEST_CASE("HIRE-5 a rehire with fewer admins, resumed after a crash, counts only its own emails",
          "[worker]") {
  World w;
  w.connect();
  testing::script_happy_hire(w.http);
  receive_hire(w, "opp-1", "tok-1");
  settle(w);
  REQUIRE(w.sync_entry("opp-1")["emails_sent"] == 2);

  // Dismissed; Eli has left, so only Dana holds Manage employees; hired again.
  w.http.first("GET", "/internal/v1/pending_hires",
               pending_list(other_pending_hire("ph_1", "opp-1", "c-opp-1", "jane@example.com",
                                               "dismissed")));
  nlohmann::json members = testing::justworks_members();
  auto& items = members["items"];
  items.erase(
      std::remove_if(items.begin(), items.end(),
                     [](const nlohmann::json& m) { return m["email"] == "eli@acme.example"; }),
      items.end());
  w.http.first("GET", "/internal/v1/members", json_answer(200, members));
  receive_hire(w, "opp-1", "tok-2");
  w.core->set_fault_hook([](std::string_view point) { return point == "before_email"; });
  w.core->run_due();
  REQUIRE(w.core->crashed());

  w.restart();
  settle(w);
  auto emails = w.http.matching("POST", "/internal/v1/emails");
  REQUIRE(emails.size() == 3);  // two for the first pending hire, one for the second
  CHECK(nlohmann::json::parse(emails[2].request.body)["to"] == "dana@acme.example");
  CHECK(w.sync_entry("opp-1")["state"] == "done");
  CHECK(w.sync_entry("opp-1")["emails_sent"] == 1);
}

}  // namespace
}  // namespace hiresync
