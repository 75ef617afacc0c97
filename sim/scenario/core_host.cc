#include "scenario/core_host.h"

#include "adapters/core_http_routes.h"
#include "adapters/sqlite_store.h"
#include "scenario/faulty_store.h"

namespace sim {

void CollectingLog::write(std::string_view line) {
  std::lock_guard lock(mu_);
  lines_.push_back({order_.next(), clock_.now_ms(), std::string(line)});
}

std::vector<std::string> CollectingLog::lines() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> texts;
  texts.reserve(lines_.size());
  for (const LogLine& line : lines_) texts.push_back(line.text);
  return texts;
}

std::vector<LogLine> CollectingLog::entries() const {
  std::lock_guard lock(mu_);
  return lines_;
}

CoreHost::CoreHost(const VirtualClock& clock, uint64_t seed, hiresync::SecretsKey secrets_key,
                   std::string database_file, bool record_reads)
    : clock_(clock),
      seed_(seed),
      secrets_key_(std::move(secrets_key)),
      database_file_(std::move(database_file)),
      reads_(faulty_, clock_, order_, record_reads) {}

CoreHost::~CoreHost() {
  server_.stop();  // no request may reach a core being destroyed
  transport_.close_all();
}

hiresync::Status CoreHost::start(const hiresync::ServerTimeouts& timeouts) {
  server_.set_timeouts(timeouts);
  if (database_file_.empty()) {
    auto disk = hiresync::SqliteMemoryDisk::create();
    if (!disk.ok()) return disk.status();
    disk_ = std::move(*disk);
  }
  hiresync::mount_core_routes(server_.routes(), [this]() -> hiresync::SyncCore* {
    std::lock_guard lock(mu_);
    return core_.get();
  });
  return server_.start();
}

hiresync::Status CoreHost::boot(hiresync::CoreConfig config) {
  config.public_url = server_.base_url();
  config_ = std::move(config);
  faulty_.set_target(config_.lever_auth_url, "lever");
  faulty_.set_target(config_.lever_api_url, "lever");
  faulty_.set_target(config_.justworks_api_url, "justworks");
  reads_.set_target(config_.lever_auth_url, "lever");
  reads_.set_target(config_.lever_api_url, "lever");
  reads_.set_target(config_.justworks_api_url, "justworks");
  return restart();
}

void CoreHost::crash() {
  std::lock_guard lock(mu_);
  core_.reset();
  store_.reset();
  random_.reset();
}

hiresync::Status CoreHost::restart() {
  // A core that died at a crash point is still in memory: finish it off
  // before its database handle is replaced.
  if (!running()) crash();
  auto store = disk_ ? disk_->open_store(secrets_key_)
                     : hiresync::open_sqlite_store(database_file_, secrets_key_);
  if (!store.ok()) return store.status();
  std::lock_guard lock(mu_);
  // A restarted process draws fresh randomness, but deterministically.
  random_ = std::make_unique<hiresync::SeededRandom>(seed_ * 1000003ULL + boots_++);
  // Every store call goes through the world's store faults (none unless armed).
  store_ = std::make_unique<FaultyStore>(std::move(*store), faults_, clock_);
  core_ = std::make_unique<hiresync::SyncCore>(
      config_, hiresync::CorePorts{clock_, *random_, reads_, *store_, crypto_, log_});
  core_->set_fault_hook([this](std::string_view point) {
    if (!faults_.on_crash_point(std::string(point))) return false;
    faults_.journal().record(
        {0, clock_.now_ms(), "CRASH", std::string(point), "core", 0, "injected crash"});
    return true;
  });
  return hiresync::Status::Ok();
}

bool CoreHost::running() const {
  std::lock_guard lock(mu_);
  return core_ != nullptr && !core_->crashed();
}

hiresync::SyncCore& CoreHost::core() {
  std::lock_guard lock(mu_);
  return *core_;
}

hiresync::Status CoreHost::save_database(const std::string& path, const ServerNames& names) const {
  if (!disk_)
    return hiresync::Status::InvalidArgument("the core's database is already the file " +
                                             database_file_);
  return disk_->save_to(path, [&names](std::string& text) { name_servers(text, names); });
}

}  // namespace sim
