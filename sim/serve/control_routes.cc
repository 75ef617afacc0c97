#include "serve/control_routes.h"

#include <chrono>
#include <memory>

#include <fmt/format.h>

#include "serve/inspector_page.h"

namespace sim::serve {
namespace {

using nlohmann::json;

void send(httplib::Response& res, const Answer& answer) {
  res.status = answer.status;
  // Replaced, not thrown: a journal's path may hold bytes that are not UTF-8.
  res.set_content(answer.body.dump(2, ' ', false, json::error_handler_t::replace) + "\n",
                  "application/json");
}

Answer too_large() {
  return {413, {{"error", fmt::format("the body is over {} bytes", kMaxControlBodyBytes)}}};
}

// The events a client has seen: ?after=N, or the Last-Event-ID its
// EventSource sends when it reconnects.
int64_t events_seen(const httplib::Request& req) {
  std::string text = req.get_header_value("Last-Event-ID");
  if (req.has_param("after")) text = req.get_param_value("after");
  try {
    return text.empty() ? 0 : std::max<int64_t>(0, std::stoll(text));
  } catch (const std::exception&) {
    return 0;
  }
}

// How long a quiet stream waits before a comment line, which also shows
// whether the browser is still there.
constexpr auto kKeepAlive = std::chrono::seconds(10);
constexpr size_t kEventsPerWrite = 500;

}  // namespace

void mount_control_routes(httplib::Server& server, Session& session) {
  // A declared length over the limit is refused unread; the routes check
  // chunked bodies themselves.
  server.set_payload_max_length(kMaxControlBodyBytes);
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // cpp-httplib caps form bodies at 8 KiB, and `curl -d` labels any body a form.
    if (res.status == 413 &&
        req.get_header_value("Content-Type").find("form-urlencoded") != std::string::npos)
      return send(res, {413,
                        {{"error",
                          "a form-encoded body over 8 KiB: send the steps with "
                          "Content-Type: application/json"}}});
    if (res.status == 413) send(res, too_large());
    if (res.status == 404 && res.body.empty())
      send(res,
           {404, {{"error", "no such route: see GET / or the README's hiresim serve section"}}});
  });
  // A page reload leaves its old event stream's connection idle: let it go soon.
  server.set_keep_alive_timeout(2);

  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    const std::string_view page = inspector_page();
    res.set_content(page.data(), page.size(), "text/html; charset=utf-8");
  });

  server.Post("/control/steps", [&session](const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > kMaxControlBodyBytes) return send(res, too_large());
    send(res, session.post_steps(req.body));
  });

  server.Get("/control/state", [&session](const httplib::Request& req, httplib::Response& res) {
    const std::string journals =
        req.has_param("journals") ? req.get_param_value("journals") : "true";
    send(res, session.state(req.get_param_value("tenant"), journals != "false" && journals != "0"));
  });

  server.Post("/control/reset", [&session](const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > kMaxControlBodyBytes) return send(res, too_large());
    send(res, session.reset(req.body));
  });

  server.Get("/control/scenario", [&session](const httplib::Request& req, httplib::Response& res) {
    if (req.has_param("download"))
      res.set_header("Content-Disposition", "attachment; filename=\"hiresim-session.json\"");
    res.set_content(session.export_scenario().dump(2) + "\n", "application/json");
  });

  server.Get("/control/events", [&session](const httplib::Request& req, httplib::Response& res) {
    auto seen = std::make_shared<int64_t>(events_seen(req));
    res.set_header("Cache-Control", "no-cache");
    res.set_chunked_content_provider(
        "text/event-stream", [&session, seen](size_t, httplib::DataSink& sink) {
          EventFeed& feed = session.events();
          if (feed.closed()) {
            sink.done();
            return true;
          }
          auto batch = feed.since(*seen, kEventsPerWrite);
          if (batch.empty()) {
            feed.wait_after(*seen, kKeepAlive);
            batch = feed.since(*seen, kEventsPerWrite);
          }
          std::string out;
          for (const auto& e : batch) {
            *seen = e["seq"].get<int64_t>();
            out += fmt::format("id: {}\ndata: {}\n\n", *seen,
                               e.dump(-1, ' ', false, json::error_handler_t::replace));
          }
          if (out.empty()) out = ": still here\n\n";
          return sink.write(out.data(), out.size());
        });
  });
}

}  // namespace sim::serve
