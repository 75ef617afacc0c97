#include "fuzz/history.h"

#include <array>
#include <iterator>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "common/duration.h"
#include "ports/random.h"

namespace sim::fuzz {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kOpportunities = {"opp-jane", "opp-omar",  "opp-zoe",
                                                            "opp-li",   "opp-maria", "opp-kai"};
constexpr const char* kAdmin = "dana@acme.example";  // a Justworks admin
constexpr const char* kLeverAdmin = "sam@acme.example";

// Members whose Manage employees permission a drawn world may flip (never
// Dana's: she runs the setup and must stay reachable).
constexpr std::array<std::string_view, 3> kFlippable = {"priya@acme.example", "marcus@acme.example",
                                                        "sam@acme.example"};

// The calls the worker makes, which HTTP faults aim at. Never the token
// endpoint: a lost refresh answer spends the rotated token, a documented
// limit of the core (docs/decisions/core.md), not an exactly-once bug.
struct Endpoint {
  const char* target;
  const char* match;
};
constexpr std::array<Endpoint, 10> kEndpoints = {{
    {"lever", "GET /v1/opportunities/*"},
    {"lever", "GET /v1/opportunities/*/offers"},
    {"lever", "GET /v1/postings/*"},
    {"lever", "GET /v1/users/*"},
    {"justworks", "GET /v1/company"},
    {"justworks", "GET /internal/v1/members"},
    {"justworks", "GET /internal/v1/pending_hires"},
    {"justworks", "POST /internal/v1/pending_hires"},
    {"justworks", "POST /internal/v1/emails"},
    {"justworks", "* /*"},
}};
constexpr std::array<std::string_view, 4> kCrashPoints = {"after_ack", "after_fetch",
                                                          "after_create", "before_email"};
constexpr std::array<std::string_view, 4> kShortWaits = {"30s", "2m", "10m", "45m"};

json step(const std::string& action, json params) { return json{{action, std::move(params)}}; }

// A person reconnecting: a minute after whatever came before (so Lever's
// rate limit, drained by a burst of hires, has refilled: setup does not
// retry a 429, the admin would just click again), with no injected fault on
// the setup calls.
Event connect_event(bool enable_webhook, bool wait_a_minute = true) {
  // A second at least: the core dates connected periods to the millisecond,
  // and a hire in the very millisecond a connection ends is ambiguous.
  Event e = {step("clock.advance", wait_a_minute ? "1m" : "1s")};
  for (const char* target : {"lever", "justworks", "store"})
    e.push_back(step("fault", {{"target", target}, {"clear", true}}));
  for (auto& s : Event{step("justworks.setup", {{"as", kAdmin}}),
                       step("lever.consent", {{"as", kLeverAdmin}})})
    e.push_back(std::move(s));
  if (enable_webhook) e.push_back(step("lever.webhook.enable", json::object()));
  e.push_back(step("lever.webhook.verify", {{"expect", "Verified"}}));
  if (wait_a_minute) {
    e.push_back(step("justworks.finish_setup", {{"as", kAdmin}, {"expect", "connected"}}));
    return e;
  }
  // Right after a burst Lever may answer Finish setup with a 429: the core
  // waits it out (the page says awaiting_webhook meanwhile) and the admin
  // waits with it. Ten seconds refill Lever's bucket and stay well before
  // Lever's first retry of a failed delivery, a minute on.
  e.push_back(step("justworks.finish_setup", {{"as", kAdmin}}));
  e.push_back(step("clock.advance", "10s"));
  e.push_back(step("expect.integration", {{"status", "connected"}}));
  return e;
}

// Walks the steps as the world would see them, tracking only what decides a
// hire's fate. Conservative: when timing could go either way, the hire is
// in neither set.
class PromiseModel {
 public:
  void apply(const json& s) {
    const std::string action = s.begin().key();
    const json& p = s.begin().value();
    if (action == "justworks.finish_setup") {
      if (connected_) {
        // A reconnect deletes the webhook Lever was still sending to: what it
        // had queued or was retrying never comes. Ending the old period owes
        // Lever's retry span (REL-7), so reconciliation finds each hire, if
        // still hired (the soak's seed 6655: unhired first, found by none).
        for (const auto* pending : {&fresh_, &retrying_}) {
          for (const auto& opp : *pending) {
            // Unhired: nothing to find. Re-hired in the same instant: what
            // reconciliation finds looks like the hire it has (seed 96651).
            if (hired_.count(opp) && !same_instant_.count(opp)) down_hires_.insert(opp);
          }
        }
        unsettle();
        reconcile_due_ = true;
        store_faulted_ = store_armed_;
      }
      connected_ = true;
    } else if (action == "lever.revoke" || action == "justworks.disconnect") {
      connected_ = false;
      unsettle();
      // A revoke's moment is unknown to the core; a disconnect's tail is
      // reconciled only at a reconnect: either way, timing decides.
      down_hires_.clear();
      reconcile_due_ = false;
    } else if (action == "lever.webhook.disable") {
      webhook_on_ = false;
      unsettle();
    } else if (action == "lever.webhook.enable") {
      webhook_on_ = true;
    } else if (action == "lever.hire") {
      const std::string opp = p["opportunity"];
      hired_.insert(opp);
      // Reconciliation knows a hire by Lever's archivedAt alone, to the
      // millisecond: a re-hire at the very instant of the opportunity's last
      // hire (virtual time stood still; no person is that quick) looks like
      // the hire the core already has (the soak's seed 16535).
      const bool same_instant = hired_at_.count(opp) && hired_at_[opp] == instant_;
      hired_at_[opp] = instant_;
      if (same_instant) {
        same_instant_.insert(opp);
      } else {
        same_instant_.erase(opp);
      }
      if (connected_ && webhook_on_) {
        touched_.insert(opp);
        fresh_.insert(opp);
        // REL-7: reconciled once the core is back
        if (down_ && !same_instant) down_hires_.insert(opp);
      } else if (connected_) {
        // The webhook is off, which the core cannot see: inside a stretch
        // it reconciles (an outage, a refusal, a reconnect) it may sync it.
        maybe_.insert(opp);
      }
    } else if (action == "lever.unhire") {
      // No longer hired in Lever: reconciliation will not find it.
      hired_.erase(p["opportunity"].get<std::string>());
      down_hires_.erase(p["opportunity"].get<std::string>());
    } else if (action == "justworks.dismiss") {
      // That pending hire is closed; a later hire makes a new one.
      acked_.erase(p["opportunity"].get<std::string>());
    } else if (action == "core.crash") {
      down_ = true;
    } else if (action == "core.restart") {
      if (down_) {
        reconcile_due_ = true;
        store_faulted_ = store_armed_;
      }
      down_ = false;
    } else if (action == "fault") {
      const std::string target = p.value("target", "");
      if (target == "core") crash_armed_ = !p.contains("clear");
      if (target == "store") {
        store_armed_ = !p.contains("clear");
        if (store_armed_ && reconcile_due_) store_faulted_ = true;
      }
      if (target == "lever" && p.contains("clear")) delay_armed_ = false;
      if (p.value("deliveries", "") == "delay") delay_armed_ = true;
    } else if (action == "clock.advance") {
      ++instant_;
      // Fresh deliveries go out now. Reaching a core that is up and cannot
      // die, they are acknowledged; else they are in Lever's retries, whose
      // times the model does not track.
      reconciled(/*settling=*/false);
      if (down_ || crash_armed_ || delay_armed_ || store_armed_) {
        retrying_.insert(fresh_.begin(), fresh_.end());
      } else {
        acked_.insert(fresh_.begin(), fresh_.end());
      }
      fresh_.clear();
      // Lever gives up on a delivery 8 h 36 min after its first attempt; a
      // history that waits that long may lose one to a down core.
      auto ms = parse_duration_ms(p.get<std::string>());
      waited_ms_ += ms.ok() ? *ms : 0;
      if (waited_ms_ >= kLeverGivesUpMs) unsettle();
    } else if (action == "settle") {
      // Everything due runs, Lever's retries included. With the core down
      // (or able to die) the whole time, deliveries may use up their retries.
      reconciled(/*settling=*/true);
      if (!down_ && !crash_armed_) {
        // A failing store can refuse each of Lever's retries in turn; then
        // only reconciliation (owed after a refusal) syncs the hire, and only
        // if it is still hired (the soak's seed 45568).
        for (const auto* pending : {&fresh_, &retrying_}) {
          for (const auto& opp : *pending) {
            if (!store_armed_ || (connected_ && hired_.count(opp))) acked_.insert(opp);
          }
        }
      }
      unsettle();
    }
  }
  bool connected() const { return connected_; }
  bool webhook_on() const { return webhook_on_; }
  const std::set<std::string>& acked() const { return acked_; }
  Promise promise() const {
    Promise out{acked_, {}};
    for (const auto& opp : all_) {
      if (!touched_.count(opp) && !maybe_.count(opp)) out.unsynced.insert(opp);
    }
    return out;
  }

