// WorldSpec: a scenario's "world" resolved to data — one tenant (a Lever
// account and a Justworks company) or several (SEC-4) — before anything runs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sim {

struct TenantSpec {
  std::string name;          // the key under "tenants", or the company id when single
  nlohmann::json lever;      // the Lever account's data, Lever's own shapes
  nlohmann::json justworks;  // the Justworks company's data
  std::string where;         // names the source in errors, e.g. "fixtures/worlds/acme.json"
};

struct WorldSpec {
  std::vector<TenantSpec> tenants;  // sorted by name
  // What loading took as it came rather than refused (lever_import.h): Lever
  // collections the sync never reads, references to users or postings the
  // world does not hold. One line each, naming the file and JSON pointer.
  std::vector<std::string> warnings;
};

// `world` is a scenario's "world" value: a fixture name or an inline object.
// Fixture names are looked up in fixtures/worlds/ next to the scenario's
// folder or any folder above it, then in the source tree's. A fixture is
// read once per process (again if its size or modification time changes):
// the scenarios of a suite share a handful, and shared, read-only specs
// spare each scenario a parse and a copy.
hiresync::Result<std::shared_ptr<const WorldSpec>> resolve_world(const nlohmann::json& world,
                                                                 const std::string& scenario_path);

// A fixture of the source tree's fixtures/worlds/, for tools that run a world
// without a scenario file (hiresim bench): a copy, theirs to change.
hiresync::Result<WorldSpec> source_fixture(const std::string& name);

}  // namespace sim
