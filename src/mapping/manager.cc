#include "mapping/manager.h"

#include <fmt/format.h>

#include "mapping/offer_fields.h"
#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

constexpr const char* kChoose = "choose the manager in Justworks.";

const lever::User* find_user(const std::vector<lever::User>& users, const std::string& id) {
  for (const lever::User& user : users) {
    if (user.id == id) return &user;
  }
  return nullptr;
}

const justworks::Member* find_member(const std::vector<justworks::Member>& members,
                                     const std::string& email) {
  const std::string wanted = fold_case(normalize_space(email));
  for (const justworks::Member& member : members) {
    if (fold_case(normalize_space(member.email)) == wanted) return &member;
  }
  return nullptr;
}

// The Lever user id the manager comes from, and which field gave it.
struct ManagerField {
  const lever::OfferField* field = nullptr;
  const char* role = "";
  TextValue id;
};

ManagerField pick_manager_field(const lever::Offer* offer) {
  ManagerField direct{field_by_identifier(offer, "direct_manager"), "direct manager", {}};
  direct.id = read_text(direct.field);
  if (direct.id.state != TextState::kAbsent) return direct;
  ManagerField hiring{field_by_identifier(offer, "hiring_manager"), "hiring manager", {}};
  hiring.id = read_text(hiring.field);
  return hiring;
}

}  // namespace

std::optional<std::string> manager_user_id(const OfferChoice& offer) {
  if (offer.signed_offer == nullptr) return std::nullopt;
  const ManagerField source = pick_manager_field(offer.signed_offer);
  if (source.id.state != TextState::kPresent) return std::nullopt;
  return source.id.text;
}

std::optional<ManagerRef> map_manager(const HireInputs& in, const OfferChoice& offer,
                                      std::vector<Note>& notes, std::vector<FieldSource>& sources) {
  const auto note = [&](const std::string& why) {
    notes.push_back({"manager", fmt::format("{}; {}", why, kChoose)});
    return std::nullopt;
  };
  if (offer.signed_offer == nullptr) {
    sources.push_back({"manager", "", "MAP-7"});
    return note(
        fmt::format("{}, and the manager is taken only from a signed offer", offer.why_not_signed));
  }
  const ManagerField source = pick_manager_field(offer.signed_offer);
  // The offer's field, then (once read) the Lever user whose email matches a member.
  std::string path = offer_field_path(offer.signed_index,
                                      source.field ? source.field->identifier : "direct_manager");
  if (source.id.state == TextState::kPresent) {
    path += fmt::format(" → users[{}].email", source.id.text);
  }
  sources.push_back({"manager", std::move(path), "MAP-7"});
  if (source.id.state == TextState::kAbsent) {
    return note("The signed Lever offer names no direct manager or hiring manager");
  }
  if (source.id.state == TextState::kWrongType) {
    return note(fmt::format("The offer's {} is not a Lever user id (it is {})", source.role,
                            describe_value(source.field->value)));
  }
  const lever::User* user = find_user(in.users, source.id.text);
  if (user == nullptr) {
    return note(fmt::format("The offer's {} (Lever user {}) could not be read from Lever",
                            source.role, quote(source.id.text)));
  }
  const std::string who = fmt::format("The offer's {} {}", source.role, quote(user->name));
  if (user->deactivated_at_ms) return note(who + " is deactivated in Lever");
  if (normalize_space(user->email).empty()) return note(who + " has no email in Lever");
  const justworks::Member* member = find_member(in.justworks.members, user->email);
  if (member == nullptr) {
    return note(fmt::format("{} ({}) is not a Justworks member", who, quote(user->email)));
  }
  // Justworks refuses a manager without a name; a member record without one
  // is Justworks' own data problem, so it is noted rather than invented.
  std::string name = normalize_space(member->first_name + " " + member->last_name);
  if (name.empty() || !is_clean_text(name)) {
    return note(fmt::format("Justworks member {} has no name", quote(member->email)));
  }
  return ManagerRef{std::move(name), member->email};
}

}  // namespace hiresync::mapping
