#include "mapping/hire_reads.h"

#include "mapping/job.h"
#include "mapping/manager.h"
#include "mapping/offer_choice.h"
#include "mapping/person.h"

namespace hiresync::mapping {

HireReads hire_reads(const lever::Opportunity& opportunity,
                     const std::vector<lever::Offer>& offers) {
  HireReads reads;
  reads.posting_id = posting_to_read(opportunity, offers);
  if (auto manager = manager_user_id(choose_offer(offers))) reads.user_ids.push_back(*manager);
  std::vector<Note> notes;  // map_hire writes the same notes with the pending hire
  std::vector<FieldSource> sources;
  reads.home_email = map_home_email(opportunity, notes, sources);
  return reads;
}

}  // namespace hiresync::mapping
