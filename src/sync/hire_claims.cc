#include "sync/hire_claims.h"

#include <iterator>

namespace hiresync {
namespace {

// How many due hires one store read brings.
constexpr int kBatch = 64;

}  // namespace

void HireClaims::begin_round(int64_t now_ms) {
  std::lock_guard lock(mu_);
  now_ms_ = now_ms;
  queue_.clear();
  ran_.clear();
}

std::optional<Hire> HireClaims::claim() {
  std::lock_guard lock(mu_);
  for (bool refilled = false;; refilled = true) {
    while (!queue_.empty()) {
      Hire hire = std::move(queue_.front());
      queue_.pop_front();
      if (ran_.insert(hire.id).second) return hire;
    }
    // A read that brought nothing new ends the round: what is still due
    // ran this round, or is running on another worker.
    if (refilled) return std::nullopt;
    // The running hires are still due in the store; read past them.
    auto due = store_.call([&](Store& db) { return db.due_hires(now_ms_, kBatch + workers_); });
    if (!due.ok()) return std::nullopt;
    queue_.assign(std::make_move_iterator(due->begin()), std::make_move_iterator(due->end()));
  }
}

int HireClaims::claimed() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(ran_.size());
}

}  // namespace hiresync
