// Lever's defaults for what a world leaves out (see world.h): the built-in
// pipeline stages and archive reasons, and per-object field defaults. Only
// the fields the recorded sandbox sample shows are added, so a world pasted
// from real responses is served back exactly as given.
#include <algorithm>

#include <fmt/format.h>

#include "fake_lever/world.h"

namespace sim::lever {

std::string random_uuid(hiresync::Random& random) {
  const uint64_t a = random.next_u64(), b = random.next_u64();
  // The version-4 UUID layout, so ids look like Lever's.
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     0x8000 | ((b >> 48) & 0x3fff), b & 0xffffffffffffULL);
}

namespace {

// Adds `key` only when the object lacks it.
void fill(json& obj, const char* key, json value) {
  if (!obj.contains(key)) obj[key] = std::move(value);
}

json first_or_null(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array() || it->empty()) return nullptr;
  return it->front();
}

}  // namespace

json stub_for_missing(const std::string& collection, const std::string& id) {
  if (collection == "users") return json{{"id", id}, {"name", ""}, {"email", ""}};
  return json{{"id", id}, {"text", ""}, {"state", "internal"}};
}

// Lever's default ids: the sandbox shows slugs for the built-in lead-new
// (index 0), applicant-new (3) and offer (7) stages and UUIDs for the rest,
// and archive reasons are UUIDs, the Hired one included (Nango's recorded
// mock). Fixed UUIDs rather than drawn ones: every world gets the same, and
// the seeded ids of everything else stay put.
void add_default_stages(Collection& stages) {
  static const std::pair<const char*, const char*> kStages[] = {
      {"lead-new", "New lead"},
      {"72e63ac7-a953-4322-9f70-d5dc2e675fc7", "Reached out"},
      {"f3b08f69-32ac-4b62-bd4f-a08455a5b465", "Responded"},
      {"applicant-new", "New applicant"},
      {"2ed764b2-7e79-4e8b-a0d0-e9b47d50e092", "Recruiter screen"},
      {"e3089c7a-7555-4000-8ba4-17007ad25f92", "Phone interview"},
      {"e6342c1c-40f9-4904-b234-c93c43b84218", "On-site interview"},
      {"offer", "Offer"}};
  for (const auto& [id, text] : kStages) stages.add(json{{"id", id}, {"text", text}});
}

// The id of Lever's default "Hired" archive reason in every fake account.
const char* const kDefaultHiredReasonId = "85a8bb9b-530e-40cb-9e35-3f29b11f0de6";

void add_default_archive_reasons(Collection& reasons) {
  static const std::pair<const char*, const char*> kNonHired[] = {
      {"2ca106ed-c984-4faa-832f-9525acc10a6c", "Underqualified"},
      {"cfa2f9f4-f1ab-4893-b796-ef6eddae9b60", "Unresponsive"},
      {"3341fde7-3cc6-4842-ab45-6d913c0bfc13", "Timing"},
      {"81fb5892-9356-4c2e-9d93-bf78bc1d8977", "Withdrew"},
      {"e44a6fc9-ad77-45ad-8f7d-d28333adb83c", "Offer declined"},
      {"7e60df30-d5f6-4954-818f-d63fdf8d53b0", "Position closed"},
      {"43d6c44a-4c87-436a-b75e-cfb53752145c", "Went with another candidate"},
      {"67c7eeb2-f9c6-445a-97be-0cbf01b4a96c", "Overqualified"}};
  reasons.add(json{
      {"id", kDefaultHiredReasonId}, {"text", "Hired"}, {"status", "active"}, {"type", "hired"}});
  for (const auto& [id, text] : kNonHired) {
    reasons.add(json{{"id", id}, {"text", text}, {"status", "active"}, {"type", "non-hired"}});
  }
}

