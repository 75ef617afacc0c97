// Reads a world's "justworks" object into a Company (see world_loader.h).
// World files are written by hand, so every mistake is reported with the
// JSON path of the value at fault rather than silently repaired.
#include "fake_justworks/world_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

using nlohmann::json;

// The first thing wrong, as "<json path>: <what>"; nullopt when all is well.
using Problem = std::optional<std::string>;

Problem problem(const std::string& path, const std::string& what) {
  return fmt::format("{}: {}", path.empty() ? "/" : path, what);
}

std::string child(const std::string& path, std::string_view key) {
  return fmt::format("{}/{}", path, key);
}
std::string child(const std::string& path, size_t index) {
  return fmt::format("{}/{}", path, index);
}

Problem check_keys(const json& object, const std::string& path,
                   std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return problem(child(path, key), "unknown field");
    }
  }
  return std::nullopt;
}

// A required, non-empty one-line string.
Problem read_text(const json& object, const std::string& path, const char* key, std::string& out) {
  if (!object.contains(key)) return problem(child(path, key), "missing");
  const json& value = object.at(key);
  if (!value.is_string()) return problem(child(path, key), "must be a string");
  out = value.get<std::string>();
  if (!is_clean_line(out)) {
    return problem(child(path, key), "must be non-empty, trimmed, on one line");
  }
  return std::nullopt;
}

// An optional string that may also be null.
Problem read_optional_text(const json& object, const std::string& path, const char* key,
                           std::optional<std::string>& out) {
  if (!object.contains(key) || object.at(key).is_null()) return std::nullopt;
  std::string text;
  if (Problem p = read_text(object, path, key, text)) return p;
  out = std::move(text);
  return std::nullopt;
}

// A list of unique names (departments, offices); case-insensitively unique,
// because the core matches them case-insensitively (MAP-4).
Problem read_names(const json& object, const std::string& path, const char* key,
                   std::vector<std::string>& out) {
  if (!object.contains(key)) return std::nullopt;
  const json& list = object.at(key);
  const std::string list_path = child(path, key);
  if (!list.is_array()) return problem(list_path, "must be an array of names");
  for (size_t i = 0; i < list.size(); ++i) {
    const json& name = list[i];
    if (!name.is_string() || !is_clean_line(name.get<std::string>())) {
      return problem(child(list_path, i), "must be a non-empty, trimmed string");
    }
    for (const auto& earlier : out) {
      if (iequals(earlier, name.get<std::string>())) {
        return problem(child(list_path, i), fmt::format("'{}' is listed twice", earlier));
      }
    }
    out.push_back(name.get<std::string>());
  }
  return std::nullopt;
}

Problem read_company_header(const json& object, const std::string& path, Company& company) {
  if (!object.contains("company")) return problem(child(path, "company"), "missing");
  const json& header = object.at("company");
  const std::string header_path = child(path, "company");
  if (!header.is_object()) return problem(header_path, "must be an object {id, name}");
  if (Problem p = check_keys(header, header_path, {"id", "name"})) return p;
  if (Problem p = read_text(header, header_path, "id", company.id)) return p;
  return read_text(header, header_path, "name", company.name);
}

Problem read_permissions(const json& member, const std::string& path, Member& out) {
  if (!member.contains("permissions")) return std::nullopt;
  const json& list = member.at("permissions");
  const std::string list_path = child(path, "permissions");
  if (!list.is_array()) return problem(list_path, "must be an array of permission names");
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) return problem(child(list_path, i), "must be a string");
    const std::string name = list[i].get<std::string>();
    if (!is_known_permission(name)) {
      return problem(child(list_path, i), fmt::format("unknown permission '{}'", name));
    }
    if (out.holds(name))
      return problem(child(list_path, i), fmt::format("'{}' is listed twice", name));
    out.permissions.push_back(name);
  }
  return std::nullopt;
}

Problem read_member_flags(const json& member, const std::string& path, Member& out) {
  if (member.contains("admin")) {
    if (!member.at("admin").is_boolean())
      return problem(child(path, "admin"), "must be true or false");
    out.admin = member.at("admin").get<bool>();
  }
  if (Problem p = read_permissions(member, path, out)) return p;
  // In Justworks, holding an admin permission is what makes someone an admin.
  if (!out.admin && !out.permissions.empty()) {
    return problem(child(path, "permissions"), "only an admin (\"admin\": true) holds permissions");
  }
  if (member.contains("status")) {
    const json& status = member.at("status");
    if (!status.is_string() || (status != "active" && status != "invited")) {
      return problem(child(path, "status"), "must be \"active\" or \"invited\"");
    }
    out.status = status.get<std::string>();
  }
  return std::nullopt;
}

