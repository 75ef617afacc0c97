#include "mapping/offer_choice.h"

#include <fmt/format.h>

#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

bool is_newer(const lever::Offer& a, const lever::Offer& b) {
  if (a.created_at_ms != b.created_at_ms) return a.created_at_ms > b.created_at_ms;
  return a.id > b.id;
}

std::string status_of(const lever::Offer& offer) {
  return fold_case(normalize_space(offer.status));
}

// Statuses of an offer that is still on its way to the candidate. Draft and
// denied offers say nothing reliable about the hire, and an unknown status is
// treated the same way rather than guessed at.
bool in_workflow(const std::string& status) {
  return status == "approval-sent" || status == "approved" || status == "sent" ||
         status == "sent-manually" || status == "opened";
}

const lever::Offer* newest(const std::vector<lever::Offer>& offers,
                           bool (*accept)(const std::string&)) {
  const lever::Offer* best = nullptr;
  for (const lever::Offer& offer : offers) {
    if (!accept(status_of(offer))) continue;
    if (best == nullptr || is_newer(offer, *best)) best = &offer;
  }
  return best;
}

}  // namespace

OfferChoice choose_offer(const std::vector<lever::Offer>& offers) {
  OfferChoice choice;
  if (const lever::Offer* signed_offer =
          newest(offers, [](const std::string& s) { return s == "signed"; })) {
    choice.terms = choice.signed_offer = signed_offer;
    choice.terms_index = choice.signed_index = static_cast<size_t>(signed_offer - offers.data());
    return choice;
  }
  if (const lever::Offer* pending = newest(offers, in_workflow)) {
    choice.terms = pending;
    choice.terms_index = static_cast<size_t>(pending - offers.data());
    choice.why_not_signed = fmt::format(
        "The Lever offer workflow is not complete: the most recent offer is {}, not signed",
        quote(pending->status));
    return choice;
  }
  choice.why_no_terms = offers.empty()
                            ? "The candidate has no offer in Lever"
                            : "None of the candidate's Lever offers is signed or in progress "
                              "(drafts and declined offers are not used)";
  choice.why_not_signed = choice.why_no_terms;
  return choice;
}

}  // namespace hiresync::mapping
