#include "bench/round_trip_bench.h"

#include <sys/resource.h>

#include <chrono>
#include <string>

#include "adapters/http_server.h"
#include "adapters/httplib_client.h"

namespace sim::bench {

double process_cpu_us() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto us = [](const timeval& t) { return t.tv_sec * 1e6 + static_cast<double>(t.tv_usec); };
  return us(usage.ru_utime) + us(usage.ru_stime);
}

hiresync::Result<RoundTripFigures> run_round_trip_bench(int requests) {
  // About the size of the fakes' answers: a Lever opportunity, a pending hire.
  const std::string answer = "{\"data\":{\"id\":\"" + std::string(600, 'x') + "\"}}";
  hiresync::LoopbackServer server;
  server.routes().Get("/ping", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(answer, "application/json");
  });
  server.routes().Post("/ping", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(answer, "application/json");
  });
  if (auto s = server.start(); !s.ok()) return s;
  hiresync::HttplibClient client;
  const hiresync::HttpRequest get{"GET", "/ping", {}, ""};
  const hiresync::HttpRequest post{
      "POST", "/ping", {}, "{\"a\":\"" + std::string(300, 'y') + "\"}"};
  auto send = [&](int i) { return client.send(server.base_url(), i % 2 ? post : get); };
  for (int i = 0; i < 100; ++i) {  // the connection and the server's thread, warm
    if (auto r = send(i); !r.ok()) return r.status();
  }
  const double cpu_before = process_cpu_us();
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < requests; ++i) {
    if (auto r = send(i); !r.ok()) return r.status();
  }
  RoundTripFigures f;
  f.requests = requests;
  f.wall_us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started)
                  .count() /
              requests;
  f.cpu_us = (process_cpu_us() - cpu_before) / requests;
  client.close_all();  // the server stops once its kept-alive client hangs up
  return f;
}

}  // namespace sim::bench
