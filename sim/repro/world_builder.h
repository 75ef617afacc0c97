// From the objects of a Lever export to a world in SPEC §6's form — Lever's
// collections, offers by opportunity, a Justworks side — saying what it had
// to make up: stubs for what the export names but does not hold, the
// Justworks company when none was given, a Lever admin to connect as.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "repro/lever_export.h"

namespace sim::repro {

struct ImportedWorld {
  nlohmann::json world;                    // {"lever": {...}, "justworks": {...}}
  std::vector<std::string> opportunities;  // every opportunity id, in export order
  std::vector<std::string> hired;          // those archived with a reason of type hired
  std::string lever_admin;                 // the Lever user who connects (an email)
  std::string justworks_admin;             // the Justworks admin who sets up (an email)
  bool justworks_made_up = false;
  std::vector<std::string> notes;  // warnings and what was made up, one line each
};

// Errors (InvalidArgument) name the file and JSON pointer: no opportunity in
// the export, an offer whose opportunity cannot be told, a Justworks side
// without an admin.
hiresync::Result<ImportedWorld> build_world(const LeverExport& exported);

}  // namespace sim::repro