void fill_user(json& user, const DefaultsContext& ctx) {
  const std::string email = user.value("email", "");
  fill(user, "username", email.substr(0, email.find('@')));
  fill(user, "accessRole", "interviewer");  // Lever's default for a new user
  fill(user, "photo", nullptr);
  fill(user, "createdAt", ctx.now_ms);
  fill(user, "deactivatedAt", nullptr);
  fill(user, "externalDirectoryId", nullptr);
  fill(user, "linkedContactIds", nullptr);
  fill(user, "jobTitle", nullptr);
  fill(user, "managerId", nullptr);
}

void fill_posting(json& posting, const DefaultsContext& ctx) {
  const std::string id = posting["id"].get<std::string>();
  fill(posting, "createdAt", ctx.now_ms);
  fill(posting, "updatedAt", posting["createdAt"]);
  fill(posting, "state", "published");
  const bool listed = posting["state"] == "published";
  fill(posting, "distributionChannels",
       listed ? json::array({"public", "internal"}) : json::array({"internal"}));
  fill(posting, "confidentiality", "non-confidential");
  fill(posting, "user", nullptr);
  fill(posting, "owner", nullptr);
  fill(posting, "hiringManager", nullptr);
  fill(posting, "categories",
       json{{"team", nullptr},
            {"department", nullptr},
            {"location", nullptr},
            {"commitment", nullptr},
            {"level", nullptr},
            {"allLocations", json::array()}});
  fill(posting, "tags", json::array());
  fill(posting, "content",
       json{{"description", ""},
            {"descriptionHtml", ""},
            {"lists", json::array()},
            {"closing", ""},
            {"closingHtml", ""}});
  fill(posting, "country", nullptr);
  fill(posting, "followers", json::array());
  fill(posting, "requisitionCodes", json::array());
  // No salaryDescription / salaryDescriptionHtml / salaryRange: a posting
  // without pay data has none of them (Nango's recorded posting).
  const std::string show = fmt::format("https://jobs.lever.co/{}/{}", ctx.account_id, id);
  fill(posting, "urls",
       json{{"list", fmt::format("https://jobs.lever.co/{}", ctx.account_id)},
            {"show", show},
            {"apply", show + "/apply"}});
  fill(posting, "workplaceType", "unspecified");
}

void fill_opportunity(json& opp, const json* posting, const Account& account,
                      const DefaultsContext& ctx) {
  const std::string id = opp["id"].get<std::string>();
  fill(opp, "headline", "");
  fill(opp, "location", "");
  if (!opp.contains("contact")) opp["contact"] = random_uuid(ctx.random);
  for (const char* list :
       {"emails", "phones", "links", "tags", "sources", "followers", "applications"}) {
    fill(opp, list, json::array());
  }
  fill(opp, "createdAt", ctx.now_ms);
  const json created = opp["createdAt"];
  fill(opp, "updatedAt", created);
  fill(opp, "lastInteractionAt", created);
  fill(opp, "lastAdvancedAt", created);
  fill(opp, "snoozedUntil", nullptr);
  if (!opp.contains("stage")) {
    const auto& stages = account.stages.items();
    opp["stage"] = stages.empty() ? json(nullptr) : json(stages.front().id());
  }
  fill(opp, "owner", nullptr);
  if (!opp.contains("stageChanges")) {
    json changes = json::array();
    if (opp["stage"].is_string()) {
      int index = 0;
      const auto& stages = account.stages.items();
      for (size_t i = 0; i < stages.size(); ++i) {
        if (stages[i].id() == opp["stage"]) index = static_cast<int>(i);
      }
      changes.push_back({{"toStageId", opp["stage"]},
                         {"toStageIndex", index},
                         {"updatedAt", created},
                         {"userId", opp["owner"]}});
    }
    opp["stageChanges"] = std::move(changes);
  }
  const bool confidential_job =
      posting != nullptr && posting->value("confidentiality", "") == "confidential";
  fill(opp, "confidentiality", confidential_job ? "confidential" : "non-confidential");
  fill(opp, "archived", nullptr);
  fill(opp, "origin", "sourced");
  fill(opp, "sourcedBy", nullptr);
  fill(opp, "urls",
       json{{"list", "https://hire.lever.co/candidates"},
            {"show", "https://hire.lever.co/candidates/" + id}});
  fill(opp, "isAnonymized", false);
  fill(opp, "dataProtection", nullptr);
  // Lever leaves opportunityLocation out when there is no job.
  if (posting != nullptr) {
    const json location = posting->value("categories", json::object()).value("location", json());
    if (location.is_string()) fill(opp, "opportunityLocation", location);
  }
}

