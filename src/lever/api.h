// DataApi: the typed Lever Data API v1 client — the calls the sync makes,
// parsed into lever/types.h. It never calls a files, resumes or offer
// download endpoint (MAP-10).
//
// Failures as Status: kUnauthenticated (401: the token is expired or
// revoked), kPermissionDenied (403), kNotFound (404), kUnavailable (429, 5xx,
// a transport error: try later; rate_limited_for_ms() tells a 429 apart),
// kInternal (anything else, or an answer of the wrong shape).
//
// Threads: thread-compatible; make one per job or request (it is two references).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "lever/parse.h"
#include "lever/types.h"
#include "ports/clock.h"
#include "ports/http_client.h"

namespace hiresync::lever {

class DataApi {
 public:
  // `clock` dates an X-RateLimit-Reset given as an epoch second.
  DataApi(HttpClient& http, const std::string& api_url, const Clock& clock);

  // GET /v1/opportunities/:id?expand=applications (the posting is on the application).
  Result<Opportunity> opportunity(const std::string& token, const std::string& id);
  // GET /v1/opportunities/:id/offers, every page.
  Result<std::vector<Offer>> offers(const std::string& token, const std::string& opportunity_id);
  Result<Posting> posting(const std::string& token, const std::string& id);
  Result<User> user(const std::string& token, const std::string& id);
  // GET /v1/webhooks, every page.
  Result<std::vector<Webhook>> webhooks(const std::string& token);
  // POST /v1/webhooks {url, event}: the answer carries the signature token.
  Result<Webhook> create_webhook(const std::string& token, const std::string& url,
                                 const std::string& event);
  // GET /v1/archive_reasons?type=hired, every page.
  Result<std::vector<ArchiveReason>> hired_archive_reasons(const std::string& token);
  // GET /v1/opportunities?archived_at_start=…&archive_reason_id=…, every page:
  // the opportunities archived with one of `reason_ids` at or after `since_ms`.
  Result<std::vector<ArchivedOpportunity>> archived_since(
      const std::string& token, int64_t since_ms, const std::vector<std::string>& reason_ids);
  // DELETE /v1/webhooks/:id; a webhook already gone counts as deleted.
  Status delete_webhook(const std::string& token, const std::string& id);

  // After a call that failed with Lever's 429: how long to wait. Lever
  // documents no header, so the core reads what it finds: Retry-After
  // (seconds), else X-RateLimit-Reset (an epoch second, or seconds from now
  // when small), else its own 1 s (a second refills Lever's documented
  // 10/s bucket); at least 1 s, at most an hour. nullopt after any other outcome.
  std::optional<int64_t> rate_limited_for_ms() const { return rate_limited_for_ms_; }

 private:
  Result<HttpResponse> send(const std::string& token, const std::string& method,
                            const std::string& target, const std::string& what,
                            const std::string& body = "");
  Result<nlohmann::json> get_data(const std::string& token, const std::string& target,
                                  const std::string& what);
  // Every page, up to 50; beyond that the rest is dropped, or, with
  // `complete`, the whole call fails (a list that must not be cut short).
  Result<std::vector<nlohmann::json>> get_all(const std::string& token, const std::string& target,
                                              const std::string& what, bool complete = false);

  HttpClient& http_;
  const Clock& clock_;
  std::string origin_;
  std::string path_;  // the API base's path prefix
  std::optional<int64_t> rate_limited_for_ms_;
};

}  // namespace hiresync::lever
