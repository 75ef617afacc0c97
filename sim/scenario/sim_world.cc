#include "scenario/sim_world.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "common/phase_clock.h"

namespace sim {
namespace {

using hiresync::Status;

// Each component draws from its own stream, so adding a draw in one never
// shifts another's: the fakes' ids stay put when the core changes.
uint64_t stream_seed(uint64_t seed, uint64_t stream) {
  hiresync::SeededRandom mix(seed ^ (stream * 0x9E3779B97F4A7C15ULL));
  return mix.next_u64();
}

// A world's secrets key when none is given: its own, from the seed, so a run
// replays identically. A test key, as the seed is no secret; a user who wants
// a kept database sealed with a key of their own sets HIRESYNC_SECRETS_KEY.
hiresync::SecretsKey world_secrets_key(uint64_t seed) {
  hiresync::SeededRandom draw(stream_seed(seed, 5));
  std::array<unsigned char, hiresync::SecretsKey::kSize> bytes{};
  for (size_t i = 0; i < bytes.size(); i += 8) {
    const uint64_t word = draw.next_u64();
    for (size_t b = 0; b < 8; ++b) bytes[i + b] = static_cast<unsigned char>(word >> (8 * b));
  }
  return hiresync::SecretsKey(bytes);
}

// The scopes Lever staff registered for the Justworks app: what the sync
// needs, plus requisitions, which a future field may want.
const std::vector<std::string> kRegisteredScopes = {"offline_access",
                                                    "opportunities:read:admin",
                                                    "offers:read:admin",
                                                    "postings:read:admin",
                                                    "users:read:admin",
                                                    "contact:read:admin",
                                                    "archive_reasons:read:admin",
                                                    "stages:read:admin",
                                                    "webhooks:read:admin",
                                                    "webhooks:write:admin",
                                                    "confidential:access:admin",
                                                    "requisitions:read:admin"};

// Ten thousand rounds of work at one instant means something reschedules
// itself without ever letting time pass.
constexpr int kMaxRoundsPerInstant = 10000;

}  // namespace

SimWorld::~SimWorld() {
  // Hang up first: a server stops only once its kept-alive clients are gone.
  lever_outbound_.close_all();
  browser_.close_all();
  // Then the core: nothing may call a fake that is gone.
  core_.reset();
  justworks_.reset();
  lever_.reset();
}

hiresync::Result<std::unique_ptr<SimWorld>> SimWorld::create(const WorldSpec& spec, uint64_t seed,
                                                             const WorldOptions& options) {
  std::unique_ptr<SimWorld> w(new SimWorld());
  w->lever_ = std::make_unique<lever::FakeLever>(w->clock_, stream_seed(seed, 1),
                                                 w->timed_lever_outbound_, options.lever_knobs);
  w->justworks_ = std::make_unique<justworks::FakeJustworks>(w->clock_, stream_seed(seed, 2));
  w->lever_->keep_bodies_in_journals(options.journal_bodies);
  w->justworks_->keep_bodies_in_journal(options.journal_bodies);
  w->core_ = std::make_unique<CoreHost>(w->clock_, stream_seed(seed, 3),
                                        options.secrets_key.value_or(world_secrets_key(seed)),
                                        options.database_file, options.record_core_reads);

  hiresync::CoreConfig config;
  for (const auto& t : spec.tenants) {
    if (options.lever_settings.empty()) {
      if (auto s = w->lever_->add_account(t.name, t.lever, t.where); !s.ok()) return s;
    } else {
      nlohmann::json lever = t.lever;
      if (!lever.contains("settings")) lever["settings"] = nlohmann::json::object();
      if (lever["settings"].is_object()) {
        for (const auto& [key, value] : options.lever_settings.items()) {
          if (!lever["settings"].contains(key)) lever["settings"][key] = value;
        }
      }
      if (auto s = w->lever_->add_account(t.name, lever, t.where); !s.ok()) return s;
    }
    auto token = w->justworks_->add_company(t.justworks, t.where);
    if (!token.ok()) return token.status();
    const std::string company = t.justworks["company"]["id"];
    if (config.justworks_tokens.count(company))
      return Status::InvalidArgument(
          fmt::format("{}: two tenants use the Justworks company \"{}\"", t.where, company));
    config.justworks_tokens[company] = *token;
    w->tenants_[t.name] = Tenant{t.name, company, ""};
  }

  {
    PhaseScope starting(Phase::kServers);
    if (auto s = w->lever_->start(options.server_timeouts); !s.ok()) return s;
    if (auto s = w->justworks_->start(options.server_timeouts); !s.ok()) return s;
    if (auto s = w->core_->start(options.server_timeouts); !s.ok()) return s;
  }

  hiresync::SeededRandom app_random(stream_seed(seed, 4));
  lever::OAuthApp app;
  app.name = "Justworks";
  app.client_id = "justworks-" + app_random.token(12);
  app.client_secret = app_random.token(48);
  app.redirect_uris = {w->core_->base_url() + "/oauth/lever/callback"};
  app.scopes = kRegisteredScopes;
  w->client_id_ = app.client_id;
  w->client_secret_ = app.client_secret;
  w->lever_->register_app(app);

  config.lever_auth_url = w->lever_->base_url();
  config.lever_api_url = w->lever_->base_url();
  config.lever_client_id = app.client_id;
  config.lever_client_secret = app.client_secret;
  config.justworks_api_url = w->justworks_->base_url();
  config.workers = options.core_workers;
  if (auto s = w->core_->boot(std::move(config)); !s.ok()) return s;
  return w;
}

hiresync::Result<Tenant*> SimWorld::tenant(const std::optional<std::string>& name) {
  if (name) {
    auto it = tenants_.find(*name);
    if (it == tenants_.end())
      return Status::InvalidArgument(fmt::format("unknown tenant \"{}\"", *name));
    return &it->second;
  }
  if (tenants_.size() != 1)
    return Status::InvalidArgument("this world has several tenants: name one with \"tenant\"");
  return &tenants_.begin()->second;
}

Status SimWorld::run_due_now() {
  for (int round = 0; round < kMaxRoundsPerInstant; ++round) {
    int ran = lever_->deliver_due();
    if (core_->running()) {
      PhaseScope working(Phase::kCore);
      ran += core_->core().run_due();
    }
    if (ran == 0) return Status::Ok();
  }
  return Status::Internal("work keeps rescheduling itself without time passing");
}

std::optional<int64_t> SimWorld::next_timer_ms() {
  std::optional<int64_t> next = lever_->next_delivery_due_ms();
  if (core_->running()) {
    if (auto core_next = core_->core().next_due_ms()) {
      next = next ? std::min(*next, *core_next) : *core_next;
    }
  }
  return next;
}

// What keeps a world from settling, in words: which timer is due, and when.
Status SimWorld::still_due(int64_t horizon_ms) {
  std::vector<std::string> due;
  auto in = [&](int64_t at) {
    const int64_t minutes = (at - clock_.now_ms()) / 60'000;
    return minutes < 120 ? fmt::format("{} min", minutes) : fmt::format("{} h", minutes / 60);
  };
  if (auto at = lever_->next_delivery_due_ms())
    due.push_back("Lever's next webhook delivery, in " + in(*at));
  if (core_->running()) {
    if (auto at = core_->core().next_due_ms()) due.push_back("the core's next job, in " + in(*at));
  }
  std::string what;
  for (const auto& d : due) what += (what.empty() ? "" : "; ") + d;
  return Status::Conflict(fmt::format("settle: not quiet after {} h of virtual time; still due: {}",
                                      horizon_ms / 3'600'000, what));
}

Status SimWorld::settle(int64_t horizon_ms) {
  const int64_t deadline = clock_.now_ms() + horizon_ms;
  for (;;) {
    if (auto s = run_due_now(); !s.ok()) return s;
    auto next = next_timer_ms();
    if (!next) return Status::Ok();
    if (*next > deadline) return still_due(horizon_ms);
    clock_.advance_to(std::max(clock_.now_ms(), *next));
  }
}

Status SimWorld::advance(int64_t delta_ms) {
  const int64_t target = clock_.now_ms() + delta_ms;
  for (;;) {
    if (auto s = run_due_now(); !s.ok()) return s;
    auto next = next_timer_ms();
    if (!next || *next > target) break;
    clock_.advance_to(std::max(clock_.now_ms(), *next));
  }
  clock_.advance_to(target);
  return run_due_now();
}

std::vector<std::string> SimWorld::issued_secrets() const {
  std::vector<std::string> all = lever_->issued_secrets();
  for (auto& s : justworks_->issued_secrets()) all.push_back(std::move(s));
  all.push_back(client_secret_);
  return all;
}

}  // namespace sim
