// Invariant checks that stay on in every build, release included: a broken
// invariant stops the process with a message naming it, never undefined
// behaviour. For programming errors only; what input or the environment can
// cause is a Status (common/status.h).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace hiresync {

[[noreturn]] inline void check_failed(std::string_view what, std::string_view detail,
                                      const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant broken: %.*s%s%.*s\n", file, line,
               static_cast<int>(what.size()), what.data(), detail.empty() ? "" : ": ",
               static_cast<int>(detail.size()), detail.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace hiresync

// HIRESYNC_CHECK(condition, "what must hold"): unlike assert(), never compiled out.
#define HIRESYNC_CHECK(condition, what)                                         \
  do {                                                                          \
    if (!(condition)) ::hiresync::check_failed((what), "", __FILE__, __LINE__); \
  } while (false)
