// Recognising a Lever API object by its content: which of Lever's resources
// (opportunity, offer, posting, …) a JSON object is, whatever file it came in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim::repro {

enum class LeverKind {
  kOpportunity,
  kOffer,
  kPosting,
  kUser,
  kStage,
  kArchiveReason,
  kApplication,
  kContact,
  kUnread,  // an interview, note, feedback form, requisition…: the sync never reads these
};

// "opportunity", "archive reason", … as a person says it.
std::string kind_name(LeverKind kind);
// The world collection the kind loads into ("opportunities", …).
std::string collection_of(LeverKind kind);

// What a file's name suggests it holds ("offers-….json" → kOffer), if anything.
std::optional<LeverKind> kind_hint(const std::string& file_name);

// The kinds `object`'s fields fit. Usually one; several when the object is
// too bare to tell (then the file name's hint decides, see decide_kind);
// none when it is no Lever object the sync knows.
std::vector<LeverKind> kinds_fitting(const nlohmann::json& object);

// One kind, or a message saying why not: "looks like an offer or a note",
// "no Lever object has these fields (id, foo)".
struct KindDecision {
  std::optional<LeverKind> kind;
  std::string problem;
};
KindDecision decide_kind(const nlohmann::json& object, std::optional<LeverKind> hint);

}  // namespace sim::repro