Problem read_member_job(const json& member, const std::string& path, const Company& company,
                        Member& out) {
  if (Problem p = read_optional_text(member, path, "title", out.title)) return p;
  if (Problem p = read_optional_text(member, path, "department", out.department)) return p;
  if (out.department && !company.find_department(*out.department)) {
    return problem(child(path, "department"),
                   fmt::format("'{}' is not in /departments", *out.department));
  }
  if (Problem p = read_optional_text(member, path, "office", out.office)) return p;
  if (out.office && !company.find_office(*out.office)) {
    return problem(child(path, "office"), fmt::format("'{}' is not in /offices", *out.office));
  }
  if (Problem p = read_optional_text(member, path, "start_date", out.start_date)) return p;
  if (out.start_date && !is_calendar_date(*out.start_date)) {
    return problem(child(path, "start_date"), "must be a date YYYY-MM-DD");
  }
  if (Problem p = read_optional_text(member, path, "member_type", out.member_type)) return p;
  if (out.member_type &&
      std::find(kMemberTypes.begin(), kMemberTypes.end(), *out.member_type) == kMemberTypes.end()) {
    return problem(child(path, "member_type"),
                   "must be full_time, part_time, intern or contractor");
  }
  return std::nullopt;
}

Problem read_member(const json& member, const std::string& path, const Company& company,
                    Member& out) {
  if (!member.is_object()) return problem(path, "must be an object");
  if (Problem p =
          check_keys(member, path,
                     {"id", "first_name", "last_name", "email", "admin", "permissions", "status",
                      "title", "department", "office", "start_date", "member_type"})) {
    return p;
  }
  if (Problem p = read_text(member, path, "id", out.id)) return p;
  if (Problem p = read_text(member, path, "first_name", out.first_name)) return p;
  // A last name may be empty: some people have one name (MAP-1).
  if (!member.contains("last_name") || !member.at("last_name").is_string()) {
    return problem(child(path, "last_name"), "must be a string");
  }
  out.last_name = member.at("last_name").get<std::string>();
  if (Problem p = read_text(member, path, "email", out.email)) return p;
  if (!looks_like_email(out.email)) return problem(child(path, "email"), "is not an email address");
  if (Problem p = read_member_flags(member, path, out)) return p;
  return read_member_job(member, path, company, out);
}

Problem read_members(const json& object, const std::string& path, Company& company) {
  if (!object.contains("members")) return std::nullopt;
  const json& list = object.at("members");
  const std::string list_path = child(path, "members");
  if (!list.is_array()) return problem(list_path, "must be an array of members");
  for (size_t i = 0; i < list.size(); ++i) {
    Member member;
    const std::string member_path = child(list_path, i);
    if (Problem p = read_member(list[i], member_path, company, member)) return p;
    for (size_t j = 0; j < company.members.size(); ++j) {
      if (company.members[j].id == member.id) {
        return problem(child(member_path, "id"), fmt::format("duplicate member id '{}' (also {})",
                                                             member.id, child(list_path, j)));
      }
      if (iequals(company.members[j].email, member.email)) {
        return problem(child(member_path, "email"), fmt::format("duplicate email '{}' (also {})",
                                                                member.email, child(list_path, j)));
      }
    }
    company.members.push_back(std::move(member));
  }
  return std::nullopt;
}

Problem read_company(const json& object, Company& company) {
  const std::string root;
  if (!object.is_object()) return problem(root, "the \"justworks\" world must be an object");
  if (Problem p = check_keys(object, root, {"company", "departments", "offices", "members"}))
    return p;
  if (Problem p = read_company_header(object, root, company)) return p;
  if (Problem p = read_names(object, root, "departments", company.departments)) return p;
  if (Problem p = read_names(object, root, "offices", company.offices)) return p;
  return read_members(object, root, company);
}

}  // namespace

hiresync::Result<Company> load_company(const nlohmann::json& justworks, const std::string& where) {
  Company company;
  if (Problem p = read_company(justworks, company)) {
    return hiresync::Status::InvalidArgument(fmt::format("{}: {}", where, *p));
  }
  return company;
}

}  // namespace sim::justworks
