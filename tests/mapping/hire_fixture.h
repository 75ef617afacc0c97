// Builders for the mapping tests: one complete hire (Jane Doe, signed offer,
// every field mappable) that each test bends in one place, and helpers that
// turn results into JSON so Catch prints them readably when a check fails.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"
#include "mapping/person.h"
#include "mapping/text.h"

namespace hiresync::testing {

using nlohmann::json;

// 2027-01-04T00:00:00Z.
inline constexpr int64_t kJaneStartMs = 1'799'020'800'000;

inline lever::OfferField field(std::string identifier, json value, std::string text = "") {
  if (text.empty()) text = identifier;
  return {std::move(identifier), std::move(text), std::move(value)};
}

// A custom offer-form field, found by its label.
inline lever::OfferField custom(std::string text, json value) {
  return {"custom_" + text, std::move(text), std::move(value)};
}

// Replaces the field with this identifier, or adds it.
inline void set_field(lever::Offer& offer, const std::string& identifier, json value) {
  for (auto& f : offer.fields) {
    if (f.identifier == identifier) {
      f.value = std::move(value);
      return;
    }
  }
  offer.fields.push_back(field(identifier, std::move(value)));
}

inline void remove_field(lever::Offer& offer, const std::string& identifier) {
  std::erase_if(offer.fields, [&](const auto& f) { return f.identifier == identifier; });
}

inline lever::Offer signed_offer(std::string id = "offer-1",
                                 int64_t created_at_ms = 1'790'000'000'000) {
  lever::Offer offer;
  offer.id = std::move(id);
  offer.status = "signed";
  offer.created_at_ms = created_at_ms;
  offer.posting_id = "post-eng";
  offer.fields = {
      field("job_posting", "post-eng", "Job posting"),
      field("job_title", "Staff Engineer", "Job title"),
      field("candidate_name", "Jane Doe", "Candidate name"),
      field("salary_amount", 185000, "Offered compensation amount"),
      field("compensation_currency", "USD", "Compensation currency"),
      field("salary_interval", "per-year-salary", "Type of earnings"),
      field("hiring_manager", "u-pat", "Hiring manager"),
      field("direct_manager", "u-sam", "Direct manager"),
      field("anticipated_start_date", kJaneStartMs, "Anticipated start date"),
      custom("Exemption status", "Exempt"),
  };
  return offer;
}

inline lever::Offer offer_with_status(std::string id, std::string status, int64_t created_at_ms) {
  lever::Offer offer = signed_offer(std::move(id), created_at_ms);
  offer.status = std::move(status);
  return offer;
}

inline lever::User user(std::string id, std::string name, std::string email) {
  return {std::move(id), std::move(name), std::move(email), "team member", std::nullopt};
}

inline justworks::Member member(std::string id, std::string first, std::string last,
                                std::string email) {
  return {std::move(id), std::move(first), std::move(last), std::move(email), false, {}, "active"};
}

// Every field maps; map_hire(jane()) has no notes and no flags.
inline HireInputs jane() {
  HireInputs in;
  in.opportunity.id = "opp-jane";
  in.opportunity.name = "Jane Doe";
  in.opportunity.contact_id = "c-jane";
  in.opportunity.emails = {"jane@example.com"};
  in.opportunity.confidentiality = "non-confidential";
  in.opportunity.posting_id = "post-eng";

  lever::Posting posting;
  posting.id = "post-eng";
  posting.text = "Senior Engineer (posting)";
  posting.state = "published";
  posting.confidentiality = "non-confidential";
  posting.team = "Platform";
  posting.department = "Engineering";
  posting.location = "New York";
  posting.commitment = "Full-time";
  posting.hiring_manager_id = "u-pat";
  in.posting = posting;

  in.offers = {signed_offer()};
  in.users = {user("u-sam", "Sam Lee", "sam@acme.example"),
              user("u-pat", "Pat Kim", "pat@acme.example")};
  in.justworks.departments = {"Engineering", "Sales", "People Ops"};
  in.justworks.offices = {"New York", "San Francisco", "Remote"};
  in.justworks.members = {member("m-dana", "Dana", "Ng", "dana@acme.example"),
                          member("m-sam", "Sam", "Lee", "sam@acme.example"),
                          member("m-pat", "Pat", "Kim", "pat@acme.example")};
  return in;
}

inline lever::Offer& the_offer(HireInputs& in) { return in.offers.front(); }

// Results as JSON: null for absent, so a failed CHECK prints both sides.
inline json j(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
inline json j(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
inline json j(const std::optional<ManagerRef>& v) {
  return v ? json{{"name", v->name}, {"email", v->email}} : json(nullptr);
}

// Every reason noted for `field`, joined; empty when there is none.
inline std::string notes_for(const PendingHireDraft& d, const std::string& field) {
  std::string out;
  for (const Note& n : d.notes) {
    if (n.field == field) out += (out.empty() ? "" : " | ") + n.reason;
  }
  return out;
}

// All notes, one per line, for CAPTURE.
inline std::string all_notes(const PendingHireDraft& d) {
  std::string out;
  for (const Note& n : d.notes) out += n.field + ": " + n.reason + "\n";
  return out;
}

// A JSON value for CAPTURE, even one holding bytes that are not UTF-8.
inline std::string show(const json& v) {
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

// "a:signed@100, b:sent@200", for CAPTURE.
inline std::string describe(const std::vector<lever::Offer>& offers) {
  std::string out;
  for (const lever::Offer& o : offers) {
    out +=
        (out.empty() ? "" : ", ") + o.id + ":" + o.status + "@" + std::to_string(o.created_at_ms);
  }
  return out;
}

// MAP-11 for any input: every empty field says why, amount and type of
// earnings come together, and the body always serialises.
inline std::vector<std::string> broken_invariants(const PendingHireDraft& d) {
  std::vector<std::string> broken;
  const std::pair<const char*, bool> fields[] = {
      {"first_name", d.first_name.has_value()},
      {"last_name", d.last_name.has_value()},
      {"home_email", d.home_email.has_value()},
      {"title", d.title.has_value()},
      {"department", d.department.has_value()},
      {"office", d.office.has_value()},
      {"manager", d.manager.has_value()},
      {"start_date", d.start_date.has_value()},
      {"member_type", d.member_type.has_value()},
      {"compensation_amount", d.compensation_amount.has_value()},
      {"type_of_earnings", d.type_of_earnings.has_value()},
      {"exemption_status", d.exemption_status.has_value()},
  };
  for (const auto& [name, present] : fields) {
    if (!present && notes_for(d, name).empty())
      broken.push_back(std::string(name) + " empty, no note");
  }
  // Justworks refuses (422) empty strings, outer spaces and control characters.
  const auto check_string = [&](const std::string& what, const std::string& v) {
    if (v.empty() || !mapping::is_clean_text(v) || mapping::normalize_space(v).size() != v.size()) {
      broken.push_back(what + " is not a clean string: " +
                       json(v).dump(-1, ' ', false, json::error_handler_t::replace));
    }
  };
  for (const auto* v :
       {&d.first_name, &d.last_name, &d.home_email, &d.title, &d.department, &d.office,
        &d.start_date, &d.member_type, &d.type_of_earnings, &d.exemption_status}) {
    if (*v) check_string("a field", **v);
  }
  if (d.manager) {
    check_string("manager.name", d.manager->name);
    check_string("manager.email", d.manager->email);
  }
  for (const Note& n : d.notes) check_string("note on " + n.field, n.reason);
  if (d.home_email && !mapping::looks_like_email(*d.home_email)) broken.push_back("bad home_email");
  if (d.compensation_amount.has_value() != d.type_of_earnings.has_value()) {
    broken.push_back("amount without type of earnings, or the reverse");
  }
  for (const Note& n : d.notes) {
    if (n.reason.empty() || n.reason.back() != '.')
      broken.push_back("note not a sentence: " + n.reason);
  }
  return broken;
}

}  // namespace hiresync::testing
