// Record lookups and JSON shapes (see records.h).
#include "fake_justworks/records.h"

#include <algorithm>

#include "common/check.h"
#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

nlohmann::json optional_text(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

template <typename Names>
const std::string* find_name(const Names& names, std::string_view name) {
  for (const auto& candidate : names) {
    if (iequals(candidate, name)) return &candidate;
  }
  return nullptr;
}

}  // namespace

bool is_known_permission(std::string_view name) {
  return std::find(kPermissions.begin(), kPermissions.end(), name) != kPermissions.end();
}

bool is_w2_member_type(std::string_view member_type) {
  return member_type == "full_time" || member_type == "part_time" || member_type == "intern";
}

bool Member::holds(std::string_view permission) const {
  return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

bool Member::can_manage_employees() const {
  return admin && status == "active" && holds("manage_employees");
}

std::string Member::full_name() const {
  return last_name.empty() ? first_name : first_name + " " + last_name;
}

Member* Company::find_member_by_email(std::string_view email) {
  for (auto& member : members) {
    if (iequals(member.email, email)) return &member;
  }
  return nullptr;
}

const Member* Company::find_member_by_email(std::string_view email) const {
  return const_cast<Company*>(this)->find_member_by_email(email);
}

const std::string* Company::find_department(std::string_view name) const {
  return find_name(departments, name);
}

const std::string* Company::find_office(std::string_view name) const {
  return find_name(offices, name);
}

PendingHire& Company::add_pending_hire(PendingHire hire) {
  pending_hire_index_.add(pending_hires_.size(), hire.id, hire.fields);
  return pending_hires_.emplace_back(std::move(hire));
}

void Company::set_pending_hire_fields(PendingHire& hire, nlohmann::json fields) {
  // A hire of another company (or a copy) would corrupt the index silently.
  const auto position = pending_hire_index_.position_of(hire.id);
  HIRESYNC_CHECK(position && &pending_hires_[*position] == &hire,
                 "the pending hire belongs to this company's index");
  pending_hire_index_.update(*position, hire.fields, fields);
  hire.fields = std::move(fields);
}

PendingHire* Company::find_pending_hire(std::string_view id) {
  const auto position = pending_hire_index_.position_of(id);
  return position ? &pending_hires_[*position] : nullptr;
}

const PendingHire* Company::find_pending_hire(std::string_view id) const {
  return const_cast<Company*>(this)->find_pending_hire(id);
}

nlohmann::json to_json(const Manager& manager) {
  return {{"name", manager.name}, {"email", manager.email}};
}

nlohmann::json to_json(const Member& member) {
  return {{"id", member.id},
          {"first_name", member.first_name},
          {"last_name", member.last_name},
          {"email", member.email},
          {"admin", member.admin},
          {"permissions", member.permissions},
          {"status", member.status},
          {"title", optional_text(member.title)},
          {"department", optional_text(member.department)},
          {"office", optional_text(member.office)},
          {"manager", member.manager ? to_json(*member.manager) : nlohmann::json(nullptr)},
          {"start_date", optional_text(member.start_date)},
          {"member_type", optional_text(member.member_type)}};
}

nlohmann::json to_json(const PendingHire& hire, const std::string& base_url) {
  nlohmann::json out = hire.fields;
  out["id"] = hire.id;
  out["status"] = hire.status;
  out["created_at"] = iso_utc(hire.created_at_ms);
  out["review_url"] = base_url + review_path(hire.id);
  out["member_id"] = optional_text(hire.member_id);
  return out;
}

nlohmann::json to_json(const Email& email) {
  return {{"id", email.id},
          {"to", email.to},
          {"from", kMailFrom},
          {"subject", email.subject},
          {"text", email.text},
          {"link", email.link},
          {"sent_at", iso_utc(email.sent_at_ms)}};
}

std::string review_path(std::string_view pending_hire_id) {
  return "/review/" + std::string(pending_hire_id);
}

}  // namespace sim::justworks
