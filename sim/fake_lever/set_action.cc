// lever.set: a scenario edits the account's data in place, by JSON pointer
// ("/opportunities/opp-x/emails"), as if someone changed it in Lever. The
// edited object must stay a valid Lever object. No webhook is sent: events
// come from the actions that cause them.
#include <fmt/format.h>

#include "fake_lever/impl.h"
#include "fake_lever/world.h"

namespace sim::lever {

namespace {

// The unescaped reference tokens of an RFC 6901 pointer; nullopt if malformed.
std::optional<std::vector<std::string>> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer[0] != '/') return std::nullopt;
  std::string token;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
    } else if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
        return std::nullopt;
      }
      token += pointer[++i] == '0' ? '~' : '/';
    } else {
      token += pointer[i];
    }
  }
  return tokens;
}

std::string join_pointer(const std::vector<std::string>& tokens, size_t from) {
  json::json_pointer p;
  for (size_t i = from; i < tokens.size(); ++i) p /= tokens[i];
  return p.to_string();
}

Status set_setting(Account& account, const std::vector<std::string>& tokens, const json& value) {
  const std::string key = tokens.size() == 2 ? tokens[1] : "";
  if (key == "roles_with_manage_integrations") {
    if (!value.is_array())
      return Status::InvalidArgument("/settings/" + key + ": expected an array of role names");
    std::vector<std::string> roles;
    for (const json& r : value) {
      if (!r.is_string())
        return Status::InvalidArgument("/settings/" + key + ": expected an array of role names");
      roles.push_back(r.get<std::string>());
    }
    account.settings.roles_with_manage_integrations = std::move(roles);
    return Status::Ok();
  }
  if (key == "offer_approval_required") {
    if (!value.is_boolean())
      return Status::InvalidArgument("/settings/" + key + ": expected true or false");
    account.settings.offer_approval_required = value.get<bool>();
    return Status::Ok();
  }
  if (is_switch(key)) {
    if (Status s = apply_switch(account.settings.switches, key, value); !s.ok())
      return Status::InvalidArgument("/settings/" + s.message());
    return Status::Ok();
  }
  return Status::InvalidArgument(
      fmt::format("/settings: expected /settings/roles_with_manage_integrations, "
                  "/settings/offer_approval_required or a switch ({})",
                  fmt::join(switch_names(), ", ")));
}

// An array index along `tokens` (from `from`) past the array's end would make
// nlohmann fill the gap with nulls: /emails/2000000000 asks for 2e9 of them.
// Setting one past the end (or "-") appends, as RFC 6901 allows.
Status check_indices(const json& object, const std::vector<std::string>& tokens, size_t from,
                     const std::string& pointer) {
  const json* at = &object;
  for (size_t i = from; i < tokens.size() && at != nullptr; ++i) {
    const std::string& token = tokens[i];
    if (at->is_array()) {
      if (token == "-") return Status::Ok();
      const bool digits = !token.empty() && token.size() <= 9 &&
                          token.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoul(token) > at->size())
        return Status::InvalidArgument(
            fmt::format("{}: '{}' is not an index of this array of {} (use 0..{}, or - to append)",
                        pointer, token.substr(0, 20), at->size(), at->size()));
      const size_t index = std::stoul(token);
      at = index < at->size() ? &(*at)[index] : nullptr;
    } else if (at->is_object()) {
      const auto it = at->find(token);
      at = it == at->end() ? nullptr : &*it;
    } else {
      at = nullptr;
    }
  }
  return Status::Ok();
}

}  // namespace

hiresync::Status FakeLever::set(const std::string& account_id, const std::string& pointer,
                                const nlohmann::json& value) {
  std::lock_guard lock(impl_->mu);
  Result<Account*> found = impl_->find_account(account_id);
  if (!found.ok()) return found.status();
  Account& account = **found;
  const std::optional<std::vector<std::string>> parsed = pointer_tokens(pointer);
  if (!parsed) return Status::InvalidArgument(fmt::format("'{}' is not a JSON pointer", pointer));
  const std::vector<std::string>& tokens = *parsed;
  if (tokens.empty()) return Status::InvalidArgument("set needs a path below the account");
  if (tokens[0] == "settings") return set_setting(account, tokens, value);

  // Which object: collections are keyed by id; offers by opportunity, then id.
  const bool offer = tokens[0] == "offers";
  const size_t object_tokens = offer ? 3 : 2;
  if (tokens.size() < object_tokens) {
    return Status::InvalidArgument(fmt::format("{}: name an object by id", pointer));
  }
  Collection* collection = nullptr;
  if (offer) {
    auto it = account.offers.find(tokens[1]);
    if (it != account.offers.end()) collection = &it->second;
  } else {
    collection = account.collection(tokens[0]);
    if (collection == nullptr) {
      return Status::InvalidArgument(
          fmt::format("{}: unknown collection '{}'", pointer, tokens[0]));
    }
  }
  const std::string id = tokens[object_tokens - 1];
  Stored* stored = collection ? collection->find(id) : nullptr;
  const std::vector<std::string> object_tokens_only(tokens.begin(), tokens.begin() + object_tokens);
  const std::string object_path = join_pointer(object_tokens_only, 0);
  if (stored == nullptr) return Status::NotFound(fmt::format("{}: no such object", object_path));

  json edited = stored->obj();
  if (Status s = check_indices(edited, tokens, object_tokens, pointer); !s.ok()) return s;
  try {
    const std::string rest = join_pointer(tokens, object_tokens);
    if (rest.empty()) {
      edited = value;
    } else {
      edited[json::json_pointer(rest)] = value;
    }
  } catch (const json::exception&) {
    return Status::InvalidArgument(fmt::format("{}: cannot be set in this object", pointer));
  }
  if (!edited.is_object() || field(edited, "id") != id) {
    return Status::InvalidArgument(fmt::format("{}: an object's id cannot change", object_path));
  }
  Status s = check_edited_object(account, offer ? "offers" : tokens[0], edited, object_path);
  if (!s.ok()) return s;
  stored->edit() = std::move(edited);
  return Status::Ok();
}

}  // namespace sim::lever
