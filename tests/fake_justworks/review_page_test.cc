// Contract tests: the review page an email links to, its Review & Invite
// form, and Manage › Employees.
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

namespace {

Reply page(Harness& h, const std::string& target) { return h.get(target, std::string()); }

Reply submit(Harness& h, const std::string& id, const std::string& form) {
  return h.call("POST", "/review/" + id, form,
                {{"Content-Type", "application/x-www-form-urlencoded"}}, std::string());
}

}  // namespace

TEST_CASE("the review page shows the synced values, notes, flags and the invite form") {
  Harness h;
  const std::string id = h.create_jane(
      {{"flags", {"possible_duplicate"}},
       {"notes", {{{"field", "office"}, {"reason", "Lever office 'Berlin' is unknown"}}}}});
  Reply reply = page(h, "/review/" + id);
  REQUIRE(reply.status == 200);
  CHECK_THAT(reply.headers["content-type"], Catch::StartsWith("text/html"));
  for (const char* text : {"Jane Doe", "Staff Engineer", "jane@example.com", "2027-01-04", "185000",
                           "Possible duplicate", "Lever office &#39;Berlin&#39; is unknown",
                           "Invite New Member", "Acting as", "Dana Ng (dana@acme.example)"}) {
    CAPTURE(text);
    CHECK_THAT(reply.text, Catch::Contains(text));
  }
  // Marcus lacks manage_employees: he is no choice for who acts.
  const std::string actors = reply.text.substr(reply.text.find("name=\"as\""));
  CHECK_THAT(actors, Catch::Contains("priya@acme.example"));
  CHECK_THAT(actors, !Catch::Contains("marcus@acme.example"));
}

TEST_CASE("the review page escapes HTML in every synced value") {
  Harness h;
  const std::string id = h.create_jane(
      {{"first_name", "<script>alert(1)</script>"},
       {"last_name", "O'Brien & \"Sons\""},
       {"title", "<b>Boss</b>"},
       {"notes", {{{"field", "title"}, {"reason", "<img src=x onerror=alert(2)>"}}}}});
  Reply reply = page(h, "/review/" + id);
  REQUIRE(reply.status == 200);
  CHECK_THAT(reply.text, !Catch::Contains("<script>alert"));
  CHECK_THAT(reply.text, !Catch::Contains("<b>Boss"));
  CHECK_THAT(reply.text, !Catch::Contains("<img"));
  CHECK_THAT(reply.text, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(reply.text, Catch::Contains("O&#39;Brien &amp; &quot;Sons&quot;"));
}

TEST_CASE("the review page of an unknown id answers a 404 page") {
  Harness h;
  Reply reply = page(h, "/review/ph_nope");
  CHECK(reply.status == 404);
  CHECK_THAT(reply.text, Catch::Contains("Not found"));
}

TEST_CASE("the form's Save changes edits the hire and redirects to the page") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = submit(h, id,
                       "action=save&as=priya%40acme.example&title=Lead+Engineer&office=Remote"
                       "&manager=dana%40acme.example&compensation_amount=190000.50");
  CHECK(reply.status == 303);
  CHECK(reply.headers["location"] == "/review/" + id + "?done=saved");
  const json hire = h.get("/internal/v1/pending_hires/" + id).body;
  CHECK(hire["title"] == "Lead Engineer");
  CHECK(hire["office"] == "Remote");
  CHECK(hire["manager"] == json{{"name", "Dana Ng"}, {"email", "dana@acme.example"}});
  CHECK(hire["compensation_amount"] == 190000.5);
  CHECK_THAT(page(h, "/review/" + id + "?done=saved").text, Catch::Contains("Changes saved."));
}

TEST_CASE("the form's Invite New Member invites; the page then shows the result") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = submit(h, id, "action=invite&as=dana%40acme.example&first_name=Jane&work_email=");
  REQUIRE(reply.status == 303);
  CHECK(h.get("/internal/v1/pending_hires/" + id).body["status"] == "invited");
  Reply after = page(h, "/review/" + id + "?done=invited");
  CHECK_THAT(after.text, Catch::Contains("Invited"));
  CHECK_THAT(after.text, !Catch::Contains("<form"));
}

TEST_CASE("a refused form shows the reason, keeps what was typed, and changes nothing") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = submit(h, id, "action=invite&as=dana%40acme.example&title=Typed+Title&start_date=");
  CHECK(reply.status == 422);
  CHECK_THAT(reply.text, Catch::Contains("Invite New Member needs start_date"));
  CHECK_THAT(reply.text, Catch::Contains("value=\"Typed Title\""));
  const json hire = h.get("/internal/v1/pending_hires/" + id).body;
  CHECK(hire["status"] == "pending");
  CHECK(hire["title"] == "Staff Engineer");
  CHECK(hire["start_date"] == "2027-01-04");
}

TEST_CASE("the form refuses an actor without manage_employees") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = submit(h, id, "action=dismiss&as=marcus%40acme.example");
  CHECK(reply.status == 403);
  CHECK(h.get("/internal/v1/pending_hires/" + id).body["status"] == "pending");
}

TEST_CASE("the form refuses unknown fields, actions and amounts") {
  auto [form, status] = GENERATE(table<std::string, int>({
      {"action=save&salary=1", 400},
      {"action=delete", 400},
      {"action=save&compensation_amount=lots", 422},
      {"action=save&manager=ghost%40acme.example", 422},
  }));
  CAPTURE(form);
  Harness h;
  const std::string id = h.create_jane();
  CHECK(submit(h, id, form).status == status);
}

TEST_CASE("Manage › Employees shows the pending count and links each review") {
  Harness h;
  const std::string id = h.create_jane();
  Reply reply = page(h, "/employees?company=acme");
  REQUIRE(reply.status == 200);
  CHECK_THAT(reply.text, Catch::Contains("1 pending hire<"));
  CHECK_THAT(reply.text, Catch::Contains("href=\"/review/" + id + "\""));
  CHECK(page(h, "/employees?company=nope").status == 404);
}
