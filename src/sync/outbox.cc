#include "sync/outbox.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "sync/hire_email.h"

namespace hiresync {
namespace {

constexpr int kOutboxSeqsPerGeneration = 100000;  // far more admins than any company has

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The prefix every row key of the hire's current pending hire starts with.
std::string key_prefix(const Hire& hire) {
  return (hire.idempotency_key + ":mail:").substr(0, 150);
}

}  // namespace

std::string printable_key(std::string key) {
  for (char& c : key) {
    if (c <= 0x20 || c >= 0x7F) c = '_';
  }
  if (key.size() <= 200) return key;
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a keeps long keys distinct and stable
  for (unsigned char c : key) hash = (hash ^ c) * 1099511628211ULL;
  return fmt::format("{}:{:016x}", key.substr(0, 150), hash);
}

std::vector<justworks::Member> notifiable_admins(const std::vector<justworks::Member>& members) {
  std::vector<justworks::Member> admins;
  for (const auto& m : members) {
    const bool manages = std::find(m.permissions.begin(), m.permissions.end(),
                                   "manage_employees") != m.permissions.end();
    if (m.admin && manages) admins.push_back(m);
  }
  return admins;
}

std::vector<OutboxEmail> compose_outbox(const Hire& hire,
                                        const std::vector<justworks::Member>& admins) {
  std::vector<OutboxEmail> rows;
  std::set<std::string> seen;
  for (const auto& admin : admins) {
    if (admin.email.empty() || !seen.insert(lower(admin.email)).second) continue;
    const auto email =
        compose_hire_email(admin.email, hire.candidate_name, hire.title, hire.review_url);
    OutboxEmail row;
    row.key = printable_key(fmt::format("{}:mail:{}", hire.idempotency_key,
                                        admin.id.empty() ? lower(admin.email) : admin.id));
    row.hire_id = hire.id;
    // Each pending hire of the opportunity (generation) has its own seq range,
    // so a rehire never overwrites the rows of an earlier one in the store.
    row.seq = (hire.generation - 1) * kOutboxSeqsPerGeneration + static_cast<int>(rows.size());
    row.to = email.to;
    row.subject = email.subject;
    row.text = email.text;
    row.link = email.link;
    row.updated_at_ms = hire.updated_at_ms;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<OutboxEmail> rows_of_current(const Hire& hire, std::vector<OutboxEmail> stored) {
  const std::string mine = key_prefix(hire);
  std::vector<OutboxEmail> rows;
  for (OutboxEmail& row : stored) {
    if (row.key.compare(0, mine.size(), mine) == 0) rows.push_back(std::move(row));
  }
  return rows;
}

OutboxSent Outbox::send(justworks::Client& jw, std::vector<OutboxEmail>& rows, int64_t now_ms) {
  OutboxSent result;
  for (OutboxEmail& row : rows) {
    if (row.state != OutboxState::kPending) continue;
    if (Status stop = crash_.crash_point("before_email"); !stop.ok()) {
      result.stopped = stop;
      break;
    }
    auto sent = jw.send_email({row.to, row.subject, row.text, row.link}, row.key);
    if (sent.ok()) {
      row.state = OutboxState::kSent;
    } else {
      const auto code = sent.status().code();
      if (code == Status::Code::kUnavailable || code == Status::Code::kUnauthenticated ||
          code == Status::Code::kInternal) {
        result.stopped = sent.status();  // this row and the rest stay pending
        break;
      }
      row.state = OutboxState::kRejected;
      row.reason = sent.status().message();
    }
    row.updated_at_ms = now_ms;
    result.changed.push_back(&row);
  }
  result.sent_count =
      static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const OutboxEmail& r) {
        return r.state == OutboxState::kSent;
      }));
  return result;
}

}  // namespace hiresync