 private:
  // REL-7: time passes with the core back up after an outage, still
  // connected: it has reconciled the outage, so every hire made during it
  // (and still hired in Lever) is synced, whatever became of its deliveries.
  // Reconciliation is due at once after a restart, so any wait runs it —
  // unless the store has failed since: then it retries after a backoff the
  // model does not track, and only a settle is sure to have reached it (the
  // soak's seed 6655: an unhire just after a store fault came first).
  void reconciled(bool settling) {
    if (!reconcile_due_ || down_) return;
    if (store_faulted_ && !settling) return;
    if (connected_) acked_.insert(down_hires_.begin(), down_hires_.end());
    down_hires_.clear();
    reconcile_due_ = false;
    store_faulted_ = false;
  }
  void unsettle() {  // what is still in Lever's queue may never arrive
    fresh_.clear();
    retrying_.clear();
    waited_ms_ = 0;
  }
  static constexpr int64_t kLeverGivesUpMs = 8 * 3'600'000LL;

  const std::set<std::string> all_{kOpportunities.begin(), kOpportunities.end()};
  bool connected_ = false, webhook_on_ = false, down_ = false;
  bool crash_armed_ = false, delay_armed_ = false, store_armed_ = false;
  bool reconcile_due_ = false;  // the core came back or reconnected; not yet reconciled
  bool store_faulted_ = false;  // a store fault was armed since then
  // Hired (connected, webhook on) while the core was down, or with deliveries
  // still due when a reconnect deleted the webhook: reconciliation's to find.
  std::set<std::string> down_hires_;
  std::set<std::string> hired_;          // hired in Lever now
  std::map<std::string, int> hired_at_;  // the instant of each opportunity's last hire
  std::set<std::string> same_instant_;   // last hired in the instant of the hire before
  int instant_ = 0;                      // counts clock.advance steps: time surely passed
  std::set<std::string> maybe_;          // hired while connected with the webhook off
  std::set<std::string> touched_;        // hired at least once while connected, webhook on
  std::set<std::string> fresh_;          // delivery queued in Lever, not yet sent
  std::set<std::string> retrying_;       // delivery sent, maybe failed, maybe retried later
  std::set<std::string> acked_;          // delivery certainly reached a live core
  int64_t waited_ms_ = 0;                // clock advanced while deliveries were in Lever's queue
};

// SplitMix64 steps its state by a constant, so seeding it with neighbouring
// numbers gives the same stream shifted by a draw: seed 41's history was
// seed 40's minus its first choice, and failures came in clusters. Seeds go
// through the mixer first, so each is an unrelated stream.
uint64_t spread(uint64_t seed) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Draws events, keeping just enough state that every action is legal
// (no unhire of an opportunity that is not hired, no setup while the core
// is down) — the fuzzer is after the core's bugs, not the scenario's.
class Generator {
 public:
  explicit Generator(uint64_t seed) : random_(spread(seed)) {}

