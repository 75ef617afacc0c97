// Data API: opportunities and what hangs off them — applications, offers
// (and their download), resumes and files. The last exist so that a sync that
// calls them shows in the journal (MAP-10); they hold nothing.
#include <charconv>

#include <fmt/format.h>
#include <httplib.h>

#include "fake_lever/api_common.h"

namespace sim::lever {

namespace {

const std::vector<Expansion> kOpportunityExpansions = {{"applications", &Account::applications},
                                                       {"stage", &Account::stages},
                                                       {"owner", &Account::users},
                                                       {"followers", &Account::users},
                                                       {"sourcedBy", &Account::users},
                                                       {"contact", &Account::contacts}};
const std::vector<Expansion> kOfferExpansions = {{"creator", &Account::users}};

bool any_in(const json& list, const std::set<std::string>& wanted, bool case_blind) {
  if (!list.is_array()) return false;
  for (const json& v : list) {
    if (!v.is_string()) continue;
    for (const std::string& w : wanted) {
      if (case_blind ? iequals(v.get_ref<const std::string&>(), w) : v == w) return true;
    }
  }
  return false;
}

bool in(const std::set<std::string>& wanted, const json& value) {
  return value.is_string() && wanted.count(value.get<std::string>()) != 0;
}

bool in_range(const json& ms, const std::optional<int64_t>& start,
              const std::optional<int64_t>& end) {
  if (!start && !end) return true;
  if (!ms.is_number_integer()) return false;
  const int64_t t = ms.get<int64_t>();
  return (!start || t >= *start) && (!end || t <= *end);
}

// GET /v1/opportunities's filters (shared/reference/lever-api.md §4.1).
struct OpportunityFilter {
  std::set<std::string> contact_id, email, posting_id, stage_id, tag, origin, archive_reason_id;
  std::optional<bool> archived;
  std::optional<int64_t> created_start, created_end, updated_start, updated_end, archived_start,
      archived_end;
  std::string confidentiality;

  std::optional<Reply> parse(FakeLever::Impl& impl, const Call& call, const ApiCaller& caller) {
    contact_id = filter_values(call, "contact_id");
    email = filter_values(call, "email");
    posting_id = filter_values(call, "posting_id");
    stage_id = filter_values(call, "stage_id");
    tag = filter_values(call, "tag");
    origin = filter_values(call, "origin");
    archive_reason_id = filter_values(call, "archive_reason_id");
    if (auto r = bool_param(call, "archived", archived)) return r;
    const std::pair<const char*, std::optional<int64_t>*> times[] = {
        {"created_at_start", &created_start},   {"created_at_end", &created_end},
        {"updated_at_start", &updated_start},   {"updated_at_end", &updated_end},
        {"archived_at_start", &archived_start}, {"archived_at_end", &archived_end}};
    for (auto& [name, out] : times) {
      if (auto r = ms_param(call, name, *out)) return r;
    }
    return confidentiality_param(impl, call, caller, confidentiality);
  }

  bool keep(const FakeLever::Impl& impl, const Account& account, const json& opp) const {
    const json& archived_obj = field(opp, "archived");
    return confidentiality_matches(confidentiality, opp) &&
           (contact_id.empty() || in(contact_id, field(opp, "contact"))) &&
           (email.empty() || any_in(field(opp, "emails"), email, true)) &&
           (posting_id.empty() || posting_id.count(impl.posting_of(account, opp))) &&
           (stage_id.empty() || in(stage_id, field(opp, "stage"))) &&
           (tag.empty() || any_in(field(opp, "tags"), tag, false)) &&
           (origin.empty() || in(origin, field(opp, "origin"))) &&
           (archive_reason_id.empty() || in(archive_reason_id, field(archived_obj, "reason"))) &&
           (!archived || *archived == archived_obj.is_object()) &&
           in_range(field(opp, "createdAt"), created_start, created_end) &&
           in_range(field(opp, "updatedAt"), updated_start, updated_end) &&
           in_range(field(archived_obj, "archivedAt"), archived_start, archived_end);
  }
};

const Collection kNoOffers;

}  // namespace

Reply FakeLever::Impl::api_list_opportunities(const Call& call) {
  ApiCaller caller;
  if (auto r = authenticate(call, "opportunities:read:admin", caller)) return *r;
  OpportunityFilter filter;
  if (auto r = filter.parse(*this, call, caller)) return *r;
  const Account& account = *caller.account;
  auto rows = rows_of(account.opportunities,
                      [&](const json& opp) { return filter.keep(*this, account, opp); });
  return list_reply(call, account, rows, position_in(account.opportunities),
                    kOpportunityExpansions);
}

std::optional<Reply> FakeLever::Impl::opportunity_for(const Call& call, const std::string& scope,
                                                      ApiCaller& caller, Stored*& out) {
  if (auto r = authenticate(call, scope, caller)) return r;
  out = caller.account->opportunities.find(call.args[0]);
  if (out == nullptr) return not_found("opportunities", call.args[0]);
  return check_confidential(caller, out->obj());
}

Reply FakeLever::Impl::api_get_opportunity(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "opportunities:read:admin", caller, opp)) return *r;
  return one_reply(*caller.account, *opp, shape_of(call), kOpportunityExpansions);
}

