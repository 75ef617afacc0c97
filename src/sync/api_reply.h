// ApiReply: what a route of the sync core answers, and the shape of its errors.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace hiresync {

// What an HTTP route of the core answers: a status and a JSON body. Errors
// are {"error": {"code", "message"}}.
struct ApiReply {
  int status = 200;
  nlohmann::json body = nlohmann::json::object();
};

// {"error": {"code", "message"}} with `status`.
inline ApiReply error_reply(int status, std::string_view code, std::string_view message) {
  ApiReply reply;
  reply.status = status;
  reply.body = {{"error", {{"code", code}, {"message", message}}}};
  return reply;
}

}  // namespace hiresync