  History run() {
    for (auto member : kFlippable) {
      if (pick(4) == 0)
        add({step("justworks.set_permission", {{"member", std::string(member)},
                                               {"permission", "manage_employees"},
                                               {"granted", pick(2) == 0}})});
    }
    add(connect_event(true));
    connected_ = webhook_on_ = true;
    const int length = 8 + static_cast<int>(pick(18));
    for (int i = 0; i < length; ++i) one_event();
    return std::move(history_);
  }

 private:
  uint64_t pick(uint64_t n) { return random_.below(n); }
  template <typename T, size_t N>
  const T& choose(const std::array<T, N>& a) {
    return a[pick(N)];
  }
  void add(Event e) {
    for (const auto& s : e) model_.apply(s);
    history_.push_back(std::move(e));
  }

  void one_event() {
    // A crash window or a core that was killed closes before anything that
    // needs the core's pages (setup, retry) or a settle.
    if (crash_window_ > 0 && --crash_window_ == 0) {
      add({step("clock.advance", std::string(choose(kShortWaits))),
           step("fault", {{"target", "core"}, {"clear", true}}),
           step("core.restart", {{"if_down", true}})});
      return settle();
    }
    const bool core_sure = crash_window_ == 0;
    const uint64_t roll = pick(100);
    if (roll < 30) return hire(core_sure);
    if (roll < 36) return unhire();
    if (roll < 50) return core_sure ? settle() : wait();
    if (roll < 55) return wait();
    if (roll < 64) return http_fault();
    if (roll < 69) return store_fault();
    if (roll < 75) return delivery_fault();
    if (roll < 81 && core_sure) return crash_window();
    if (roll < 84 && core_sure) {
      switch (pick(3)) {
        case 0:
          return long_outage();
        case 1:
          return reconnect_with_retries_pending();
        default:
          return kill_core();
      }
    }
    if (!core_sure) return hire(false);
    if (roll < 87) return connected_ ? revoke() : reconnect();
    if (roll < 89) return connected_ ? disconnect() : reconnect();
    if (roll < 93) return toggle_webhook();
    if (roll < 95) return replay();
    if (roll < 98) return dismiss_and_unhire();
    return retry();
  }

