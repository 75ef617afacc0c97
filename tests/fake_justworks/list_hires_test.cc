// Contract tests: listing and reading pending hires.
#include <fmt/format.h>

#include "fake_justworks/text_util.h"
#include "harness.h"

using jw_test::Harness;
using jw_test::Reply;
using nlohmann::json;

namespace {

// Three hires: Jane (pending), Omar (invited), Kai (dismissed).
struct ThreeHires {
  Harness h;
  std::string jane, omar, kai;

  ThreeHires() {
    jane = h.create_jane(json::object(), "jane");
    omar = h.create_jane({{"lever_opportunity_id", "opp-omar"},
                          {"lever_contact_id", "c-omar"},
                          {"first_name", "Omar"},
                          {"home_email", "omar@example.com"}},
                         "omar");
    kai = h.create_jane({{"lever_opportunity_id", "opp-kai"},
                         {"lever_contact_id", "c-jane"},
                         {"first_name", "Kai"},
                         {"home_email", "kai@example.com"}},
                        "kai");
    REQUIRE(h.action(omar, "invite").status == 200);
    REQUIRE(h.action(kai, "dismiss").status == 200);
  }

  std::vector<std::string> ids(const std::string& query) {
    Reply reply = h.get("/internal/v1/pending_hires" + query);
    REQUIRE(reply.status == 200);
    std::vector<std::string> out;
    for (const auto& item : reply.body["items"]) out.push_back(item["id"].get<std::string>());
    return out;
  }
};

}  // namespace

TEST_CASE("GET /internal/v1/pending_hires lists every record, any status, oldest first") {
  ThreeHires t;
  CHECK(t.ids("") == std::vector<std::string>{t.jane, t.omar, t.kai});
}

