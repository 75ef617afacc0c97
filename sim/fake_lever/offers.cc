// Lever's offer workflow as a user drives it: Create Offer (a draft whose
// standard fields Lever fills from the candidate and the job), approval,
// sending through Lever or outside it, "Mark offer as signed", and decline.
// Offers are read-only in Lever's API, so only these actions change them, and
// Lever sends no webhook for them.
#include <fmt/format.h>

#include "fake_lever/impl.h"

namespace sim::lever {

namespace {

// The form fields every offer has, in the order the recorded sample shows.
const std::vector<std::pair<std::string, std::string>> kStandardFields = {
    {"job_posting", "Job posting"},
    {"job_title", "Job title"},
    {"candidate_name", "Candidate name"},
    {"team", "Team"},
    {"location/office", "Office location"},
    {"salary_amount", "Offered compensation amount"},
    {"compensation_currency", "Compensation currency"},
    {"salary_interval", "Type of earnings"},
    {"hiring_manager", "Hiring manager"},
    {"direct_manager", "Direct manager"},
    {"anticipated_start_date", "Anticipated start date"},
    {"today_date", "Today's date"}};
// Known fields a form may add; present only when given.
const std::vector<std::pair<std::string, std::string>> kOptionalFields = {
    {"requisition", "Requisition"},
    {"offered_equity", "Offered equity"},
    {"offer_expiration_date", "Offer expiration date"},
    {"company_signature_1", "Company signature 1"},
    {"company_signature_2", "Company signature 2"},
    {"company_signature_3", "Company signature 3"},
    {"candidate_signature", "Candidate signature"}};
const std::vector<std::string> kIntervals = {"per-hour-wage", "per-day-wage", "per-week-salary",
                                             "per-month-salary", "per-year-salary"};

std::string standard_text(const std::string& identifier) {
  for (const auto* list : {&kStandardFields, &kOptionalFields}) {
    for (const auto& [id, text] : *list) {
      if (id == identifier) return text;
    }
  }
  return {};
}

// "custom_member_type" → "Member type".
std::string text_from_identifier(const std::string& identifier) {
  std::string text = identifier.substr(7);
  for (char& c : text) c = c == '_' ? ' ' : c;
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

Result<json> user_id(const Account& account, const json& value, const std::string& name) {
  if (value.is_null()) return value;
  if (value.is_string()) {
    const std::string v = value.get<std::string>();
    if (account.users.find(v) != nullptr) return value;
    for (const Stored& u : account.users.items()) {
      if (field(u.obj(), "email").is_string() && iequals(u.obj()["email"].get<std::string>(), v)) {
        return json(u.id());
      }
    }
  }
  return Status::InvalidArgument(
      fmt::format("fields.{}: no Lever user {} (give a user id or email)", name, value.dump()));
}

Result<json> date_ms(const json& value, const std::string& name) {
  if (value.is_null() || value.is_number_integer()) return value;
  int64_t ms = 0;
  if (value.is_string() && parse_date_ms(value.get<std::string>(), ms)) return json(ms);
  return Status::InvalidArgument(fmt::format(
      "fields.{}: expected epoch milliseconds or \"YYYY-MM-DD\", got {}", name, value.dump()));
}

// Checks and converts a value given for a known identifier.
Result<json> convert(const Account& account, const std::string& id, const json& value) {
  auto expect = [&](bool ok, const char* what) -> Result<json> {
    if (ok) return value;
    return Status::InvalidArgument(
        fmt::format("fields.{}: expected {}, got {}", id, what, value.dump()));
  };
  if (id == "salary_amount" || id == "offered_equity") {
    return expect(value.is_number() || value.is_null(), "a number");
  }
  if (id == "salary_interval") {
    const bool ok = value.is_null() ||
                    (value.is_string() && std::find(kIntervals.begin(), kIntervals.end(),
                                                    value.get<std::string>()) != kIntervals.end());
    return expect(ok,
                  "one of per-hour-wage, per-day-wage, per-week-salary, per-month-salary, "
                  "per-year-salary");
  }
  if (id == "hiring_manager" || id == "direct_manager") return user_id(account, value, id);
  if (id == "anticipated_start_date" || id == "offer_expiration_date" || id == "today_date") {
    return date_ms(value, id);
  }
  if (id.rfind("company_signature", 0) == 0 || id == "candidate_signature") return value;
  return expect(value.is_string() || value.is_null(), "a string");
}

// Sets identifier's value in `fields`, adding the field if absent.
void put(json& fields, const std::string& id, const std::string& text, json value) {
  for (json& f : fields) {
    if (f["identifier"] == id) {
      f["value"] = std::move(value);
      f["text"] = text;
      return;
    }
  }
  fields.push_back({{"text", text}, {"identifier", id}, {"value", std::move(value)}});
}

// The fields of a new draft, filled as Lever fills them from the candidate and job.
json default_fields(const json& opp, const json* posting, const std::string& posting_id,
                    int64_t now_ms) {
  const json& categories = posting ? field(*posting, "categories") : json();
  auto from_posting = [&](const json& v) { return posting ? v : json(); };
  const std::map<std::string, json> values = {
      {"job_posting", posting_id.empty() ? json() : json(posting_id)},
      {"job_title", from_posting(posting ? field(*posting, "text") : json())},
      {"candidate_name", field(opp, "name")},
      {"team", from_posting(field(categories, "team"))},
      {"location/office", from_posting(field(categories, "location"))},
      {"salary_amount", nullptr},
      {"compensation_currency", "USD"},
      {"salary_interval", nullptr},
      {"hiring_manager", from_posting(posting ? field(*posting, "hiringManager") : json())},
      {"direct_manager", nullptr},
      {"anticipated_start_date", nullptr},
      {"today_date", now_ms - now_ms % kDayMs}};  // Lever stores the day at 00:00 UTC
  json fields = json::array();
  for (const auto& [id, text] : kStandardFields) {
    fields.push_back({{"text", text}, {"identifier", id}, {"value", values.at(id)}});
  }
  return fields;
}

}  // namespace

hiresync::Result<std::string> FakeLever::create_offer(const std::string& account_id,
                                                      const std::string& opportunity,
                                                      const nlohmann::json& given,
                                                      const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Account*> account = impl_->find_account(account_id);
  if (!account.ok()) return account.status();
  Account& acc = **account;
  Result<Stored*> opp = impl_->find_opportunity(acc, opportunity);
  if (!opp.ok()) return opp.status();
  Result<std::string> creator = impl_->resolve_actor(acc, actor);
  if (!creator.ok()) return creator.status();
  if (!given.is_null() && !given.is_object()) {
    return Status::InvalidArgument("fields must be an object keyed by offer field identifier");
  }
  const json& o = (*opp)->obj();
  const std::string posting_id = impl_->posting_of(acc, o);
  const Stored* posting = posting_id.empty() ? nullptr : acc.postings.find(posting_id);
  json fields = default_fields(o, posting ? &posting->obj() : nullptr, posting_id, impl_->now());

  const json overrides = given.is_object() ? given : json::object();
  for (const auto& [id, v] : overrides.items()) {
    const bool custom = id.rfind("custom_", 0) == 0 && id.size() > 7;
    std::string text = custom ? text_from_identifier(id) : standard_text(id);
    if (text.empty()) {
      return Status::InvalidArgument(fmt::format(
          "fields.{}: not a Lever offer field identifier (custom fields start with custom_)", id));
    }
    // A field may be given as its value or as {"text", "value"}.
    json value = v;
    if (v.is_object() && v.contains("value")) {
      value = v["value"];
      if (v.contains("text")) {
        if (!v["text"].is_string())
          return Status::InvalidArgument("fields." + id + ".text: expected a string");
        text = v["text"].get<std::string>();
      }
    }
    if (!custom) {
      Result<json> converted = convert(acc, id, value);
      if (!converted.ok()) return converted.status();
      value = *converted;
    }
    put(fields, id, text, std::move(value));
  }

  const json& emails = field(o, "emails");
  json offer = {{"id", impl_->new_id()},
                {"posting", posting_id.empty() ? json() : json(posting_id)},
                {"createdAt", impl_->now()},
                {"status", "draft"},
                {"creator", *creator},
                {"fields", std::move(fields)},
                {"signatures",
                 {{"candidate",
                   {{"role", "candidate"},
                    {"name", field(o, "name")},
                    {"email", emails.is_array() && !emails.empty() ? emails[0] : json()}}}}},
                {"approved", nullptr},
                {"approvedAt", nullptr},
                {"sentAt", nullptr},
                {"sentDocument", nullptr},
                {"signedDocument", nullptr}};
  const std::string id = offer["id"].get<std::string>();
  acc.offers[opportunity].add(std::move(offer));
  return id;
}

hiresync::Status FakeLever::offer_action(const std::string& account_id,
                                         const std::string& opportunity,
                                         const std::optional<std::string>& offer_id,
                                         const std::string& action, const std::string& actor) {
  std::lock_guard lock(impl_->mu);
  Result<Account*> account = impl_->find_account(account_id);
  if (!account.ok()) return account.status();
  Account& acc = **account;
  if (Result<Stored*> opp = impl_->find_opportunity(acc, opportunity); !opp.ok())
    return opp.status();
  if (Result<std::string> who = impl_->resolve_actor(acc, actor); !who.ok()) return who.status();

  auto offers = acc.offers.find(opportunity);
  Stored* offer = nullptr;
  if (offers != acc.offers.end()) {
    if (offer_id) {
      offer = offers->second.find(*offer_id);
    } else {
      // The most recent: latest createdAt, the later one on a tie.
      for (Stored& s : offers->second.items()) {
        if (offer == nullptr || field(s.obj(), "createdAt") >= field(offer->obj(), "createdAt"))
          offer = &s;
      }
    }
  }
  if (offer == nullptr) {
    return Status::NotFound(
        offer_id ? fmt::format("opportunity {} has no offer {}", opportunity, *offer_id)
                 : fmt::format("opportunity {} has no offer", opportunity));
  }

  struct Move {
    const char* action;
    std::vector<std::string> from;
    const char* to;
    const char* verb;  // for the refusal: "only a <from> offer can be <verb>"
  };
  std::vector<std::string> sendable = {"approved"};
  // Without an approval step in the account, a draft goes straight out.
  if (!acc.settings.offer_approval_required) sendable.push_back("draft");
  const std::vector<Move> moves = {
      {"request_approval", {"draft"}, "approval-sent", "sent for approval"},
      {"approve", {"draft", "approval-sent"}, "approved", "approved"},
      {"send", sendable, "sent", "sent"},
      {"send_outside", {"draft", "approved"}, "sent-manually", "sent outside Lever"},
      {"open", {"sent"}, "opened", "opened"},
      {"mark_signed", {"sent", "sent-manually", "opened"}, "signed", "marked signed"},
      {"decline",
       {"draft", "approval-sent", "approved", "sent", "sent-manually", "opened"},
       "denied",
       "declined"}};
  const Move* move = nullptr;
  for (const Move& m : moves) {
    if (action == m.action) move = &m;
  }
  if (move == nullptr) {
    return Status::InvalidArgument(
        fmt::format("unknown offer action '{}' (approve, send, send_outside, mark_signed, decline, "
                    "request_approval, open)",
                    action));
  }
  const std::string status = field(offer->obj(), "status").get<std::string>();
  if (std::find(move->from.begin(), move->from.end(), status) == move->from.end()) {
    std::string allowed = move->from[0];
    for (size_t i = 1; i < move->from.size(); ++i) {
      allowed += (i + 1 == move->from.size() ? " or " : ", ") + move->from[i];
    }
    return Status::Conflict(fmt::format("offer {} is {}; only a{} {} offer can be {}", offer->id(),
                                        status, allowed[0] == 'a' || allowed[0] == 'o' ? "n" : "",
                                        allowed, move->verb));
  }

  json& o = offer->edit();
  const int64_t now = impl_->now();
  o["status"] = move->to;
  auto candidate = [&o]() -> json& { return o["signatures"]["candidate"]; };
  if (action == "approve") {
    o["approved"] = true;
    o["approvedAt"] = now;
  } else if (action == "send") {
    o["sentAt"] = now;
    o["sentDocument"] = {
        {"fileName", fmt::format("offer-{}.pdf", opportunity)},
        {"uploadedAt", now},
        {"downloadUrl", fmt::format("{}/v1/opportunities/{}/offers/{}/download?status=sent",
                                    impl_->base_url, opportunity, offer->id())}};
  } else if (action == "send_outside") {
    o["sentAt"] = now;  // nothing is uploaded: the letter goes out by other means
  } else if (action == "open") {
    if (field(candidate(), "firstOpenedAt").is_null()) candidate()["firstOpenedAt"] = now;
    candidate()["lastOpenedAt"] = now;
  } else if (action == "mark_signed") {
    // "Mark offer as signed" uploads no file and is no e-signature: the API
    // shows status signed, no signedDocument, and the candidate's signature
    // not done (reference §4.4: inferred).
    o["signedDocument"] = nullptr;
    candidate()["signedAt"] = nullptr;
    candidate()["signed"] = false;
  }
  return Status::Ok();
}

}  // namespace sim::lever
