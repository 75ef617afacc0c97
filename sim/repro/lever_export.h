// Reading what a customer saved from Lever's API with curl — a folder of
// responses or one file — into the Lever objects they hold, each tagged with
// its kind and where it was found (file and JSON pointer), plus the optional
// Justworks side (justworks.json: company, departments, offices, members).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "repro/classify.h"

namespace sim::repro {

struct ExportedObject {
  LeverKind kind;
  nlohmann::json value;
  std::string file;     // the file it came in, as found under the given path
  std::string pointer;  // where in that file, e.g. "/data/3" or "/data/applications/0"
  std::string where() const { return file + ": " + (pointer.empty() ? "/" : pointer); }
};

struct LeverExport {
  std::vector<ExportedObject> objects;  // files in name order, objects in file order
  std::optional<nlohmann::json> justworks;
  std::string justworks_file;
  std::vector<std::string> warnings;  // what was skipped, and why
};

// Accepts list responses ({"data": [...], "hasNext", "next"}; pages as
// separate files), single responses ({"data": {...}}), bare objects and
// arrays. Objects expanded inline (?expand=applications, owner, followers…)
// are taken out as objects of their own and replaced by their id, as Lever
// serves them unexpanded. In a folder, every *.json file is read.
// Errors (InvalidArgument) name the file and the JSON pointer: not JSON, a
// response of no known shape, an object whose kind cannot be told.
hiresync::Result<LeverExport> read_lever_export(const std::string& path);

}  // namespace sim::repro
