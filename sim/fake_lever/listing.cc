// How the Data API shapes what it serves: `expand` and `include`, the
// {"data": …} envelope, and list pages with `limit`, an opaque `offset`
// token, `hasNext` and `next` (absent on the last page).
//
// The paging token is Lever's real 2025 shape, URL-encoded JSON: [position,
// "<id>"] — the position of the next page's first object in its container.
// Objects are never removed, so a token stays valid while filters change.
#include <algorithm>
#include <charconv>

#include <httplib.h>

#include "fake_lever/impl.h"

namespace sim::lever {

Shape shape_of(const Call& call) {
  Shape shape;
  for (auto& e : call.all("expand")) shape.expand.insert(e);
  for (auto& i : call.all("include")) shape.include.insert(i);
  return shape;
}

json FakeLever::Impl::render(const Account& account, const json& obj, const Shape& shape,
                             const std::vector<Expansion>& expansions) const {
  json out;
  if (shape.include.empty()) {
    out = obj;
  } else {
    // include restricts the fields; an expanded field counts as included.
    out = json::object();
    for (const auto& [key, value] : obj.items()) {
      if (key == "id" || shape.include.count(key) || shape.expand.count(key)) out[key] = value;
    }
  }
  for (const Expansion& e : expansions) {
    if (!shape.expand.count(e.field) || !out.contains(e.field)) continue;
    const Collection& target = account.*(e.target);
    auto expand_one = [&](json& v) {
      if (!v.is_string()) return;
      if (const Stored* found = target.find(v.get<std::string>())) v = found->obj();
    };
    json& v = out[e.field];
    if (v.is_array()) {
      for (json& item : v) expand_one(item);
    } else {
      expand_one(v);
    }
  }
  return out;
}

Reply FakeLever::Impl::one_reply(const Account& account, const Stored& stored, const Shape& shape,
                                 const std::vector<Expansion>& expansions) const {
  if (shape.plain()) return data_reply(200, stored.dump());
  return data_reply(200, render(account, stored.obj(), shape, expansions).dump());
}

std::vector<ListRow> FakeLever::Impl::rows_of(const Collection& collection,
                                              const std::function<bool(const json&)>& keep) {
  std::vector<ListRow> rows;
  const auto& items = collection.items();
  for (size_t i = 0; i < items.size(); ++i) {
    if (!keep || keep(items[i].obj())) rows.push_back({i, &items[i]});
  }
  return rows;
}

namespace {

bool parse_limit(const std::string& text, size_t& out) {
  int value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || p != text.data() + text.size() || value < 1 || value > 100) return false;
  out = static_cast<size_t>(value);
  return true;
}

// The position a paging token names, if it still names the same object.
std::optional<size_t> parse_offset(std::string token,
                                   const std::function<const Stored*(size_t)>& container_at) {
  // Sent as returned, the server decodes it once; encoded again by a client,
  // it arrives still encoded. Accept both.
  if (!token.empty() && token[0] == '%') token = url_decode(token, false);
  const json parsed = json::parse(token, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array() || parsed.size() != 2 ||
      !parsed[0].is_number_unsigned() || !parsed[1].is_string()) {
    return std::nullopt;
  }
  const size_t position = parsed[0].get<size_t>();
  const Stored* at = container_at(position);
  if (at == nullptr || at->id() != parsed[1].get_ref<const std::string&>()) return std::nullopt;
  return position;
}

}  // namespace

Reply FakeLever::Impl::list_reply(const Call& call, const Account& account,
                                  const std::vector<ListRow>& rows,
                                  const std::function<const Stored*(size_t)>& container_at,
                                  const std::vector<Expansion>& expansions) const {
  size_t limit = 100;
  if (call.has("limit") && !parse_limit(call.query("limit"), limit)) {
    return api_error(400, "BadRequestError", "limit must be an integer from 1 to 100");
  }
  size_t first = 0;
  if (call.has("offset")) {
    const std::optional<size_t> position = parse_offset(call.query("offset"), container_at);
    if (!position) return api_error(400, "BadRequestError", "Invalid offset token");
    first = static_cast<size_t>(
        std::lower_bound(rows.begin(), rows.end(), *position,
                         [](const ListRow& r, size_t p) { return r.position < p; }) -
        rows.begin());
  }
  const size_t end = std::min(rows.size(), first + limit);
  const Shape shape = shape_of(call);
  Reply reply;
  reply.body = "{\"data\":[";
  for (size_t i = first; i < end; ++i) {
    if (i > first) reply.body += ',';
    const Stored& s = *rows[i].stored;
    reply.body += shape.plain() ? s.dump() : render(account, s.obj(), shape, expansions).dump();
  }
  const bool has_next = end < rows.size();
  reply.body += has_next ? "],\"hasNext\":true" : "],\"hasNext\":false";
  if (has_next) {
    const std::string token = json::array({rows[end].position, rows[end].stored->id()}).dump();
    reply.body += ",\"next\":" + json(url_encode(token)).dump();
  }
  reply.body += "}";
  return reply;
}

}  // namespace sim::lever
