// FakeLever's lifecycle (construction, start, stop), app registration, and
// the id and secret generators every other part draws from.
#include <fmt/format.h>

#include "fake_lever/impl.h"
#include "fake_lever/world.h"

namespace sim::lever {

const std::vector<std::string> kWebhookEvents = {
    "applicationCreated", "candidateHired",   "candidateStageChange", "candidateArchiveChange",
    "candidateDeleted",   "interviewCreated", "interviewUpdated",     "interviewDeleted",
    "contactCreated",     "contactUpdated"};
const std::vector<std::string> kConditionalEvents = {
    "applicationCreated", "candidateHired", "candidateStageChange", "candidateArchiveChange"};

const std::string& Stored::dump() const {
  if (dump_.empty()) dump_ = obj_.dump();
  return dump_;
}

Stored* Collection::find(const std::string& id) {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &items_[it->second];
}

const Stored* Collection::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &items_[it->second];
}

Stored& Collection::add(json obj) {
  std::string id = obj["id"].get<std::string>();
  index_.emplace(std::move(id), items_.size());
  return items_.emplace_back(std::move(obj));
}

Collection* Account::collection(const std::string& name) {
  if (name == "users") return &users;
  if (name == "postings") return &postings;
  if (name == "opportunities") return &opportunities;
  if (name == "applications") return &applications;
  if (name == "stages") return &stages;
  if (name == "archive_reasons") return &archive_reasons;
  if (name == "contacts") return &contacts;
  if (name == "requisitions") return &requisitions;
  return nullptr;
}

const Collection* Account::collection(const std::string& name) const {
  return const_cast<Account*>(this)->collection(name);
}

FakeLever::Impl::Impl(const VirtualClock& clock_in, uint64_t seed, hiresync::HttpClient& http,
                      LeverKnobs knobs_in)
    : clock(clock_in), webhook_http(http), knobs(knobs_in), random(seed) {}

std::string FakeLever::Impl::new_id() { return random_uuid(random); }

std::string FakeLever::Impl::new_secret(size_t length, const std::string& prefix) {
  std::string secret = prefix + random.token(length);
  secrets.push_back(secret);
  return secret;
}

FakeLever::FakeLever(const VirtualClock& clock, uint64_t seed, hiresync::HttpClient& webhook_http,
                     LeverKnobs knobs)
    : impl_(std::make_unique<Impl>(clock, seed, webhook_http, knobs)) {
  impl_->install_routes();
}

FakeLever::~FakeLever() { stop(); }

hiresync::Status FakeLever::start() { return start(hiresync::ServerTimeouts()); }

hiresync::Status FakeLever::start(const hiresync::ServerTimeouts& timeouts) {
  impl_->server.set_timeouts(timeouts);
  hiresync::Status s = impl_->server.start();
  if (!s.ok()) return s;
  std::lock_guard lock(impl_->mu);
  impl_->base_url = impl_->server.base_url();
  return s;
}

void FakeLever::stop() { impl_->server.stop(); }

std::string FakeLever::base_url() const {
  std::lock_guard lock(impl_->mu);
  return impl_->base_url;
}

void FakeLever::register_app(OAuthApp app) {
  std::lock_guard lock(impl_->mu);
  // Lever staff issue the secret, but it is still one this fake must never print.
  impl_->secrets.push_back(app.client_secret);
  std::string id = app.client_id;
  impl_->apps[id] = std::move(app);
}

const Journal& FakeLever::journal() const { return impl_->journal; }
const Journal& FakeLever::delivery_journal() const { return impl_->delivery_journal; }
void FakeLever::keep_bodies_in_journals(bool on) {
  impl_->journal.keep_bodies(on);
  impl_->delivery_journal.keep_bodies(on);
}

std::vector<std::string> FakeLever::issued_secrets() const {
  std::lock_guard lock(impl_->mu);
  return impl_->secrets;
}

}  // namespace sim::lever
