// MAP-9: which of an opportunity's offers the pending hire is read from.
#pragma once

#include <string>
#include <vector>

#include "lever/types.h"

namespace hiresync::mapping {

struct OfferChoice {
  // Supplies title, compensation, member type and exemption status: the most
  // recent signed offer, else the most recent offer still in the workflow.
  const lever::Offer* terms = nullptr;
  // Supplies manager and start date: set only when `terms` is signed, because
  // Justworks takes those two only after Lever's offer workflow is complete.
  const lever::Offer* signed_offer = nullptr;
  // Sentences (no final period) saying why a pointer above is null, for notes.
  std::string why_no_terms;
  std::string why_not_signed;
  // Where `terms` and `signed_offer` sit in the list Lever gave (FieldSource paths).
  size_t terms_index = 0;
  size_t signed_index = 0;
};

// Most recent by createdAt; equal createdAt → the greater id (byte order), so
// the choice never depends on the order Lever listed the offers in.
// REQUIRES: the returned pointers are used only while `offers` lives.
OfferChoice choose_offer(const std::vector<lever::Offer>& offers);

}  // namespace hiresync::mapping
