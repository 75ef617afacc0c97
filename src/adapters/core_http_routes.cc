#include "adapters/core_http_routes.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace hiresync {
namespace {

using nlohmann::json;

void send(httplib::Response& res, const ApiReply& reply) {
  res.status = reply.status;
  // `replace`: a stray invalid UTF-8 byte from untrusted input must not turn
  // an answer into an exception.
  res.set_content(reply.body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json");
}

ApiReply error(int status, const char* code, const std::string& message) {
  ApiReply reply;
  reply.status = status;
  reply.body = {{"error", {{"code", code}, {"message", message}}}};
  return reply;
}

// Every route: 503 while the core is down, JSON out, and nothing escapes.
template <typename Handler>
httplib::Server::Handler guarded(std::function<SyncCore*()> core, Handler handler) {
  return [core = std::move(core), handler = std::move(handler)](const httplib::Request& req,
                                                                httplib::Response& res) {
    try {
      SyncCore* running = core();
      if (running == nullptr) {
        send(res, error(503, "unavailable", "the sync core is down"));
        return;
      }
      send(res, handler(*running, req));
    } catch (...) {
      send(res, error(500, "internal", "internal error"));
    }
  };
}

// {"company", "member"} bodies of the integrations page.
struct PageRequest {
  std::string company;
  std::string member;
  std::optional<std::string> opportunity;
};

std::optional<PageRequest> parse_page_request(const std::string& body, bool needs_member) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  PageRequest r;
  auto company = text("company");
  if (!company || company->empty()) return std::nullopt;
  r.company = *company;
  auto member = text("member");
  if (needs_member && !member) return std::nullopt;
  r.member = member.value_or("");
  r.opportunity = text("opportunity");
  return r;
}

ApiReply bad_page_request(bool needs_member) {
  return error(400, "bad_request",
               needs_member ? "expected a JSON body {\"company\": ..., \"member\": ...}"
                            : "expected a JSON body {\"company\": ...}");
}

}  // namespace

void mount_core_routes(httplib::Server& server, std::function<SyncCore*()> core) {
  // The server itself answers 413 to a declared length over the limit and
  // discards the body unread, so no sender can make the core hold more than
  // 1 MiB per request.
  server.set_payload_max_length(kMaxWebhookBodyBytes);
  // What that cap does not see, refused before a byte of the body is read:
  // cpp-httplib 0.11.4 reads a chunked body, or one without a length, whole
  // and unbounded, and inflates a gzip or br body whole before any route can
  // count it. Lever sends a plain body with a Content-Length; so does the
  // Justworks app.
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    const std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity") {
      send(res, error(415, "unsupported_encoding", "send the body without a Content-Encoding"));
      return httplib::Server::HandlerResponse::Handled;
    }
    const bool has_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (req.has_header("Transfer-Encoding") || (has_body && !req.has_header("Content-Length"))) {
      send(res, error(411, "length_required", "send the body with a Content-Length, not chunked"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 413) send(res, error(413, "payload_too_large", "the body is over 1 MiB"));
  });
  server.Post(R"(/webhooks/lever/([^/]+))",
              guarded(core, [](SyncCore& c, const httplib::Request& req) {
                if (req.body.size() > kMaxWebhookBodyBytes) {
                  return error(413, "payload_too_large", "the body is over 1 MiB");
                }
                return c.receive_webhook(req.matches[1].str(), req.body);
              }));

  server.Get("/oauth/lever/callback", guarded(core, [](SyncCore& c, const httplib::Request& req) {
               std::map<std::string, std::string> query;
               for (const auto& [name, value] : req.params) query.emplace(name, value);
               return c.oauth_callback(query);
             }));

  using PageCall = ApiReply (SyncCore::*)(const std::string&, const std::string&);
  auto page_route = [&](const char* path, PageCall call) {
    server.Post(path, guarded(core, [call](SyncCore& c, const httplib::Request& req) {
                  auto r = parse_page_request(req.body, /*needs_member=*/true);
                  if (!r) return bad_page_request(true);
                  return (c.*call)(r->company, r->member);
                }));
  };
  page_route("/integrations/lever/setup", &SyncCore::start_setup);
  page_route("/integrations/lever/finish", &SyncCore::finish_setup);
  page_route("/integrations/lever/disconnect", &SyncCore::disconnect);

  server.Get("/integrations/lever/status",
             guarded(core, [](SyncCore& c, const httplib::Request& req) {
               const std::string company = req.get_param_value("company");
               if (company.empty()) return error(400, "bad_request", "missing ?company=");
               return c.status(company);
             }));

  server.Post("/integrations/lever/retry",
              guarded(core, [](SyncCore& c, const httplib::Request& req) {
                auto r = parse_page_request(req.body, /*needs_member=*/false);
                if (!r) return bad_page_request(false);
                return c.retry(r->company, r->opportunity);
              }));
}

}  // namespace hiresync
