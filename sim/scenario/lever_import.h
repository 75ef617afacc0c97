// Taking Lever data as real exports and customers' worlds hold it, shared by
// world files (scenarios, serve) and `hiresim repro`: which of Lever's
// collections the sync never reads (skipped, with a warning), and which
// references name a user or posting the data does not hold (a warning; the
// fake Lever serves a stub for each, as Lever knows them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim {

// Lever API collections the sync never reads ("interviews", "notes",
// "requisition_fields", …), by the name of the world key or endpoint.
bool is_unread_lever_collection(const std::string& name);

// The unread collection a saved response's file name names, if any
// ("interviews-<id>.json" → "interviews").
std::optional<std::string> unread_collection_in_file_name(const std::string& file_name);

struct LeverImport {
  nlohmann::json lever;               // what the fake Lever loads
  std::vector<std::string> warnings;  // one line each, naming `where` and the JSON pointer
};

// `lever` is a world's "lever" object, at `where` + `prefix` (e.g.
// "fixtures/worlds/acme.json", "/lever"). Unread collections are dropped;
// everything else is left to the fake's loader, which checks it.
LeverImport import_lever_world(const nlohmann::json& lever, const std::string& where,
                               const std::string& prefix);

}  // namespace sim
