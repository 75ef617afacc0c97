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
  if (reply.status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"Justworks\"");
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

// The session credential of `Authorization: Bearer <session>`; "" when the
// header is missing or malformed (then the core answers 401). Only visible
// ASCII passes, so nothing the caller sends can bend the header the core
// forwards to Justworks.
std::string bearer_session(const httplib::Request& req) {
  static constexpr size_t kMaxSessionChars = 512;
  const std::string header = req.get_header_value("Authorization");
  if (header.size() <= 7) return "";
  const std::string scheme = header.substr(0, 7);
  if (scheme != "Bearer " && scheme != "bearer " && scheme != "BEARER ") return "";
  std::string token = header.substr(7);
  if (token.size() > kMaxSessionChars) return "";
  for (unsigned char c : token) {
    if (c < 0x21 || c > 0x7E) return "";
  }
  return token;
}

// The optional JSON body of a page call: {"company"?, "opportunity"?}. A
// "member" the body may still carry is ignored: who acts comes from the
// session alone.
struct PageBody {
  std::optional<std::string> company;
  std::optional<std::string> opportunity;
};

std::optional<PageBody> parse_page_body(const std::string& body) {
  if (body.empty()) return PageBody{};
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  PageBody r;
  for (auto [key, out] : {std::pair{"company", &r.company}, {"opportunity", &r.opportunity}}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) return std::nullopt;
    *out = it->get<std::string>();
  }
  return r;
}

ApiReply bad_page_body() {
  return error(400, "bad_request",
               "expected no body or a JSON object {\"company\"?, \"opportunity\"?}");
}

ApiReply no_session() {
  return error(401, "unauthenticated",
               "sign in to Justworks: send Authorization: Bearer <session>");
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

  // The integrations page: every call names its caller by a Justworks
  // session; the core verifies it (SyncCore, sync/page_auth.h).
  auto page_route = [&](const char* method, const char* path, auto call) {
    auto handler = guarded(core, [call](SyncCore& c, const httplib::Request& req) {
      PageRequest page;
      page.session = bearer_session(req);
      if (page.session.empty()) return no_session();
      auto body = parse_page_body(req.body);
      if (!body) return bad_page_body();
      page.company = body->company;
      if (req.has_param("company")) page.company = req.get_param_value("company");
      return call(c, page, *body);
    });
    if (std::string_view(method) == "GET") {
      server.Get(path, handler);
    } else {
      server.Post(path, handler);
    }
  };
  page_route("POST", "/integrations/lever/setup",
             [](SyncCore& c, const PageRequest& p, const PageBody&) { return c.start_setup(p); });
  page_route("POST", "/integrations/lever/finish",
             [](SyncCore& c, const PageRequest& p, const PageBody&) { return c.finish_setup(p); });
  page_route("POST", "/integrations/lever/disconnect",
             [](SyncCore& c, const PageRequest& p, const PageBody&) { return c.disconnect(p); });
  page_route("GET", "/integrations/lever/status",
             [](SyncCore& c, const PageRequest& p, const PageBody&) { return c.page_status(p); });
  page_route("POST", "/integrations/lever/retry",
             [](SyncCore& c, const PageRequest& p, const PageBody& b) {
               return c.retry(p, b.opportunity);
             });
}

}  // namespace hiresync
