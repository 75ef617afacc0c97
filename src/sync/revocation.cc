#include "sync/revocation.h"

#include <fmt/format.h>

namespace hiresync {

void Revocation::mark_revoked(const std::string& connection_id, const std::string& reason) {
  bool changed = false;
  Status s = store_.atomically([&](Store& db) -> Status {
    auto conn = db.connection(connection_id);
    if (!conn.ok()) return conn.status();
    if (!conn->has_value()) return Status::Ok();
    Connection c = std::move(**conn);
    auto integration = db.integration(c.company);
    if (!integration.ok()) return integration.status();
    if (!integration->has_value() || (*integration)->connection_id != c.id) return Status::Ok();
    Integration i = std::move(**integration);
    if (i.status == IntegrationStatus::kDisconnected) return Status::Ok();
    i.status = IntegrationStatus::kDisconnected;
    i.last_error = reason;
    i.updated_at_ms = clock_.now_ms();
    c.access_token.clear();
    c.refresh_token.clear();
    c.access_expires_at_ms = 0;
    changed = true;
    if (Status put = db.put_connection(c); !put.ok()) return put;
    // REL-7: Lever revoked at some moment after it last accepted the token
    // (in this process); the connected period ends just before that, as a
    // hire in the same millisecond may already be after the revoke.
    const auto ok_at = connections_.ok_at(c.id);
    const auto end = ok_at ? std::optional<int64_t>(*ok_at - 1) : std::nullopt;
    if (Status ended = periods_.end(db, c.company, end); !ended.ok()) return ended;
    return db.put_integration(i);
  });
  if (!s.ok()) {
    log_.write(
        fmt::format("lever {}: could not record the revocation: {}", connection_id, s.message()));
  } else if (changed) {
    log_.write(
        fmt::format("lever {}: access revoked ({}); status disconnected", connection_id, reason));
  }
}

}  // namespace hiresync
