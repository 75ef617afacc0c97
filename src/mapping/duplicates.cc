#include "mapping/duplicates.h"

#include <fmt/format.h>

#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

bool same_email(const std::string& a, const std::string& b) {
  const std::string folded_a = fold_case(normalize_space(a));
  return !folded_a.empty() && folded_a == fold_case(normalize_space(b));
}

}  // namespace

void flag_duplicates(const HireInputs& in, PendingHireDraft& draft) {
  std::vector<std::string> reasons;
  const std::string& contact = in.opportunity.contact_id;
  const std::string email = draft.home_email.value_or("");

  for (const justworks::ExistingPendingHire& other : in.existing_pending_hires) {
    if (other.lever_opportunity_id == in.opportunity.id) continue;
    if (fold_case(other.status) == "dismissed") continue;
    if (!contact.empty() && other.lever_contact_id == contact) {
      reasons.push_back(fmt::format(
          "Pending hire {} is the same Lever candidate (another opportunity, {}); check that this "
          "is not the same hire twice.",
          quote(other.id), quote(other.lever_opportunity_id)));
    } else if (same_email(email, other.home_email)) {
      reasons.push_back(fmt::format(
          "Pending hire {} has the same home email; check that this is not the same person.",
          quote(other.id)));
    }
  }
  for (const justworks::Member& member : in.justworks.members) {
    if (!same_email(email, member.email)) continue;
    reasons.push_back(fmt::format(
        "The home email belongs to Justworks member {}; check whether this is a rehire of an "
        "existing member.",
        quote(normalize_space(member.first_name + " " + member.last_name))));
  }
  if (reasons.empty()) return;
  draft.flags.push_back("possible_duplicate");
  for (std::string& reason : reasons) draft.notes.push_back({"flags", std::move(reason)});
}

EarlierPendingHires earlier_pending_hires(const std::string& opportunity_id, const HireInputs& in) {
  EarlierPendingHires earlier;
  for (const auto& e : in.existing_pending_hires) {
    if (e.lever_opportunity_id != opportunity_id) continue;
    if (e.status == "pending") {
      earlier.still_pending_id = e.id;
      return earlier;
    }
    ++earlier.closed;
  }
  return earlier;
}

}  // namespace hiresync::mapping
