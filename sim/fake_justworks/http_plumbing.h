// What every route of the fake shares: run the handler under the state lock
// with nothing thrown out of it, write the answer, and journal the request
// before the answer leaves (so a client that got its answer always finds
// the request in the journal). Also the 404/413 answers no route gives.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "fake_justworks/api_error.h"
#include "fake_justworks/service.h"

namespace sim::justworks {

// SEC-3: bodies over 1 MiB are refused with 413 before any handler runs.
inline constexpr size_t kMaxBodyBytes = 1 << 20;

struct Answer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string note;  // for the journal: short and secret-free
  std::map<std::string, std::string> headers;
};

Answer json_answer(int status, const nlohmann::json& body, std::string note);
// The error's JSON body; the journal note is the code and the field.
Answer error_answer(const ApiError& error);

// Runs `produce` holding service.mu; an exception becomes a 500 answer.
void serve(Service& service, const httplib::Request& request, httplib::Response& response,
           const std::function<Answer()>& produce);

// The raw query string of `request` (what follows '?'), "" when none.
std::string raw_query(const httplib::Request& request);

// Answers what no route handled (unknown path or method, oversized or
// unreadable body) with a JSON error, and journals it.
void install_fallbacks(httplib::Server& server, Service& service);

}  // namespace sim::justworks
