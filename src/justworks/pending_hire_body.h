// The body of POST /internal/v1/pending_hires (docs/justworks-api.md), written from the
// mapping's draft. Beside the client because only justworks/ knows Justworks'
// JSON shapes; the mapping decides the values, this decides how they are
// spelled.
#pragma once

#include <nlohmann/json.hpp>

#include "mapping/map_hire.h"

namespace hiresync::justworks {

// Every key present, absent values null; the provenance (`sources`) is never written.
nlohmann::json pending_hire_body(const PendingHireDraft& draft);

}  // namespace hiresync::justworks
