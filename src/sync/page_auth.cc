#include "sync/page_auth.h"

#include <fmt/format.h>

#include "justworks/client.h"

namespace hiresync {

ApiReply PageAuth::refuse(int status, std::string_view code, std::string_view message,
                          std::string_view action, std::string_view why) {
  // Refused callers are logged (who tried what, never the credential).
  log_.write(fmt::format("page {}: refused {} ({})", action, status, why));
  return error_reply(status, code, message);
}

std::optional<ApiReply> PageAuth::admit_admin(const PageRequest& request, std::string_view action,
                                              Caller& caller) {
  if (request.session.empty()) {
    return refuse(401, "unauthenticated",
                  "sign in to Justworks: send Authorization: Bearer <session>", action,
                  "no session");
  }
  justworks::Client jw(http_, settings_.config().justworks_api_url, request.session);
  auto session = jw.current_session();
  if (!session.ok()) {
    switch (session.status().code()) {
      case Status::Code::kUnavailable:
        return error_reply(502, "upstream_unavailable",
                           "Justworks could not check the session; try again");
      case Status::Code::kUnauthenticated:
      case Status::Code::kPermissionDenied:
      case Status::Code::kNotFound:
        return refuse(401, "unauthenticated",
                      "the Justworks session is unknown or expired; sign in again", action,
                      "unknown or expired session");
      default:
        return error_reply(500, "internal", "the Justworks session could not be checked");
    }
  }
  const justworks::Member& member = session->member;
  caller.company = session->company_id;
  caller.member_email = member.email;
  caller.admin = member.admin && member.status == "active";
  if (request.company && *request.company != caller.company) {
    return refuse(403, "wrong_company",
                  fmt::format("your Justworks session is for company {}, not {}", caller.company,
                              request.company->substr(0, 80)),
                  action,
                  fmt::format("{} of {} named another company", member.email, caller.company));
  }
  if (!settings_.justworks_token(caller.company)) {
    return refuse(404, "unknown_company", "the core does not serve this company", action,
                  fmt::format("{} is not served", caller.company));
  }
  if (!caller.admin) {
    return refuse(403, "forbidden",
                  "only a Justworks admin can set up or change the Lever integration", action,
                  fmt::format("{} of {} is not an admin", member.email, caller.company));
  }
  return std::nullopt;
}

}  // namespace hiresync
