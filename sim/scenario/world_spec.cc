#include "scenario/world_spec.h"

#include <filesystem>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "common/jsonc.h"
#include "scenario/lever_import.h"

namespace sim {
namespace {

namespace fs = std::filesystem;
using hiresync::Status;

std::optional<fs::path> find_fixture(const std::string& name, const std::string& scenario_path) {
  std::vector<fs::path> roots;
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(scenario_path), ec).parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    roots.push_back(dir / "fixtures" / "worlds");
    if (dir == dir.root_path()) break;
  }
  roots.push_back(fs::path(HIRESYNC_SOURCE_DIR) / "fixtures" / "worlds");
  for (const auto& root : roots) {
    for (const auto& candidate : {root / (name + ".json"), root / name / "world.json"}) {
      if (fs::is_regular_file(candidate, ec)) return candidate;
    }
  }
  return std::nullopt;
}

// `prefix` is where the tenant sits in its file ("" or "/tenants/<name>");
// what its Lever data had to be taken as it came goes to `warnings`.
hiresync::Result<TenantSpec> tenant_from(const nlohmann::json& doc, const std::string& where,
                                         const std::string& name, const std::string& prefix,
                                         std::vector<std::string>& warnings) {
  const std::string at = prefix.empty() ? where : fmt::format("{}: {}", where, prefix);
  if (!doc.is_object()) return Status::InvalidArgument(at + ": a tenant is an object");
  for (const auto& [key, _] : doc.items()) {
    if (key != "lever" && key != "justworks")
      return Status::InvalidArgument(
          fmt::format("{}: unknown key \"{}\" (a world has \"lever\" and \"justworks\")", at, key));
  }
  if (!doc.contains("lever") || !doc["lever"].is_object())
    return Status::InvalidArgument(at + ": \"lever\" must be an object");
  if (!doc.contains("justworks") || !doc["justworks"].is_object())
    return Status::InvalidArgument(at + ": \"justworks\" must be an object");
  LeverImport lever = import_lever_world(doc["lever"], where, prefix + "/lever");
  warnings.insert(warnings.end(), lever.warnings.begin(), lever.warnings.end());
  TenantSpec t{name, std::move(lever.lever), doc["justworks"], at};
  if (t.name.empty()) {
    const auto& company = t.justworks.value("company", nlohmann::json::object());
    t.name = company.is_object() && company.contains("id") && company["id"].is_string()
                 ? company["id"].get<std::string>()
                 : "default";
  }
  return t;
}

hiresync::Result<std::shared_ptr<const WorldSpec>> spec_from(const nlohmann::json& doc,
                                                             const std::string& where) {
  WorldSpec spec;
  if (doc.is_object() && doc.contains("tenants")) {
    if (doc.size() != 1 || !doc["tenants"].is_object() || doc["tenants"].empty())
      return Status::InvalidArgument(
          where +
          ": a multi-tenant world is {\"tenants\": {\"name\": {\"lever\":…, \"justworks\":…}}}");
    for (const auto& [name, tenant] : doc["tenants"].items()) {
      auto t = tenant_from(tenant, where, name, "/tenants/" + name, spec.warnings);
      if (!t.ok()) return t.status();
      t->where = where;
      spec.tenants.push_back(std::move(*t));
    }
  } else {
    auto t = tenant_from(doc, where, "", "", spec.warnings);
    if (!t.ok()) return t.status();
    spec.tenants.push_back(std::move(*t));
  }
  return std::make_shared<const WorldSpec>(std::move(spec));
}

// The fixtures read so far, by path, with the size and time they were read at.
struct ReadFixture {
  uintmax_t size = 0;
  fs::file_time_type modified;
  std::shared_ptr<const WorldSpec> spec;
};

hiresync::Result<std::shared_ptr<const WorldSpec>> read_fixture(const fs::path& path) {
  static std::mutex mu;
  static std::map<std::string, ReadFixture> read;
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  const fs::file_time_type modified = fs::last_write_time(path, ec);
  const std::string key = path.string();
  {
    std::lock_guard lock(mu);
    auto it = read.find(key);
    if (!ec && it != read.end() && it->second.size == size && it->second.modified == modified)
      return it->second.spec;
  }
  auto loaded = load_jsonc_file(key);
  if (!loaded.ok()) return loaded.status();
  auto spec = spec_from(*loaded, key);
  if (!spec.ok() || ec) return spec;
  std::lock_guard lock(mu);
  read[key] = ReadFixture{size, modified, *spec};
  return spec;
}

}  // namespace

hiresync::Result<std::shared_ptr<const WorldSpec>> resolve_world(const nlohmann::json& world,
                                                                 const std::string& scenario_path) {
  if (!world.is_string()) return spec_from(world, scenario_path + ": world");
  const std::string name = world;
  if (name.empty() || name.find("..") != std::string::npos || name.find('/') != std::string::npos)
    return Status::InvalidArgument(
        fmt::format("{}: \"world\": \"{}\" is not a fixture name", scenario_path, name));
  auto path = find_fixture(name, scenario_path);
  if (!path)
    return Status::NotFound(fmt::format(
        "{}: \"world\": no fixtures/worlds/{}.json near the scenario or in the source tree",
        scenario_path, name));
  return read_fixture(*path);
}

hiresync::Result<WorldSpec> source_fixture(const std::string& name) {
  // Looked up as for a scenario sitting at the top of the source tree.
  auto shared = resolve_world(name, (fs::path(HIRESYNC_SOURCE_DIR) / "tool").string());
  if (!shared.ok()) return shared.status();
  return WorldSpec(**shared);
}

}  // namespace sim