  void settle() { add({step("settle", json::object())}); }

  // Often followed by a settle, so that many hires reach the core before
  // the next revoke or disconnect and the promise has teeth.
  void hire(bool may_settle) {
    const std::string opp(choose(kOpportunities));
    if (hired_[opp]) return unhire_of(opp);
    hired_[opp] = true;
    if (connected_ && webhook_on_) hired_since_connect_ = true;
    add({step("lever.hire", {{"opportunity", opp}})});
    if (may_settle && pick(2) == 0) settle();
  }
  void unhire() {
    for (auto opp : kOpportunities) {
      if (hired_[std::string(opp)] && pick(2) == 0) return unhire_of(std::string(opp));
    }
    hire(crash_window_ == 0);
  }
  void unhire_of(const std::string& opp) {
    hired_[opp] = false;
    add({step("lever.unhire", {{"opportunity", opp}})});
  }
  void wait() { add({step("clock.advance", std::string(choose(kShortWaits)))}); }

  void http_fault() {
    const Endpoint& e = choose(kEndpoints);
    json f = {{"target", e.target}, {"match", e.match}, {"times", 1 + pick(3)}, {"after", pick(3)}};
    switch (pick(7)) {
      case 0:
        f["respond"] = 500;
        break;
      case 1:
        f["respond"] = 503;
        break;
      case 2:
        f["respond"] = 429;
        f["retry_after"] = 1 + pick(120);
        break;
      case 3:
        f["respond"] = "timeout";
        break;
      case 4:
        f["respond"] = "drop";
        break;
      case 5:
        f["respond"] = "reset";
        break;
      default:
        f["respond"] = 502;
        break;
    }
    add({step("fault", std::move(f))});
  }

