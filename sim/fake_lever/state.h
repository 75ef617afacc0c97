// The fake Lever's in-memory state: accounts with their Lever objects, OAuth
// grants and tokens, webhooks and their deliveries. Plain data; every access
// happens under FakeLever::Impl::mu.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_lever/switches.h"

namespace sim::lever {

using json = nlohmann::json;

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kMinuteMs = 60 * kSecondMs;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

// A Lever object as served, with its serialized form cached: most reads return
// an unchanged object, and re-dumping it per request would dominate their cost.
class Stored {
 public:
  explicit Stored(json obj) : obj_(std::move(obj)) {}
  const json& obj() const { return obj_; }
  // Every edit goes through here so the cached dump is dropped.
  json& edit() {
    dump_.clear();
    return obj_;
  }
  const std::string& id() const { return obj_["id"].get_ref<const std::string&>(); }
  const std::string& dump() const;

 private:
  json obj_;
  mutable std::string dump_;  // "" = not yet serialized since the last edit
};

// One kind of Lever object in one account, in the order lists serve it.
// Nothing is ever removed, so a position stays valid for paging tokens.
class Collection {
 public:
  Stored* find(const std::string& id);
  const Stored* find(const std::string& id) const;
  // REQUIRES: obj["id"] is a string not yet in the collection.
  Stored& add(json obj);
  std::deque<Stored>& items() { return items_; }
  const std::deque<Stored>& items() const { return items_; }
  size_t size() const { return items_.size(); }

  // True when the world listed this collection, so references into it are
  // checked; an omitted collection (a partial export) leaves them unchecked.
  bool given = false;

 private:
  std::deque<Stored> items_;  // a deque keeps references stable on add
  std::unordered_map<std::string, size_t> index_;
};

// Per-account settings a Lever super admin controls. Not part of Lever's API;
// a world sets them under "settings".
struct AccountSettings {
  // Roles holding "Manage API credentials and manage integrations".
  std::vector<std::string> roles_with_manage_integrations{"super admin"};
  // When true an offer must be approved before it is sent through Lever.
  bool offer_approval_required = false;
  // Lever's undocumented choices (fake_lever/switches.h).
  LeverSwitches switches;
};

struct Account {
  std::string id;
  AccountSettings settings;
  Collection users, postings, opportunities, applications, stages, archive_reasons, contacts,
      requisitions;
  std::map<std::string, Collection> offers;  // opportunity id → its offers, oldest first
  std::set<std::string> enabled_events;      // event groups a super admin turned on

  // The collection a JSON pointer's first segment names, or null.
  Collection* collection(const std::string& name);
  const Collection* collection(const std::string& name) const;
};

// --- OAuth ---

struct AuthCode {
  std::string client_id, redirect_uri;
  size_t grant = 0;  // index into Impl::grants
  int64_t expires_ms = 0;
  bool used = false;
};

// One consent: a user of one account let one app act with these scopes.
struct Grant {
  std::string account, client_id, user_id;
  std::vector<std::string> scopes;
  int64_t created_ms = 0;
  bool revoked = false;
  // A rotated refresh token was presented again (refresh_reuse =
  // revoke_family): every token of this consent is dead, but the app stays
  // authorized (its webhooks keep sending) until someone consents anew.
  bool family_revoked = false;
};

struct Bucket {
  double tokens = 0;
  int64_t updated_ms = 0;
};

struct AccessToken {
  size_t grant = 0;
  int64_t expires_ms = 0;
  Bucket* bucket = nullptr;  // the account+app's rate limit, found once at issue
};

struct RefreshToken {
  size_t grant = 0;
  int64_t issued_ms = 0;
  std::optional<int64_t> rotated_ms;  // set once exchanged for a new one
};

// --- Webhooks ---

struct Delivery {
  int64_t seq = 0;  // creation order across the fake
  std::string event, opportunity_id;
  std::string body;  // the exact bytes sent on every attempt
  int attempts = 0;
  int last_status = 0;              // 0 = no answer (transport error) or not yet sent
  std::string outcome = "pending";  // pending | delivered | failed | cancelled
  int64_t next_due_ms = 0;
  bool rerun = false;          // a manual Rerun (replay) of an earlier delivery
  bool fault_checked = false;  // matched against the delivery faults (first attempt)
  std::string fault;           // the delivery fault that hit it, if any
};

struct Webhook {
  std::string id, account, client_id, url, event;
  json conditions;  // null when none
  std::string signature_token;
  int64_t created_ms = 0, updated_ms = 0;
  bool deleted = false;
  std::optional<std::string> verified;  // last Verify Connection result
  std::deque<Delivery> deliveries;      // history, oldest first, capped
};

}  // namespace sim::lever
