// A fuzz case as data: a history of events (each one or a few scenario steps
// that belong together, like the four steps of reconnecting), drawn from a
// seed, and what that history promises. The case becomes an ordinary
// scenario document, so a failure reproduces with `hiresim run`.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sim::fuzz {

// One thing that happens: the scenario steps it takes, in order.
using Event = std::vector<nlohmann::json>;
using History = std::vector<Event>;

// The same seed always gives the same history.
History generate_history(uint64_t seed);

// What a history promises, read from its steps alone (so it holds for any
// sub-history the shrinker tries): opportunities whose hire reached a
// connected core must each end with exactly one pending hire; those never
// hired while connected with the webhook on must have none. Hires whose fate
// depends on timing (revoked before delivery, a core down through Lever's
// retries) are in neither set.
struct Promise {
  std::set<std::string> synced;
  std::set<std::string> unsynced;
};
Promise promise_of(const History& history);

// The scenario document: the history, then steps that bring the world to
// rest (faults cleared, core up, connected, settled, failed hires retried),
// then expect.invariants with the promise.
// `lever_settings` (Lever switches, `hiresim fuzz --set`) become lever.set
// steps before the history, so the written repro carries them.
nlohmann::json scenario_document(uint64_t seed, const History& history,
                                 const nlohmann::json& lever_settings = nlohmann::json::object());

}  // namespace sim::fuzz
