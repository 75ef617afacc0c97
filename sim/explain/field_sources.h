// A pending hire, field by field: its value in Justworks, the Lever JSON path
// it was read from and the rule that decided it (the mapping's own FieldSource,
// from mapping the answers the core read), and the note when it is empty.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/read_log.h"

namespace sim::explain {

// `record`: the pending hire as the fake Justworks holds it. `reads`: the
// core's calls with the answers its mapping read (ReadLog). Returns {"fields": [{field, value,
// source, rule, reason}], "flags": [{flag, rule, reason}], "sources_from": text}. Without recorded
// reads (none kept, or the record was not made by the core) every source is "" and says so in
// "sources_from".
nlohmann::json explain_fields(const nlohmann::json& record, const std::vector<RecordedCall>& reads);

// "2027-01-04T09:00:00Z" → epoch ms; nullopt when not in that shape.
std::optional<int64_t> parse_iso_utc(const std::string& text);

}  // namespace sim::explain
