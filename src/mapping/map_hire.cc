// map_hire: one pass over the rules, in the order of the pending hire's
// fields (SPEC §5), so the notes read in that order too. Each rule lives in
// its own file; this one only wires them together.
#include "mapping/map_hire.h"

#include "mapping/classification.h"
#include "mapping/compensation.h"
#include "mapping/dates.h"
#include "mapping/duplicates.h"
#include "mapping/job.h"
#include "mapping/manager.h"
#include "mapping/offer_choice.h"
#include "mapping/person.h"

namespace hiresync {

PendingHireDraft map_hire(const HireInputs& in) {
  using namespace mapping;
  PendingHireDraft draft;
  draft.lever_opportunity_id = in.opportunity.id;
  draft.lever_contact_id = in.opportunity.contact_id;
  std::vector<Note>& notes = draft.notes;
  std::vector<FieldSource>& sources = draft.sources;

  const OfferChoice offer = choose_offer(in.offers);
  const PersonName name = map_name(in.opportunity, notes, sources);
  draft.first_name = name.first;
  draft.last_name = name.last;
  draft.home_email = map_home_email(in.opportunity, notes, sources);
  draft.title = map_title(in, offer, notes, sources);
  draft.department = map_department(in, notes, sources);
  draft.office = map_office(in, notes, sources);
  draft.manager = map_manager(in, offer, notes, sources);
  draft.start_date = map_start_date(offer, notes, sources);
  draft.member_type = map_member_type(in, offer, notes, sources);
  const Compensation pay = map_compensation(offer, notes, sources);
  draft.compensation_amount = pay.amount;
  draft.type_of_earnings = pay.type_of_earnings;
  draft.exemption_status = map_exemption_status(offer, notes, sources);
  flag_duplicates(in, draft);
  return draft;
}

}  // namespace hiresync
