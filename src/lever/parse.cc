#include "lever/parse.h"

#include <cmath>

namespace hiresync::lever {
namespace {

using nlohmann::json;

const json* field(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string text(const json& object, const char* key) {
  const json* v = field(object, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::optional<std::string> optional_text(const json& object, const char* key) {
  const json* v = field(object, key);
  if (!v || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

std::optional<int64_t> optional_ms(const json& object, const char* key) {
  const json* v = field(object, key);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<int64_t>();
  if (v->is_number_unsigned() && v->get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX)) {
    return static_cast<int64_t>(v->get<uint64_t>());
  }
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (std::isfinite(d) && std::fabs(d) < 9e18) return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

// A reference that Lever may expand: an id string, or an object with an id.
std::optional<std::string> reference(const json* v) {
  if (!v) return std::nullopt;
  if (v->is_string() && !v->get_ref<const std::string&>().empty()) return v->get<std::string>();
  if (v->is_object()) {
    auto id = optional_text(*v, "id");
    if (id && !id->empty()) return id;
  }
  return std::nullopt;
}

Status require_id(const json& data, const char* what, std::string& id) {
  if (!data.is_object()) return Status::Internal(std::string("Lever sent a non-object ") + what);
  id = text(data, "id");
  if (id.empty()) return Status::Internal(std::string("Lever sent a ") + what + " without an id");
  return Status::Ok();
}

}  // namespace

Result<json> parse_envelope(const std::string& body) {
  auto parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  // An unreadable body is most likely a proxy's error page: worth retrying.
  if (parsed.is_discarded()) return Status::Unavailable("Lever sent a body that is not JSON");
  const json* data = field(parsed, "data");
  if (!data) return Status::Internal("Lever's answer has no `data`");
  return *data;
}

Result<Page> parse_page(const std::string& body) {
  auto parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Unavailable("Lever sent a body that is not JSON");
  const json* data = field(parsed, "data");
  if (!data || !data->is_array()) return Status::Internal("Lever's list has no `data` array");
  Page page;
  page.items.assign(data->begin(), data->end());
  const json* has_next = field(parsed, "hasNext");
  auto next = optional_text(parsed, "next");
  if (has_next && has_next->is_boolean() && has_next->get<bool>() && next && !next->empty()) {
    page.next = std::move(next);
  }
  return page;
}

Result<Opportunity> parse_opportunity(const json& data) {
  Opportunity o;
  if (Status s = require_id(data, "opportunity", o.id); !s.ok()) return s;
  o.name = text(data, "name");
  o.contact_id = reference(field(data, "contact")).value_or("");
  if (const json* emails = field(data, "emails"); emails && emails->is_array()) {
    for (const json& e : *emails) {
      if (e.is_string()) o.emails.push_back(e.get<std::string>());
    }
  }
  if (const json* anon = field(data, "isAnonymized"); anon && anon->is_boolean()) {
    o.is_anonymized = anon->get<bool>();
  }
  o.confidentiality = text(data, "confidentiality");
  // With ?expand=applications the (at most one) application is an object that
  // names its posting; unexpanded it is a bare id and the posting is unknown.
  if (const json* apps = field(data, "applications"); apps && apps->is_array() && !apps->empty()) {
    const json& app = apps->front();
    if (app.is_object()) {
      o.posting_id = reference(field(app, "posting"));
    } else {
      o.application_id = reference(&app);
    }
  }
  if (const json* archived = field(data, "archived"); archived && archived->is_object()) {
    o.archive_reason_id = reference(field(*archived, "reason"));
    o.archived_at_ms = optional_ms(*archived, "archivedAt").value_or(0);
  }
  return o;
}

Result<Offer> parse_offer(const json& data) {
  Offer o;
  if (Status s = require_id(data, "offer", o.id); !s.ok()) return s;
  o.status = text(data, "status");
  o.created_at_ms = optional_ms(data, "createdAt").value_or(0);
  o.posting_id = reference(field(data, "posting"));
  if (const json* fields = field(data, "fields"); fields && fields->is_array()) {
    for (const json& f : *fields) {
      if (!f.is_object()) continue;
      OfferField of;
      of.identifier = text(f, "identifier");
      of.text = text(f, "text");
      if (const json* v = field(f, "value")) of.value = *v;
      o.fields.push_back(std::move(of));
    }
  }
  return o;
}

Result<Posting> parse_posting(const json& data) {
  Posting p;
  if (Status s = require_id(data, "posting", p.id); !s.ok()) return s;
  p.text = text(data, "text");
  p.state = text(data, "state");
  p.confidentiality = text(data, "confidentiality");
  if (const json* c = field(data, "categories"); c && c->is_object()) {
    p.team = optional_text(*c, "team");
    p.department = optional_text(*c, "department");
    p.location = optional_text(*c, "location");
    p.commitment = optional_text(*c, "commitment");
  }
  p.hiring_manager_id = reference(field(data, "hiringManager"));
  return p;
}

Result<User> parse_user(const json& data) {
  User u;
  if (Status s = require_id(data, "user", u.id); !s.ok()) return s;
  u.name = text(data, "name");
  u.email = text(data, "email");
  u.access_role = text(data, "accessRole");
  u.deactivated_at_ms = optional_ms(data, "deactivatedAt");
  return u;
}

Result<ArchivedOpportunity> parse_archived_opportunity(const json& data) {
  ArchivedOpportunity out;
  if (Status s = require_id(data, "opportunity", out.id); !s.ok()) return s;
  const json* archived = field(data, "archived");
  auto at = archived ? optional_ms(*archived, "archivedAt") : std::nullopt;
  if (!at) return Status::Internal("Lever listed an opportunity without archived.archivedAt");
  out.archived_at_ms = *at;
  out.reason_id = reference(field(*archived, "reason")).value_or("");
  return out;
}

Result<ArchiveReason> parse_archive_reason(const json& data) {
  ArchiveReason out;
  if (Status s = require_id(data, "archive reason", out.id); !s.ok()) return s;
  out.type = text(data, "type");
  return out;
}

Result<Webhook> parse_webhook(const json& data) {
  const json* inner = field(data, "data");
  const json& w = (inner && inner->is_object() && !field(data, "id")) ? *inner : data;
  Webhook hook;
  if (Status s = require_id(w, "webhook", hook.id); !s.ok()) return s;
  hook.url = text(w, "url");
  hook.event = text(w, "event");
  if (const json* conf = field(w, "configuration"))
    hook.signature_token = text(*conf, "signatureToken");
  return hook;
}

}  // namespace hiresync::lever
