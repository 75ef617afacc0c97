// The core's own wrappers of the host's ports: the log and the random source
// serialized for the HTTP threads and the worker, and the log and the HTTP
// client silent once the core stopped at a crash point (ports/crash_points.h):
// a killed process writes and sends nothing. The store's guard is
// ports/guarded_store.h.
#pragma once

#include <fmt/format.h>

#include <mutex>
#include <string>
#include <string_view>

#include "ports/crash_points.h"
#include "ports/http_client.h"
#include "ports/log.h"
#include "ports/random.h"

namespace hiresync {

class SerializedLog final : public Log {
 public:
  SerializedLog(Log& inner, const CrashPoints& crash) : inner_(inner), crash_(crash) {}
  // Control characters are escaped (\n, \x1b...): a newline in an event
  // name or an error text from outside must not forge a log line of its own.
  void write(std::string_view line) override {
    std::string escaped;
    escaped.reserve(line.size());
    for (const char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '\n')
        escaped += "\\n";
      else if (c == '\r')
        escaped += "\\r";
      else if (c == '\t')
        escaped += "\\t";
      else if (u < 0x20 || u == 0x7f)
        escaped += fmt::format("\\x{:02x}", u);
      else
        escaped += c;
    }
    std::lock_guard lock(mu_);
    if (!crash_.stopped()) inner_.write(escaped);
  }

 private:
  Log& inner_;
  const CrashPoints& crash_;
  std::mutex mu_;
};

class SerializedRandom final : public Random {
 public:
  explicit SerializedRandom(Random& inner) : inner_(inner) {}
  uint64_t next_u64() override {
    std::lock_guard lock(mu_);
    return inner_.next_u64();
  }

 private:
  Random& inner_;
  std::mutex mu_;
};

class StoppableHttp final : public HttpClient {
 public:
  StoppableHttp(HttpClient& inner, const CrashPoints& crash) : inner_(inner), crash_(crash) {}
  Result<HttpResponse> send(const std::string& base_url, const HttpRequest& request) override {
    if (crash_.stopped()) return Status::Unavailable("the core has stopped");
    return inner_.send(base_url, request);
  }

 private:
  HttpClient& inner_;
  const CrashPoints& crash_;
};

}  // namespace hiresync
