// The mapping: Lever opportunity + offers + posting + users + the Justworks
// company's lists → the pending hire of SPEC §5 with its notes. Pure: no I/O,
// no clock, no randomness; every rule (MAP-1..11, HIRE-5's flag, HIRE-7) is
// decided here and tested by tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "justworks/types.h"
#include "lever/types.h"

namespace hiresync {

struct Note {
  std::string field;   // a pending-hire field name, e.g. "office"
  std::string reason;  // a sentence a Justworks admin understands
  bool operator==(const Note&) const = default;
};

// Where a field's value was read in Lever and which rule decided it, for the
// explanation of a run (issue 14). The worker ignores it and the Justworks
// body (justworks/pending_hire_body.h) never holds it. `source` is a Lever JSON path relative to
// what the core read
// ("offers[0].fields[salary_amount].value", "posting.categories.department",
// "opportunity.emails[1]"), also when the value there was dropped; "" when
// there was nothing to read (no offer, no posting).
struct FieldSource {
  std::string field;  // a pending-hire field name, as in Note
  std::string source;
  std::string rule;  // "MAP-5"
  bool operator==(const FieldSource&) const = default;
};

struct ManagerRef {
  std::string name;
  std::string email;
  bool operator==(const ManagerRef&) const = default;
};

// The pending hire as the core creates it (no id or status: Justworks assigns those).
struct PendingHireDraft {
  std::string lever_opportunity_id;
  std::string lever_contact_id;
  std::optional<std::string> first_name, last_name, home_email, title, department, office;
  std::optional<ManagerRef> manager;
  std::optional<std::string> start_date;   // YYYY-MM-DD, UTC
  std::optional<std::string> member_type;  // full_time | part_time | intern | contractor
  std::optional<double> compensation_amount;
  std::optional<std::string> type_of_earnings;  // salary | wage
  std::optional<std::string> exemption_status;  // exempt | non_exempt
  std::vector<std::string> flags;               // e.g. "possible_duplicate"
  std::vector<Note> notes;
  std::vector<FieldSource> sources;  // one per field above, in the same order
  bool operator==(const PendingHireDraft&) const = default;
};

struct HireInputs {
  lever::Opportunity opportunity;
  std::vector<lever::Offer> offers;       // all of the opportunity's offers, any order
  std::optional<lever::Posting> posting;  // nullopt: no job selected, or not readable
  std::vector<lever::User> users;         // at least the offer's managers, when known
  justworks::Directory justworks;
  std::vector<justworks::ExistingPendingHire> existing_pending_hires;
};

PendingHireDraft map_hire(const HireInputs& inputs);

}  // namespace hiresync
