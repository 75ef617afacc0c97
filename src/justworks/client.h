// Client: the calls the core makes to the Justworks API of
// docs/justworks-api.md, for one company (its bearer token): the public
// partner API where it has the call (/v1/company), our internal one for the
// rest (/internal/v1/...). The only code that knows Justworks' JSON shapes.
//
// Failures as Status: kUnavailable (429, 5xx, a transport error: try later),
// kUnauthenticated (401: the core's token for this company is wrong),
// kPermissionDenied (403), kNotFound (404), kConflict (409, e.g. an
// idempotency key reused with another body), kInvalidArgument (400/422, with
// Justworks' message and field), kInternal (an answer of the wrong shape).
//
// Threads: thread-compatible; make one per job or request.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "justworks/types.h"
#include "ports/http_client.h"

namespace hiresync::justworks {

// What the core keeps of a created pending hire.
struct CreatedPendingHire {
  std::string id;
  std::string status;
  std::string review_url;
};

struct EmailRequest {
  std::string to;
  std::string subject;
  std::string text;
  std::string link;
};

struct MemberQuery {
  std::optional<std::string> email;
  std::optional<std::string> permission;
};

struct PendingHireQuery {
  std::optional<std::string> lever_opportunity_id;
  std::optional<std::string> lever_contact_id;
  std::optional<std::string> home_email;  // matched case-insensitively
};

class Client {
 public:
  // `token`: the core's bearer token for one company, or (for
  // current_session() only) a member's session credential.
  Client(HttpClient& http, const std::string& api_url, std::string token);

  // GET /internal/v1/sessions/current with the session as the bearer: the
  // member and company Justworks signed in. kUnauthenticated when the
  // session is unknown, expired or ended; kUnavailable when Justworks could
  // not answer.
  Result<Session> current_session();

  // GET /internal/v1/members: the admin directory, with permissions (the
  // public API has none).
  Result<std::vector<Member>> members(const MemberQuery& query = {});
  // GET /v1/company (the public API): its departments' and offices' names.
  Result<CompanyLists> company_lists();
  Result<std::vector<ExistingPendingHire>> pending_hires(const PendingHireQuery& query);
  // POST /internal/v1/pending_hires; `body` is sent byte for byte, so a retry with the
  // same key is recognised as the same request (201 first, 200 after).
  Result<CreatedPendingHire> create_pending_hire(const std::string& body,
                                                 const std::string& idempotency_key);
  // POST /internal/v1/emails; returns the email's id.
  Result<std::string> send_email(const EmailRequest& email, const std::string& idempotency_key);

 private:
  Result<HttpResponse> send(const std::string& method, const std::string& target,
                            const std::string& what, const std::string& body = "",
                            const std::string& idempotency_key = "");
  Result<std::vector<nlohmann::json>> get_items(const std::string& target, const std::string& what);

  HttpClient& http_;
  std::string origin_;
  std::string path_;
  std::string token_;
};

}  // namespace hiresync::justworks
