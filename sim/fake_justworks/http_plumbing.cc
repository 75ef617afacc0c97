// Shared route plumbing (see http_plumbing.h).
#include "fake_justworks/http_plumbing.h"

#include <exception>

namespace sim::justworks {
namespace {

void journal(Service& service, const httplib::Request& request, const Answer& answer) {
  JournalEntry entry;
  entry.time_ms = service.clock.now_ms();
  entry.method = request.method;
  // The answer's body is redacted already (serve); a request's may quote a
  // token too.
  std::string request_body;
  {
    std::lock_guard lock(service.mu);
    entry.path = service.redact(request.path);
    entry.query = service.redact(raw_query(request));
    if (service.journal.keeps_bodies()) request_body = service.redact(request.body);
  }
  entry.status = answer.status;
  entry.note = answer.note;
  service.journal.record(std::move(entry), {request_body, request.get_header_value("Content-Type"),
                                            answer.body, answer.content_type});
}

ApiError fallback_error(int status) {
  switch (status) {
    case 404:
      return not_found("no such route");
    case 413:
      return {413, "payload_too_large", "the body is over 1 MiB", {}};
    case 400:
      return bad_request("bad_request", "the request could not be read");
    default:
      return {status, "http_error", "the request failed", {}};
  }
}

}  // namespace

Answer json_answer(int status, const nlohmann::json& body, std::string note) {
  Answer answer;
  answer.status = status;
  answer.body = body.dump();
  answer.note = std::move(note);
  return answer;
}

Answer error_answer(const ApiError& error) {
  std::string note = error.code;
  if (!error.field.empty()) note += " " + error.field;
  return json_answer(error.http_status, error_body(error), std::move(note));
}

void serve(Service& service, const httplib::Request& request, httplib::Response& response,
           const std::function<Answer()>& produce) {
  Answer answer;
  try {
    std::lock_guard lock(service.mu);
    answer = produce();
    // Messages may quote the request (an unknown id, an email); a token
    // pasted there must not come back (TOKEN-2).
    answer.body = service.redact(std::move(answer.body));
  } catch (const std::exception&) {
    // The exception's text may quote the input; the answer stays generic.
    answer = error_answer({500, "internal", "the fake failed to handle this request", {}});
  } catch (...) {
    answer = error_answer({500, "internal", "the fake failed to handle this request", {}});
  }
  journal(service, request, answer);
  response.status = answer.status;
  for (const auto& [name, value] : answer.headers) response.set_header(name, value);
  response.set_content(answer.body, answer.content_type.c_str());
}

std::string raw_query(const httplib::Request& request) {
  const size_t mark = request.target.find('?');
  return mark == std::string::npos ? std::string() : request.target.substr(mark + 1);
}

void install_fallbacks(httplib::Server& server, Service& service) {
  server.set_payload_max_length(kMaxBodyBytes);
  using Handled = httplib::Server::HandlerResponse;
  httplib::Server::HandlerWithResponse fallback = [&service](const httplib::Request& request,
                                                             httplib::Response& response) {
    // Routes answer with a body; an empty one means httplib refused the request itself.
    if (!response.body.empty()) return Handled::Unhandled;
    const Answer answer = error_answer(fallback_error(response.status));
    journal(service, request, answer);
    response.set_content(answer.body, answer.content_type.c_str());
    return Handled::Handled;
  };
  server.set_error_handler(std::move(fallback));
}

}  // namespace sim::justworks
