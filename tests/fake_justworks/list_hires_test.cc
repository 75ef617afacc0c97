// Contract tests: listing and reading pending hires.
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
    Reply reply = h.get("/v1/pending_hires" + query);
    REQUIRE(reply.status == 200);
    std::vector<std::string> out;
    for (const auto& item : reply.body["items"]) out.push_back(item["id"].get<std::string>());
    return out;
  }
};

}  // namespace

TEST_CASE("GET /v1/pending_hires lists every record, any status, oldest first") {
  ThreeHires t;
  CHECK(t.ids("") == std::vector<std::string>{t.jane, t.omar, t.kai});
}

TEST_CASE("GET /v1/pending_hires filters by status, opportunity and contact") {
  ThreeHires t;
  CHECK(t.ids("?status=pending") == std::vector<std::string>{t.jane});
  CHECK(t.ids("?status=invited") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?status=dismissed") == std::vector<std::string>{t.kai});
  CHECK(t.ids("?lever_opportunity_id=opp-omar") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?lever_contact_id=c-jane") == std::vector<std::string>{t.jane, t.kai});
  CHECK(t.ids("?lever_contact_id=c-jane&status=pending") == std::vector<std::string>{t.jane});
  CHECK(t.ids("?lever_opportunity_id=opp-none").empty());
}

TEST_CASE("GET /v1/pending_hires filters by home email, ignoring case (HIRE-5)") {
  ThreeHires t;
  CHECK(t.ids("?home_email=omar@example.com") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?home_email=OMAR%40Example.COM") == std::vector<std::string>{t.omar});
  CHECK(t.ids("?home_email=kai@example.com&status=pending").empty());
  CHECK(t.ids("?home_email=nobody@example.com").empty());
}

TEST_CASE("GET /v1/pending_hires/{id} answers 404 for an unknown id") {
  Harness h;
  Reply reply = h.get("/v1/pending_hires/ph_doesnotexist");
  CHECK(reply.status == 404);
  CHECK(reply.code() == "not_found");
  CHECK(reply.field() == nullptr);
}

TEST_CASE("the answer's review_url opens that hire's review page") {
  Harness h;
  const std::string id = h.create_jane();
  const std::string url = h.get("/v1/pending_hires/" + id).body["review_url"];
  REQUIRE(url.rfind(h.fake.base_url(), 0) == 0);
  Reply page = h.get(url.substr(h.fake.base_url().size()), std::string());
  CHECK(page.status == 200);
  CHECK_THAT(page.text, Catch::Contains("Jane Doe"));
}