  // The Nth store operation from now fails, and maybe the next few: every
  // "store unavailable" branch of the core, as SQLite's anomaly tests do.
  void store_fault() {
    static constexpr std::array<std::string_view, 6> kOps = {
        "*", "*", "atomically", "put_hire", "hire", "put_reconciliation"};
    add({step("fault", {{"target", "store"},
                        {"op", std::string(choose(kOps))},
                        {"after", pick(40)},
                        {"times", 1 + pick(3)}})});
  }

  // REL-7: the core is down longer than Lever's retries; every delivery of
  // the hires made meanwhile fails for good.
  void long_outage() {
    add({step("core.crash", json::object())});
    for (uint64_t n = 1 + pick(2); n > 0; --n) hire(false);
    add({step("clock.advance", "9h"), step("core.restart", {{"if_down", true}})});
    settle();
    // Every delivery on the webhook is now older than the receiver's
    // one-day dedupe horizon: a Rerun of one is refused as stale.
    hired_since_connect_ = false;
  }

  // REL-7: the core is down when Lever delivers; it comes back and an admin
  // reconnects before Lever's next retry, which deletes the old webhook.
  void reconnect_with_retries_pending() {
    if (!connected_ || !webhook_on_) return kill_core();
    add({step("core.crash", json::object())});
    hire(false);
    add({step("core.restart", {{"if_down", true}})});
    add(connect_event(false, /*wait_a_minute=*/false));
    hired_since_connect_ = false;
  }

  void delivery_fault() {
    json f = {{"target", "lever"}, {"times", 1 + pick(2)}};
    switch (pick(3)) {
      case 0:
        f["deliveries"] = "duplicate";
        break;
      case 1:
        f["deliveries"] = "reorder";
        break;
      default:
        f["deliveries"] = "delay";
        f["by"] = std::string(choose(kShortWaits));
        break;
    }
    add({step("fault", std::move(f))});
  }

  // The core dies at a crash point if the work reaches it within the next
  // few events; then a supervisor restarts it.
  void crash_window() {
    json f = {
        {"target", "core"}, {"crash_at", std::string(choose(kCrashPoints))}, {"after", pick(2)}};
    add({step("fault", std::move(f))});
    crash_window_ = 1 + static_cast<int>(pick(3));
  }
  void kill_core() {
    add({step("core.crash", json::object())});
    crash_window_ = 1 + static_cast<int>(pick(3));
  }

  void revoke() {
    connected_ = false;
    add({step("lever.revoke", json::object())});
  }
  void disconnect() {
    connected_ = false;
    // Disconnecting checks the member is an admin: no injected fault on it.
    add({step("clock.advance", "1s"),  // see connect_event
         step("fault", {{"target", "justworks"}, {"clear", true}}),
         step("fault", {{"target", "store"}, {"clear", true}}),
         step("justworks.disconnect", {{"as", kAdmin}})});
  }
  void reconnect() {
    add(connect_event(!webhook_on_));
    connected_ = webhook_on_ = true;
    hired_since_connect_ = false;
  }
  void toggle_webhook() {
    webhook_on_ = !webhook_on_;
    add({step(webhook_on_ ? "lever.webhook.enable" : "lever.webhook.disable", json::object())});
  }
  // A Lever admin's Rerun of the latest delivery: only when there is one on
  // the current webhook, so the receiver answers 2xx.
  void replay() {
    if (!connected_ || !hired_since_connect_) return wait();
    add({step("fault", {{"target", "store"}, {"clear", true}}),
         step("webhook.replay", {{"event", "candidateHired"}})});
  }
  // An admin dismisses a pending hire the history promised, and the
  // recruiter unhires the candidate; a later hire must make a new pending
  // hire (and new emails). Everything is settled first, with no fault left,
  // so the pending hire is there to dismiss.
  void dismiss_and_unhire() {
    if (!connected_ || model_.acked().empty()) return wait();
    const auto& acked = model_.acked();
    auto it = acked.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(pick(acked.size())));
    const std::string opp = *it;
    Event e = {step("fault", {{"target", "lever"}, {"clear", true}}),
               step("fault", {{"target", "justworks"}, {"clear", true}}),
               step("fault", {{"target", "store"}, {"clear", true}}),
               step("settle", json::object()),
               step("justworks.retry", json::object()),
               step("settle", json::object()),
               step("justworks.dismiss", {{"opportunity", opp}})};
    if (hired_[opp]) e.push_back(step("lever.unhire", {{"opportunity", opp}}));
    hired_[opp] = false;
    add(std::move(e));
  }
  // The admin's Retry: the page checks her Justworks session first, so no
  // injected Justworks fault is left to refuse that check (a person would
  // just click again).
  void retry() {
    if (!connected_) return reconnect();
    add({step("fault", {{"target", "store"}, {"clear", true}}),
         step("fault", {{"target", "justworks"}, {"clear", true}}),
         step("justworks.retry", json::object())});
  }

