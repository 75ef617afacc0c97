// Loading a world's "lever" object into an Account: the shape of each Lever
// object (world_schema.cc), the references between objects and the
// normalization of inline applications (world.cc), and Lever's defaults for
// what a world leaves out (world_defaults.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "fake_lever/state.h"
#include "ports/random.h"

namespace sim::lever {

enum class ObjectKind {
  kUser,
  kPosting,
  kOpportunity,
  kApplication,
  kOffer,
  kStage,
  kArchiveReason,
  kContact,
  kRequisition
};

// The kind of object a collection (a world key / pointer segment) holds.
std::optional<ObjectKind> kind_of_collection(const std::string& collection);

// What is wrong with an object, at `path` (a JSON pointer below the object).
struct Problem {
  std::string path;
  std::string message;
};

// Checks the type of every field the object has and that the required ones
// are there. Fields the fake does not know are accepted untouched: Lever may
// add fields without a version bump.
std::optional<Problem> check_shape(const json& obj, ObjectKind kind);

// One reference from an object to another, e.g. an opportunity's owner.
struct Reference {
  std::string path;        // below the object, e.g. "/followers/1"
  std::string collection;  // "users", "postings", "stages", ...
  std::string id;
};
std::vector<Reference> references_of(const json& obj, ObjectKind kind);

// What the world holds for a user or posting that objects name but the world
// does not list: the id and nothing a customer's export could not show (a
// user without name or email, a posting without title or categories).
// Lever's defaults fill the rest.
json stub_for_missing(const std::string& collection, const std::string& id);

// A UUID-shaped id drawn from `random`.
std::string random_uuid(hiresync::Random& random);

// The context Lever's defaults are drawn from.
struct DefaultsContext {
  std::string account_id;
  int64_t now_ms = 0;
  hiresync::Random& random;
};

// Lever's built-in pipeline stages and archive reasons.
extern const char* const kDefaultHiredReasonId;
void add_default_stages(Collection& stages);
void add_default_archive_reasons(Collection& archive_reasons);

// Each fills only the fields the object lacks; a field given is never changed.
void fill_user(json& user, const DefaultsContext& ctx);
void fill_posting(json& posting, const DefaultsContext& ctx);
// `posting` is the opportunity's job, or null.
void fill_opportunity(json& opp, const json* posting, const Account& account,
                      const DefaultsContext& ctx);
void fill_application(json& app, const json& opp, const json* posting);
void fill_offer(json& offer, const std::string& posting_id, const DefaultsContext& ctx);
void fill_simple(json& obj, ObjectKind kind, const DefaultsContext& ctx);
// Lever derives contacts from opportunities; used when a world lists none.
void derive_contacts(Account& account);

struct WorldContext {
  std::string where;   // names the source in errors, e.g. "fixtures/worlds/acme.json"
  std::string prefix;  // where the lever object sits in that source, e.g. "/lever"
  DefaultsContext defaults;
};

// Builds `out` from a world's lever object, or says which path is invalid.
hiresync::Status load_lever_world(const json& lever, const WorldContext& ctx, Account& out);

// Checks an object edited by set(): its shape and its references.
hiresync::Status check_edited_object(const Account& account, const std::string& collection,
                                     const json& obj, const std::string& where_path);

}  // namespace sim::lever
