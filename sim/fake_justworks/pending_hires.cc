// The pending-hire list and Review & Invite (see pending_hires.h).
#include "fake_justworks/pending_hires.h"

#include <fmt/format.h>

#include "fake_justworks/idempotency.h"
#include "fake_justworks/pending_hire_fields.h"

namespace sim::justworks {
namespace {

using nlohmann::json;

Outcome<PendingHire*> find_hire(Company& company, const std::string& id) {
  PendingHire* hire = company.find_pending_hire(id);
  if (!hire) return not_found(fmt::format("no pending hire '{}' in {}", id, company.name));
  return hire;
}

std::optional<ApiError> check_pending(const PendingHire& hire) {
  if (hire.status == "pending") return std::nullopt;
  return conflict("not_pending",
                  fmt::format("pending hire '{}' is already {}", hire.id, hire.status));
}

// The checks every Review & Invite action makes, in the order a person hits
// them: the hire exists, the edit is well formed, the actor may act, the hire
// is still pending. Returns the hire and the edits resolved to stored values.
struct Reviewed {
  PendingHire* hire = nullptr;
  json fields;  // the hire's fields with the edits applied (not yet stored)
};

Outcome<Reviewed> prepare_review(Company& company, const std::string& id, const json& edits,
                                 const std::string& actor_email) {
  auto hire = find_hire(company, id);
  if (!hire.ok()) return hire.error();
  if (auto error = check_edit_shape(edits)) return *error;
  auto actor = resolve_actor(company, actor_email);
  if (!actor.ok()) return actor.error();
  if (auto error = check_pending(*hire.value())) return *error;
  auto values = resolve_values(company, edits);
  if (!values.ok()) return values.error();
  Reviewed out{hire.value(), hire.value()->fields};
  out.fields.update(values.value());
  return out;
}

Member member_from(const std::string& id, const json& fields) {
  auto text = [&](const char* key) -> std::optional<std::string> {
    const json& value = fields.at(key);
    return value.is_string() ? std::optional(value.get<std::string>()) : std::nullopt;
  };
  Member member;
  member.id = id;
  member.first_name = fields.at("first_name").get<std::string>();
  member.last_name = fields.at("last_name").get<std::string>();
  member.email = invitation_email(fields);
  member.status = "invited";
  member.title = text("title");
  member.department = text("department");
  member.office = text("office");
  if (const json& manager = fields.at("manager"); manager.is_object()) {
    member.manager =
        Manager{manager.at("name").get<std::string>(), manager.at("email").get<std::string>()};
  }
  member.start_date = text("start_date");
  member.member_type = text("member_type");
  return member;
}

// Invitations go to one person: an address an existing member already uses
// means a returning or duplicate hire, which an admin must sort out first.
std::optional<ApiError> check_email_free(const Company& company, const json& fields) {
  const std::string email = invitation_email(fields);
  const Member* existing = company.find_member_by_email(email);
  if (!existing) return std::nullopt;
  const char* field = fields.at("work_email").is_string() ? "work_email" : "home_email";
  return unprocessable("email_taken",
                       fmt::format("{} '{}' already belongs to member {} of {}", field, email,
                                   existing->id, company.name),
                       field);
}

}  // namespace

Outcome<Created> create_pending_hire(Service& service, Company& company,
                                     const std::optional<std::string>& idempotency_key,
                                     const json& body) {
  if (auto error = check_idempotency_key(idempotency_key)) return *error;
  if (auto error = check_create_shape(body)) return *error;
  const KeyUse use = look_up_key(company.pending_hire_keys, *idempotency_key, body);
  if (use.kind == KeyUse::Kind::kConflict) return key_conflict("a pending hire");
  if (use.kind == KeyUse::Kind::kReplay) return Created{use.record_id, true};

  auto values = resolve_values(company, body);
  if (!values.ok()) return values.error();
  PendingHire hire;
  hire.id = service.new_id("ph");
  hire.created_at_ms = service.clock.now_ms();
  hire.fields = blank_fields();
  hire.fields.update(values.value());
  company.pending_hire_keys[*idempotency_key] = KeyedCreate{body, hire.id};
  return Created{company.add_pending_hire(std::move(hire)).id, false};
}

Outcome<const Member*> resolve_actor(const Company& company, const std::string& actor_email) {
  if (actor_email.empty()) {
    for (const auto& member : company.members) {
      if (member.can_manage_employees()) return &member;
    }
    return forbidden(fmt::format("{} has no active admin with manage_employees", company.name));
  }
  const Member* member = company.find_member_by_email(actor_email);
  if (!member)
    return forbidden(fmt::format("'{}' is not a member of {}", actor_email, company.name));
  if (!member->can_manage_employees()) {
    return forbidden(
        fmt::format("{} may not review pending hires: it takes an active admin with "
                    "manage_employees",
                    member->email));
  }
  return member;
}

Outcome<Done> review_pending_hire(Company& company, const std::string& id, const json& edits,
                                  const std::string& actor_email) {
  auto review = prepare_review(company, id, edits, actor_email);
  if (!review.ok()) return review.error();
  company.set_pending_hire_fields(*review.value().hire, std::move(review.value().fields));
  return Done{};
}

Outcome<std::string> invite_pending_hire(Service& service, Company& company, const std::string& id,
                                         const json& edits, const std::string& actor_email) {
  auto review = prepare_review(company, id, edits, actor_email);
  if (!review.ok()) return review.error();
  const json& fields = review.value().fields;
  if (auto error = first_missing_for_invite(fields)) return *error;
  if (auto error = check_email_free(company, fields)) return *error;

  PendingHire& hire = *review.value().hire;
  company.members.push_back(member_from(service.new_id("m"), fields));
  company.set_pending_hire_fields(hire, fields);
  hire.status = "invited";
  hire.member_id = company.members.back().id;
  return *hire.member_id;
}

Outcome<Done> dismiss_pending_hire(Company& company, const std::string& id,
                                   const std::string& actor_email) {
  auto review = prepare_review(company, id, json::object(), actor_email);
  if (!review.ok()) return review.error();
  review.value().hire->status = "dismissed";
  return Done{};
}

json employees_summary(const Company& company) {
  int active = 0, invited = 0, pending = 0;
  for (const auto& member : company.members) {
    if (member.status == "active") ++active;
    if (member.status == "invited") ++invited;
  }
  for (const auto& hire : company.pending_hires()) {
    if (hire.status == "pending") ++pending;
  }
  return {{"active", active}, {"invited", invited}, {"pending_hires", pending}};
}

}  // namespace sim::justworks