TEST_CASE("GET /internal/v1/pending_hires filters by status, opportunity and contact") {
  ThreeHires t;
  CHECK(t.ids("?status=pending") == std::vector<std::string>{t.jane});
  CHECK(t.ids("?status=invited") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?status=dismissed") == std::vector<std::string>{t.kai});
  CHECK(t.ids("?lever_opportunity_id=opp-omar") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?lever_contact_id=c-jane") == std::vector<std::string>{t.jane, t.kai});
  CHECK(t.ids("?lever_contact_id=c-jane&status=pending") == std::vector<std::string>{t.jane});
  CHECK(t.ids("?lever_opportunity_id=opp-none").empty());
}

TEST_CASE("GET /internal/v1/pending_hires filters by home email, ignoring case (HIRE-5)") {
  ThreeHires t;
  CHECK(t.ids("?home_email=omar@example.com") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?home_email=OMAR%40Example.COM") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?home_email=kai@example.com&status=pending").empty());
  CHECK(t.ids("?home_email=nobody@example.com").empty());
}

TEST_CASE("GET /internal/v1/pending_hires/{id} answers 404 for an unknown id") {
  Harness h;
  Reply reply = h.get("/internal/v1/pending_hires/ph_doesnotexist");
  CHECK(reply.status == 404);
  CHECK(reply.code() == "not_found");
  CHECK(reply.field() == nullptr);
}

TEST_CASE("the answer's review_url opens that hire's review page") {
  Harness h;
  const std::string id = h.create_jane();
  const std::string url = h.get("/internal/v1/pending_hires/" + id).body["review_url"];
  REQUIRE(url.rfind(h.fake.base_url(), 0) == 0);
  Reply page = h.get(url.substr(h.fake.base_url().size()), std::string());
  CHECK(page.status == 200);
  CHECK_THAT(page.text, Catch::Contains("Jane Doe"));
}

// The list keeps an index of ids, opportunities, contacts and home emails;
// these check it follows every write of a hire's fields and answers in
// creation order, exactly as a scan of the whole list would.

TEST_CASE("GET /internal/v1/pending_hires by home email follows a Review & Invite edit") {
  ThreeHires t;
  REQUIRE(t.h.patch(t.jane, {{"home_email", "Jane.Doe@Example.ORG"}}).status == 200);
  CHECK(t.ids("?home_email=jane@example.com").empty());
  CHECK(t.ids("?home_email=jane.doe@example.org") == std::vector<std::string>{t.jane});
  CHECK(t.ids("?home_email=JANE.DOE%40EXAMPLE.ORG") == std::vector<std::string>{t.jane});
  // The other filters still find the edited hire.
  CHECK(t.ids("?lever_contact_id=c-jane") == std::vector<std::string>{t.jane, t.kai});
  CHECK(t.ids("?lever_opportunity_id=opp-jane&home_email=jane.doe@example.org") ==
        std::vector<std::string>{t.jane});
}

TEST_CASE("GET /internal/v1/pending_hires by home email forgets an address edited to null") {
  ThreeHires t;
  REQUIRE(
      t.h.patch(t.jane, {{"home_email", nullptr}, {"work_email", "jane@acme.example"}}).status ==
      200);
  CHECK(t.ids("?home_email=jane@example.com").empty());
  CHECK(t.ids("?home_email=jane@acme.example").empty());  // work_email is not filtered on
}

TEST_CASE("GET /internal/v1/pending_hires by home email follows edits made by Invite New Member") {
  Harness h;
  const std::string id = h.create_jane();
  REQUIRE(h.action(id, "invite", "", json{{"home_email", "jdoe@example.net"}}.dump()).status ==
          200);
  CHECK(h.get("/internal/v1/pending_hires?home_email=jane@example.com").body["items"].empty());
  const json found = h.get("/internal/v1/pending_hires?home_email=JDoe@Example.net").body["items"];
  REQUIRE(found.size() == 1);
  CHECK(found[0]["id"] == id);
  CHECK(found[0]["status"] == "invited");
}

TEST_CASE("GET /internal/v1/pending_hires answers several matches oldest first, even after edits") {
  Harness h;
  auto create = [&](const std::string& name, const std::string& email) {
    return h.create_jane(
        {{"lever_opportunity_id", "opp-" + name}, {"first_name", name}, {"home_email", email}},
        name);
  };
  const std::string a = create("a", "a@example.com");
  const std::string b = create("b", "Shared@Example.com");
  const std::string c = create("c", "c@example.com");
  const std::string d = create("d", "shared@example.com");
  auto ids = [&](const std::string& query) {
    Reply reply = h.get("/internal/v1/pending_hires" + query);
    REQUIRE(reply.status == 200);
    std::vector<std::string> out;
    for (const auto& item : reply.body["items"]) out.push_back(item["id"].get<std::string>());
    return out;
  };
  CHECK(ids("?lever_contact_id=c-jane") == std::vector<std::string>{a, b, c, d});
  CHECK(ids("?home_email=shared@example.com") == std::vector<std::string>{b, d});
  // Hires older and newer than b take the address: they join in creation
  // order, not in the order of the edits.
  REQUIRE(h.patch(c, {{"home_email", "SHARED@example.com"}}).status == 200);
  REQUIRE(h.patch(a, {{"home_email", "shared@EXAMPLE.com"}}).status == 200);
  CHECK(ids("?home_email=shared@example.com") == std::vector<std::string>{a, b, c, d});
  // And leave it again without disturbing the others.
  REQUIRE(h.patch(b, {{"home_email", "b@example.com"}}).status == 200);
  CHECK(ids("?home_email=shared@example.com") == std::vector<std::string>{a, c, d});
  CHECK(ids("?home_email=b@example.com") == std::vector<std::string>{b});
  CHECK(ids("?home_email=shared@example.com&lever_opportunity_id=opp-c") ==
        std::vector<std::string>{c});
  CHECK(ids("?home_email=shared@example.com&lever_contact_id=c-other").empty());
}

TEST_CASE("every filtered list is the full list filtered by hand, record for record") {
  ThreeHires t;
  const std::string lee = t.h.create_jane({{"lever_opportunity_id", "opp-lee"},
                                           {"lever_contact_id", "c-omar"},
                                           {"first_name", "Lee"},
                                           {"home_email", "Omar@Example.com"}},
                                          "lee");
  REQUIRE(t.h.patch(t.jane, {{"home_email", "KAI@example.com"}}).status == 200);
  const json all = t.h.hires();
  REQUIRE(all.size() == 4);
  const std::vector<std::pair<std::string, std::string>> filters = {
      {"lever_opportunity_id", "opp-jane"}, {"lever_opportunity_id", "opp-lee"},
      {"lever_contact_id", "c-jane"},       {"lever_contact_id", "c-omar"},
      {"home_email", "kai@example.com"},    {"home_email", "omar@example.com"},
      {"home_email", "jane@example.com"},   {"status", "pending"}};
  for (const auto& [first_key, first_value] : filters) {
    for (const auto& [second_key, second_value] : filters) {
      if (first_key == second_key && first_value != second_value) continue;
      const std::string query =
          first_key == second_key
              ? fmt::format("?{}={}", first_key, first_value)
              : fmt::format("?{}={}&{}={}", first_key, first_value, second_key, second_value);
      CAPTURE(query);
      auto keeps = [](const json& hire, const std::string& key, const std::string& value) {
        const json& field = hire[key];
        if (!field.is_string()) return false;
        const std::string text = field.get<std::string>();
        if (key != "home_email") return text == value;
        return sim::justworks::iequals(text, value);
      };
      json expected = json::array();
      for (const auto& hire : all) {
        if (keeps(hire, first_key, first_value) && keeps(hire, second_key, second_value)) {
          expected.push_back(hire);
        }
      }
      Reply reply = t.h.get("/internal/v1/pending_hires" + query);
      REQUIRE(reply.status == 200);
      CHECK(reply.body["items"] == expected);
    }
  }
  CHECK(t.ids("?lever_contact_id=c-omar") == std::vector<std::string>{t.omar, lee});
}
