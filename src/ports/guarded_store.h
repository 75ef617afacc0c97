// GuardedStore: the core's only way to its Store. The Store port is not
// thread-safe; this holds its one lock for exactly the length of a call, and
// hands the Store out only inside one, so an unlocked call cannot be written.
// A core stopped at a crash point (ports/crash_points.h) is refused here.
//
// Two entries:
//   atomically(body)  one transaction: everything `body` reads and writes is
//                     one step, so a read-modify-write always goes here;
//   call(body)        under the lock, no transaction: lone reads, or a write
//                     that depends on nothing read in the same body.
// Neither may be entered from inside the other (the lock is not recursive):
// helpers that run inside a transaction take the `Store&` it hands them.
//
// Threads: any.
#pragma once

#include <functional>
#include <mutex>
#include <type_traits>
#include <utility>

#include "common/status.h"
#include "ports/crash_points.h"
#include "ports/store.h"

namespace hiresync {

class GuardedStore {
 public:
  GuardedStore(Store& store, const CrashPoints& crash) : store_(store), crash_(crash) {}
  GuardedStore(const GuardedStore&) = delete;
  GuardedStore& operator=(const GuardedStore&) = delete;

  Status atomically(const std::function<Status(Store&)>& body) {
    std::lock_guard lock(mu_);
    if (crash_.stopped()) return stopped();
    return store_.atomically([&]() { return body(store_); });
  }

  // `body(Store&)` returns a Status or a Result<T>; so does call().
  template <typename Body>
  std::invoke_result_t<Body&, Store&> call(Body&& body) {
    std::lock_guard lock(mu_);
    if (crash_.stopped()) return stopped();
    return body(store_);
  }

 private:
  static Status stopped() { return Status::Unavailable("the core has stopped"); }

  Store& store_;
  const CrashPoints& crash_;
  std::mutex mu_;
};

}  // namespace hiresync
