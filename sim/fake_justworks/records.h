// The records one fake Justworks company holds — members, pending hires,
// captured emails, idempotency keys — and their JSON shapes as the API
// answers them (docs/justworks-api.md).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fake_justworks/pending_hire_index.h"

namespace sim::justworks {

// Admin permission names (Company › Permissions), in the order the UI lists them.
inline constexpr std::array<std::string_view, 6> kPermissions = {
    "manage_employees",      "documents",     "edit_employee_permissions",
    "edit_company_settings", "view_invoices", "manage_benefits"};
bool is_known_permission(std::string_view name);

inline constexpr std::array<std::string_view, 4> kMemberTypes = {"full_time", "part_time", "intern",
                                                                 "contractor"};
// REVIEW-2: Justworks takes a yearly salary or an hourly wage, nothing else.
inline constexpr std::array<std::string_view, 2> kEarningTypes = {"salary", "wage"};
inline constexpr std::array<std::string_view, 2> kExemptionStatuses = {"exempt", "non_exempt"};

// W-2 member types need pay and exemption before they can be invited.
bool is_w2_member_type(std::string_view member_type);

inline constexpr char kMailFrom[] = "Justworks <no-reply@justworks.example>";

struct Manager {
  std::string name;
  std::string email;
};

struct Member {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string email;
  bool admin = false;
  std::vector<std::string> permissions;
  std::string status = "active";  // active | invited
  std::optional<std::string> title;
  std::optional<std::string> department;
  std::optional<std::string> office;
  std::optional<Manager> manager;
  std::optional<std::string> start_date;
  std::optional<std::string> member_type;

  bool holds(std::string_view permission) const;
  // May review, invite and dismiss pending hires (REVIEW-1, MAIL-1's audience).
  bool can_manage_employees() const;
  std::string full_name() const;
};

struct PendingHire {
  std::string id;
  std::string status = "pending";  // pending | invited | dismissed
  int64_t created_at_ms = 0;
  // Every SPEC §5 key plus work_email, already validated; absent values null.
  // Once the hire is in a Company, write these only through
  // Company::set_pending_hire_fields, which keeps the list's index right.
  nlohmann::json fields;
  std::optional<std::string> member_id;  // the member an invite made
};

struct Email {
  std::string id;
  std::string to;
  std::string subject;
  std::string text;
  std::string link;
  int64_t sent_at_ms = 0;
};

// What an Idempotency-Key first created: the request body and the record.
struct KeyedCreate {
  nlohmann::json body;
  std::string record_id;
};

struct Company {
  std::string id;
  std::string name;
  std::vector<std::string> departments;
  std::vector<std::string> offices;
  std::vector<Member> members;
  std::vector<Email> emails;  // in sending order
  std::map<std::string, KeyedCreate> pending_hire_keys;
  std::map<std::string, KeyedCreate> email_keys;

  // Pending hires in creation order. The list is read-only here so that
  // every change goes through the two methods below, which keep the index
  // of ids and filter fields in step with it.
  const std::vector<PendingHire>& pending_hires() const { return pending_hires_; }
  // Appends `hire` (a new id) and returns it as stored.
  PendingHire& add_pending_hire(PendingHire hire);
  // Replaces the fields of `hire`, one of this company's pending hires.
  void set_pending_hire_fields(PendingHire& hire, nlohmann::json fields);
  // The index, for GET /internal/v1/pending_hires; its positions are into pending_hires().
  const PendingHireIndex& pending_hire_index() const { return pending_hire_index_; }

  // Case-insensitive, as Justworks treats emails and names.
  Member* find_member_by_email(std::string_view email);
  const Member* find_member_by_email(std::string_view email) const;
  const std::string* find_department(std::string_view name) const;
  const std::string* find_office(std::string_view name) const;
  // Mutable for status and member_id; fields go through set_pending_hire_fields.
  PendingHire* find_pending_hire(std::string_view id);
  const PendingHire* find_pending_hire(std::string_view id) const;

 private:
  std::vector<PendingHire> pending_hires_;
  PendingHireIndex pending_hire_index_;
};

nlohmann::json to_json(const Manager& manager);
nlohmann::json to_json(const Member& member);
// `base_url` makes review_url absolute (the server's address).
nlohmann::json to_json(const PendingHire& hire, const std::string& base_url);
nlohmann::json to_json(const Email& email);

std::string review_path(std::string_view pending_hire_id);

}  // namespace sim::justworks