Reply FakeLever::Impl::api_list_applications(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "applications:read:admin", caller, opp)) return *r;
  const Collection& apps = caller.account->applications;
  auto rows =
      rows_of(apps, [&](const json& app) { return field(app, "opportunityId") == opp->id(); });
  return list_reply(call, *caller.account, rows, position_in(apps), {});
}

Reply FakeLever::Impl::api_get_application(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "applications:read:admin", caller, opp)) return *r;
  const Stored* app = caller.account->applications.find(call.args[1]);
  if (app == nullptr || field(app->obj(), "opportunityId") != opp->id()) {
    return not_found("applications", call.args[1]);
  }
  return one_reply(*caller.account, *app, shape_of(call), {});
}

Reply FakeLever::Impl::api_list_offers(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "offers:read:admin", caller, opp)) return *r;
  auto it = caller.account->offers.find(opp->id());
  const Collection& offers = it == caller.account->offers.end() ? kNoOffers : it->second;
  return list_reply(call, *caller.account, rows_of(offers, nullptr), position_in(offers),
                    kOfferExpansions);
}

Reply FakeLever::Impl::api_offer_download(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "offers:read:admin", caller, opp)) return *r;
  auto it = caller.account->offers.find(opp->id());
  const Stored* offer =
      it == caller.account->offers.end() ? nullptr : it->second.find(call.args[1]);
  if (offer == nullptr) return not_found("offers", call.args[1]);
  const std::string status = call.query("status");
  if (!status.empty() && status != "sent" && status != "signed") {
    return api_error(400, "BadRequestError", "status must be sent or signed");
  }
  const json& signed_doc = field(offer->obj(), "signedDocument");
  const json& sent_doc = field(offer->obj(), "sentDocument");
  // Lever's default: the signed document if there is one, else the sent one.
  const json& doc = status == "sent"         ? sent_doc
                    : status == "signed"     ? signed_doc
                    : signed_doc.is_object() ? signed_doc
                                             : sent_doc;
  if (!doc.is_object()) {
    return api_error(404, "ResourceNotFound",
                     fmt::format("offer {} has no {} document", offer->id(),
                                 status.empty() ? "sent or signed" : status));
  }
  Reply reply;
  reply.content_type = "application/pdf";
  reply.body = fmt::format("%PDF-1.4\n% offer letter {} (fake)\n%%EOF\n", offer->id());
  return reply;
}

Reply FakeLever::Impl::api_list_resumes(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "resumes:read:admin", caller, opp)) return *r;
  return json_reply(200, json{{"data", json::array()}, {"hasNext", false}});
}

Reply FakeLever::Impl::api_get_resume(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "resumes:read:admin", caller, opp)) return *r;
  return not_found("resumes", call.args[1]);
}

Reply FakeLever::Impl::api_list_files(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "files:read:admin", caller, opp)) return *r;
  return json_reply(200, json{{"data", json::array()}, {"hasNext", false}});
}

Reply FakeLever::Impl::api_get_file(const Call& call) {
  ApiCaller caller;
  Stored* opp = nullptr;
  if (auto r = opportunity_for(call, "files:read:admin", caller, opp)) return *r;
  return not_found("files", call.args[1]);
}

// --- shared by every resource (api_common.h) ---

std::set<std::string> filter_values(const Call& call, const std::string& name) {
  auto values = call.all(name);
  return {values.begin(), values.end()};
}

std::optional<Reply> bool_param(const Call& call, const std::string& name,
                                std::optional<bool>& out) {
  if (!call.has(name)) return std::nullopt;
  const std::string v = call.query(name);
  if (v == "true" || v == "false") {
    out = v == "true";
    return std::nullopt;
  }
  return api_error(400, "BadRequestError", fmt::format("{} must be true or false", name));
}

std::optional<Reply> ms_param(const Call& call, const std::string& name,
                              std::optional<int64_t>& out) {
  if (!call.has(name)) return std::nullopt;
  const std::string v = call.query(name);
  int64_t value = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || p != v.data() + v.size()) {
    return api_error(400, "BadRequestError",
                     fmt::format("{} must be a time in milliseconds since the epoch", name));
  }
  out = value;
  return std::nullopt;
}

std::optional<Reply> confidentiality_param(FakeLever::Impl& impl, const Call& call,
                                           const ApiCaller& caller, std::string& mode) {
  mode = call.has("confidentiality") ? call.query("confidentiality") : "non-confidential";
  if (mode != "non-confidential" && mode != "confidential" && mode != "all") {
    return api_error(400, "BadRequestError",
                     "confidentiality must be non-confidential, confidential or all");
  }
  if (mode == "non-confidential") return std::nullopt;
  return impl.require_scope(caller, "confidential:access:admin");
}

bool confidentiality_matches(const std::string& mode, const json& obj) {
  if (mode == "all") return true;
  const bool confidential = obj.value("confidentiality", "") == "confidential";
  return confidential == (mode == "confidential");
}

Reply not_found(const std::string& resource, const std::string& id) {
  // Lever's documented example: "stages <id> was not found".
  return api_error(404, "ResourceNotFound", fmt::format("{} {} was not found", resource, id));
}

}  // namespace sim::lever
