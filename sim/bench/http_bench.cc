#include "bench/http_bench.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "adapters/http_server.h"
#include "adapters/httplib_client.h"
#include "common/virtual_clock.h"
#include "fake_lever/fake_lever.h"
#include "lever/url.h"
#include "scenario/world_spec.h"

namespace sim::bench {
namespace {

using hiresync::Result;
using hiresync::Status;
using hiresync::lever::form_encode;
using nlohmann::json;

constexpr const char* kOpportunity = "/v1/opportunities/opp-jane";
// wrk's connections: fewer than each server's pool threads, since a
// kept-alive connection holds a thread (see adapters/http_server.h).
constexpr int kConnections = 3;

// An access token for the fake, obtained the way an integration does:
// consent on the authorize URL, then the code exchanged at /oauth/token.
Result<std::string> access_token(lever::FakeLever& fake, hiresync::HttpClient& http) {
  lever::OAuthApp app{"bench-app",
                      "bench-secret-0123456789",
                      "Bench",
                      {"http://127.0.0.1:9/callback"},
                      {"opportunities:read:admin"}};
  fake.register_app(app);
  const std::string authorize = fake.base_url() + "/authorize?" +
                                form_encode({{"client_id", app.client_id},
                                             {"redirect_uri", app.redirect_uris[0]},
                                             {"response_type", "code"},
                                             {"state", "bench"},
                                             {"audience", fake.base_url() + "/v1/"},
                                             {"scope", "opportunities:read:admin"}});
  auto redirect = fake.consent(authorize, "sam@acme.example", true);
  if (!redirect.ok()) return redirect.status();
  const auto at = redirect->find("code=");
  if (at == std::string::npos) return Status::Internal("bench: consent gave no code: " + *redirect);
  const std::string code = redirect->substr(at + 5, redirect->find('&', at) - at - 5);
  hiresync::HttpRequest request{"POST",
                                "/oauth/token",
                                {{"Content-Type", "application/x-www-form-urlencoded"}},
                                form_encode({{"grant_type", "authorization_code"},
                                             {"client_id", app.client_id},
                                             {"client_secret", app.client_secret},
                                             {"redirect_uri", app.redirect_uris[0]},
                                             {"code", code}})};
  auto reply = http.send(fake.base_url(), request);
  if (!reply.ok()) return reply.status();
  const json body = json::parse(reply->body, nullptr, false);
  if (reply->status != 200 || !body.contains("access_token"))
    return Status::Internal(fmt::format("bench: token exchange answered {}", reply->status));
  return body["access_token"].get<std::string>();
}

// Runs wrk against `url` and returns its Requests/sec.
Result<double> wrk(const std::string& url, const std::string& token, int seconds) {
  const std::string command =
      fmt::format("wrk -t1 -c{} -d{}s -H 'Authorization: Bearer {}' {} 2>&1", kConnections, seconds,
                  token, url);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return Status::Unavailable("bench: cannot start wrk");
  std::string output;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe.get()) != nullptr) output += buffer;
  const auto at = output.find("Requests/sec:");
  if (at == std::string::npos)
    return Status::Unavailable("bench: wrk printed no Requests/sec (is Debian's wrk installed?): " +
                               output.substr(0, 200));
  const auto non2xx = output.find("Non-2xx");
  if (non2xx != std::string::npos)
    return Status::Internal("bench: wrk saw errors: " + output.substr(non2xx, 80));
  return std::stod(output.substr(at + 13));
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

Result<HttpFigures> run_http_bench(int seconds) {
  auto spec = source_fixture("acme");
  if (!spec.ok()) return spec.status();
  VirtualClock clock;
  hiresync::HttplibClient http;
  lever::LeverKnobs knobs;
  knobs.rate_limit_burst = 0;  // wrk's load would be 429s otherwise
  lever::FakeLever fake(clock, 1, http, knobs);
  const TenantSpec& tenant = spec->tenants.at(0);
  if (auto s = fake.add_account(tenant.name, tenant.lever, tenant.where); !s.ok()) return s;
  if (auto s = fake.start(); !s.ok()) return s;
  auto token = access_token(fake, http);
  if (!token.ok()) return token.status();

  // The bare server answers exactly what the fake answered.
  auto sample = http.send(fake.base_url(),
                          {"GET", kOpportunity, {{"Authorization", "Bearer " + *token}}, ""});
  if (!sample.ok()) return sample.status();
  if (sample->status != 200)
    return Status::Internal(fmt::format("bench: GET {} answered {}", kOpportunity, sample->status));
  http.close_all();
  hiresync::LoopbackServer bare;
  const std::string body = sample->body;
  bare.routes().Get(kOpportunity, [&body](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/json");
  });
  if (auto s = bare.start(); !s.ok()) return s;

  // Alternating one-second rounds, each a pair: whatever else the machine
  // does weighs on both halves of a pair alike. The figures are the medians.
  HttpFigures f;
  f.connections = kConnections;
  f.seconds = seconds;
  std::vector<double> fake_rps, bare_rps, ratios;
  for (int round = 0; round < std::max(1, seconds); ++round) {
    auto on_fake = wrk(fake.base_url() + kOpportunity, *token, 1);
    if (!on_fake.ok()) return on_fake.status();
    auto on_bare = wrk(bare.base_url() + kOpportunity, *token, 1);
    if (!on_bare.ok()) return on_bare.status();
    fake_rps.push_back(*on_fake);
    bare_rps.push_back(*on_bare);
    ratios.push_back(*on_bare > 0 ? *on_fake / *on_bare : 0);
  }
  f.fake_rps = median(fake_rps);
  f.bare_rps = median(bare_rps);
  f.ratio = median(ratios);
  return f;
}

}  // namespace sim::bench