void fill_application(json& app, const json& opp, const json* posting) {
  fill(app, "type", "user");
  fill(app, "candidateId", opp["id"]);  // Lever keeps the legacy candidateId = opportunityId
  fill(app, "posting", nullptr);
  fill(app, "postingOwner", posting ? posting->value("owner", json()) : json());
  fill(app, "postingHiringManager", posting ? posting->value("hiringManager", json()) : json());
  fill(app, "user", nullptr);
  fill(app, "name", opp.value("name", json()));
  fill(app, "email", first_or_null(opp, "emails"));
  fill(app, "phone", first_or_null(opp, "phones"));
  const std::string company = opp.value("headline", json()).is_string()
                                  ? opp["headline"].get<std::string>()
                                  : std::string();
  fill(app, "company", company.empty() ? json() : json(company));
  fill(app, "links", opp.value("links", json::array()));
  fill(app, "comments", nullptr);
  fill(app, "customQuestions", json::array());
  fill(app, "createdAt", opp["createdAt"]);
  fill(app, "archived", opp["archived"]);
  fill(app, "requisitionForHire", nullptr);
}

void fill_offer(json& offer, const std::string& posting_id, const DefaultsContext& ctx) {
  fill(offer, "posting", posting_id.empty() ? json() : json(posting_id));
  fill(offer, "createdAt", ctx.now_ms);
  fill(offer, "creator", nullptr);
  fill(offer, "fields", json::array());
  fill(offer, "signatures",
       json{{"candidate", {{"role", "candidate"}, {"name", nullptr}, {"email", nullptr}}}});
  fill(offer, "approved", nullptr);
  for (const char* key : {"approvedAt", "sentAt", "sentDocument", "signedDocument"}) {
    fill(offer, key, nullptr);
  }
}

void fill_simple(json& obj, ObjectKind kind, const DefaultsContext& ctx) {
  switch (kind) {
    case ObjectKind::kArchiveReason:
      fill(obj, "status", "active");
      break;
    case ObjectKind::kContact:
      fill(obj, "name", "");
      fill(obj, "headline", "");
      fill(obj, "location", nullptr);
      fill(obj, "emails", json::array());
      fill(obj, "phones", json::array());
      fill(obj, "isAnonymized", false);
      break;
    case ObjectKind::kRequisition:
      fill(obj, "confidentiality", "non-confidential");
      fill(obj, "status", "open");
      fill(obj, "createdAt", ctx.now_ms);
      break;
    default:
      break;
  }
}

void derive_contacts(Account& account) {
  for (const Stored& s : account.opportunities.items()) {
    const json& opp = s.obj();
    const std::string id = opp["contact"].get<std::string>();
    Stored* contact = account.contacts.find(id);
    if (contact == nullptr) {
      const std::string location = opp.value("location", json()).is_string()
                                       ? opp["location"].get<std::string>()
                                       : std::string();
      account.contacts.add(json{{"id", id},
                                {"name", opp["name"]},
                                {"headline", opp["headline"]},
                                {"location", location.empty() ? json() : json{{"name", location}}},
                                {"emails", opp["emails"]},
                                {"phones", opp["phones"]},
                                {"isAnonymized", opp["isAnonymized"]}});
      continue;
    }
    // One person, several opportunities: the contact holds every address.
    json& c = contact->edit();
    for (const char* list : {"emails", "phones"}) {
      for (const json& v : opp[list]) {
        if (std::find(c[list].begin(), c[list].end(), v) == c[list].end()) c[list].push_back(v);
      }
    }
  }
}

}  // namespace sim::lever
