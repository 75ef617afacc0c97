// Pieces the Data API's resource handlers share: list filters by query
// parameter and the single-object / whole-collection reads.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "fake_lever/impl.h"

namespace sim::lever {

// Every value given for `name` (repeated or comma-joined); Lever reads a
// multi-valued filter as a union.
std::set<std::string> filter_values(const Call& call, const std::string& name);

// Parses a boolean parameter ("true"/"false"); a 400 reply if malformed.
std::optional<Reply> bool_param(const Call& call, const std::string& name,
                                std::optional<bool>& out);
// Parses an epoch-ms parameter; a 400 reply if malformed.
std::optional<Reply> ms_param(const Call& call, const std::string& name,
                              std::optional<int64_t>& out);

// `confidentiality=non-confidential|confidential|all` (default
// non-confidential); confidential data needs confidential:access:admin.
std::optional<Reply> confidentiality_param(FakeLever::Impl& impl, const Call& call,
                                           const ApiCaller& caller, std::string& mode);
bool confidentiality_matches(const std::string& mode, const json& obj);

Reply not_found(const std::string& resource, const std::string& id);

// A finder for list_reply's paging-token check.
inline std::function<const Stored*(size_t)> position_in(const Collection& c) {
  return [&c](size_t p) { return p < c.size() ? &c.items()[p] : nullptr; };
}

}  // namespace sim::lever
