// Acme with many more candidates, connected: the world the core's load tests
// stand on (hiresim bench's core figure, the concurrent-core tests).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "scenario/sim_world.h"
#include "scenario/world_spec.h"

namespace sim {

// One more candidate at the offer stage, with a signed offer shaped like the
// fixture's own. Candidates sharing `contact` are one person applying twice.
struct ExtraCandidate {
  std::string opportunity;
  std::string name;
  std::string contact;
  std::string email;
};

// The acme fixture plus `extra`.
hiresync::Result<WorldSpec> acme_with(const std::vector<ExtraCandidate>& extra);

// Connects the world's integration as Dana and Sam do it on the pages:
// setup, consent, the webhook enabled and verified, Finish setup.
hiresync::Status connect_acme(SimWorld& world);

}  // namespace sim
