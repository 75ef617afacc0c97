// CrashPoints: the named places where a host may stop the core as a kill
// would (REL-4: "after_ack", "after_fetch", "after_create", "before_email",
// "after_refresh"). The simulator installs a hook; production installs none.
//
// When the hook fires, crash_point() answers an error that the caller handles
// like any other failure, and from then on the core's guarded ports (the
// store, the HTTP client, the log) refuse every call: the stopped core writes
// and sends nothing more, whatever its error paths try, and its host drops it.
// So the core holds no liveness checks of its own.
//
// Threads: crash_point() and stopped() from any thread; install() before the
// core is shared with threads.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "common/status.h"
#include "ports/log.h"

namespace hiresync {

class CrashPoints {
 public:
  // Answers true when the core must stop at `point`.
  using Hook = std::function<bool(std::string_view point)>;

  // `log` gets one line when the core stops.
  explicit CrashPoints(Log& log) : log_(log) {}

  void install(Hook hook) { hook_ = std::move(hook); }

  // OK to carry on; kUnavailable once the core stopped here or before.
  Status crash_point(std::string_view point) {
    if (!stopped_ && hook_) {
      // Concurrent workers reach crash points together; the hook counts them.
      std::lock_guard lock(hook_mu_);
      if (!stopped_ && hook_(point)) {
        log_.write("core: stopped at crash point " + std::string(point));
        stopped_ = true;
      }
    }
    if (stopped_) return Status::Unavailable("the core stopped at a crash point");
    return Status::Ok();
  }

  bool stopped() const { return stopped_; }

 private:
  Log& log_;
  Hook hook_;
  std::mutex hook_mu_;
  std::atomic<bool> stopped_{false};
};

}  // namespace hiresync