  hiresync::SeededRandom random_;
  History history_;
  PromiseModel model_;  // what the history so far promises
  std::map<std::string, bool> hired_;
  bool connected_ = false, webhook_on_ = false, hired_since_connect_ = false;
  int crash_window_ = 0;  // events left before the supervisor restarts the core
};

// The steps that bring any history to rest, so the promise can be checked.
std::vector<json> ending(const PromiseModel& model) {
  std::vector<json> out = {step("fault", {{"target", "lever"}, {"clear", true}}),
                           step("fault", {{"target", "justworks"}, {"clear", true}}),
                           step("fault", {{"target", "core"}, {"clear", true}}),
                           step("fault", {{"target", "store"}, {"clear", true}}),
                           step("core.restart", {{"if_down", true}})};
  if (!model.connected()) {
    for (auto& s : connect_event(!model.webhook_on())) out.push_back(std::move(s));
  }
  out.push_back(step("settle", json::object()));
  out.push_back(step("justworks.retry", json::object()));
  out.push_back(step("settle", json::object()));
  return out;
}

}  // namespace

History generate_history(uint64_t seed) { return Generator(seed).run(); }

Promise promise_of(const History& history) {
  PromiseModel model;
  for (const auto& event : history) {
    for (const auto& s : event) model.apply(s);
  }
  for (const auto& s : ending(model)) model.apply(s);
  return model.promise();
}

json scenario_document(uint64_t seed, const History& history, const json& lever_settings) {
  PromiseModel model;
  json steps = json::array();
  for (const auto& [key, value] : lever_settings.items()) {
    steps.push_back(step("lever.set", {{"path", "/settings/" + key}, {"value", value}}));
  }
  for (const auto& event : history) {
    for (const auto& s : event) {
      model.apply(s);
      steps.push_back(s);
    }
  }
  for (auto& s : ending(model)) {
    model.apply(s);
    steps.push_back(std::move(s));
  }
  const Promise promise = model.promise();
  steps.push_back(
      step("expect.invariants", {{"synced", promise.synced}, {"unsynced", promise.unsynced}}));
  return json{{"name", fmt::format("fuzz seed {}: hires, unhires, revokes, reconnects and faults "
                                   "keep every hire exactly once and lose none",
                                   seed)},
              {"covers",
               {"HIRE-1", "HIRE-2", "HIRE-4", "MAIL-1", "MAIL-4", "REL-2", "REL-3", "REL-4",
                "REL-5", "REL-7", "REVOKE-3", "TOKEN-2"}},
              {"seed", seed},
              {"world", "acme"},
              {"steps", std::move(steps)}};
}

}  // namespace sim::fuzz
