// The fake Lever's HTTP front: one catch-all httplib route per method and a
// small segment-matching router of our own. Every request is answered (500 at
// worst, never an escaped exception) and journaled without secrets.
//
// Why not one httplib route per endpoint: httplib matches each route with
// std::regex, which would cost more than the work of a typical GET.
#include <httplib.h>

#include <fmt/format.h>

#include "common/journal_body.h"
#include "fake_lever/impl.h"

namespace sim::lever {

namespace {

using Handler = Reply (FakeLever::Impl::*)(const Call&);

struct Route {
  const char* method;
  std::vector<std::string> pattern;  // literal segments, or ":" for an argument
  Handler handler;
};

using I = FakeLever::Impl;

// The whole surface of the fake. Longer literal routes come before the
// ":"-argument routes they would otherwise shadow.
const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = {
      {"GET", {"authorize"}, &I::http_authorize_page},
      {"POST", {"authorize"}, &I::http_authorize_submit},
      {"POST", {"oauth", "token"}, &I::http_token},
      {"GET", {"v1", "opportunities"}, &I::api_list_opportunities},
      {"GET", {"v1", "opportunities", ":"}, &I::api_get_opportunity},
      {"GET", {"v1", "opportunities", ":", "applications"}, &I::api_list_applications},
      {"GET", {"v1", "opportunities", ":", "applications", ":"}, &I::api_get_application},
      {"GET", {"v1", "opportunities", ":", "offers"}, &I::api_list_offers},
      {"GET", {"v1", "opportunities", ":", "offers", ":", "download"}, &I::api_offer_download},
      {"GET", {"v1", "opportunities", ":", "resumes"}, &I::api_list_resumes},
      {"GET", {"v1", "opportunities", ":", "resumes", ":"}, &I::api_get_resume},
      {"GET", {"v1", "opportunities", ":", "resumes", ":", "download"}, &I::api_get_resume},
      {"GET", {"v1", "opportunities", ":", "files"}, &I::api_list_files},
      {"GET", {"v1", "opportunities", ":", "files", ":"}, &I::api_get_file},
      {"GET", {"v1", "opportunities", ":", "files", ":", "download"}, &I::api_get_file},
      {"GET", {"v1", "postings"}, &I::api_list_postings},
      {"GET", {"v1", "postings", ":"}, &I::api_get_posting},
      {"GET", {"v1", "users"}, &I::api_list_users},
      {"GET", {"v1", "users", ":"}, &I::api_get_user},
      {"GET", {"v1", "stages"}, &I::api_list_stages},
      {"GET", {"v1", "stages", ":"}, &I::api_get_stage},
      {"GET", {"v1", "archive_reasons"}, &I::api_list_archive_reasons},
      {"GET", {"v1", "archive_reasons", ":"}, &I::api_get_archive_reason},
      {"GET", {"v1", "contacts", ":"}, &I::api_get_contact},
      {"GET", {"v1", "requisitions"}, &I::api_list_requisitions},
      {"GET", {"v1", "requisitions", ":"}, &I::api_get_requisition},
      {"GET", {"v1", "webhooks"}, &I::api_list_webhooks},
      {"POST", {"v1", "webhooks"}, &I::api_create_webhook},
      {"PUT", {"v1", "webhooks"}, &I::api_update_webhooks},
      {"DELETE", {"v1", "webhooks", ":"}, &I::api_delete_webhook},
  };
  return kRoutes;
}

bool matches(const Route& route, const std::string& method,
             const std::vector<std::string>& segments, std::vector<std::string>& args) {
  // httplib sends HEAD to the GET handlers.
  const bool method_ok = method == route.method || (method == "HEAD" && route.method[0] == 'G');
  if (!method_ok || route.pattern.size() != segments.size()) return false;
  args.clear();
  for (size_t i = 0; i < segments.size(); ++i) {
    if (route.pattern[i] == ":") {
      args.push_back(segments[i]);
    } else if (route.pattern[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

std::string raw_query(const httplib::Request& req) {
  const size_t q = req.target.find('?');
  return q == std::string::npos ? std::string() : req.target.substr(q + 1);
}

}  // namespace

bool Call::has(const std::string& name) const { return http.has_param(name); }

std::string Call::query(const std::string& name) const {
  auto it = http.params.find(name);
  return it == http.params.end() ? std::string() : it->second;
}

std::vector<std::string> Call::all(const std::string& name) const {
  std::vector<std::string> out;
  auto [begin, end] = http.params.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    for (auto& piece : split_nonempty(it->second, ',')) out.push_back(std::move(piece));
  }
  return out;
}

Reply FakeLever::Impl::route(const httplib::Request& req) {
  const std::vector<std::string> segments = split_nonempty(req.path, '/');
  std::vector<std::string> args;
  for (const Route& r : routes()) {
    if (matches(r, req.method, segments, args)) {
      Call call{req, std::move(args)};
      std::lock_guard lock(mu);
      return (this->*r.handler)(call);
    }
  }
  return api_error(404, "ResourceNotFound",
                   fmt::format("No route for {} {}", req.method, req.path.substr(0, 200)));
}

void FakeLever::Impl::install_routes() {
  httplib::Server& http = server.routes();
  // Lever's receivers and clients never need more; bigger bodies get 413.
  http.set_payload_max_length(1 << 20);
  auto serve = [this](const httplib::Request& req, httplib::Response& res) {
    Reply reply;
    try {
      reply = route(req);
    } catch (...) {
      // A bug in a handler must not take the server down; the message stays
      // generic because an exception's text may quote the request.
      reply = api_error(500, "InternalServerError", "The fake Lever failed on this request");
    }
    res.status = reply.status;
    for (auto& [name, value] : reply.headers) res.set_header(name, value);
    if (reply.status != 204) res.set_content(std::move(reply.body), reply.content_type);
    journal.record({.seq = 0,
                    .time_ms = clock.now_ms(),
                    .method = req.method,
                    .path = req.path,
                    .query = mask_form(raw_query(req)),
                    .status = reply.status,
                    .note = std::move(reply.note)},
                   {req.body, req.get_header_value("Content-Type"), res.body, reply.content_type});
  };
  http.Get(".*", serve);
  http.Post(".*", serve);
  http.Put(".*", serve);
  http.Patch(".*", serve);
  http.Delete(".*", serve);
  http.Options(".*", serve);
}

}  // namespace sim::lever
