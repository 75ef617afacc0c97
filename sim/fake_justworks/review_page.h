// The HTML a person sees in the fake Justworks: the review page each email
// links to (GET /review/{id}) with its Review & Invite form (POST
// /review/{id}), and Manage › Employees (GET /employees?company=ID). Plain
// HTML, no scripts; every value is escaped.
//
// Pages need no token: a browser opening an email's link has none, and the
// simulator stands in for a logged-in admin, who is picked in the form's
// "Acting as" list and checked like any Review & Invite actor.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "fake_justworks/records.h"
#include "fake_justworks/service.h"

namespace sim::justworks {

void mount_review_pages(httplib::Server& server, Service& service);

// The review page of `hire`, its fields overlaid with `shown` (what the
// person typed, when their submission was refused) and `banner` above them.
std::string render_review_page(const Company& company, const PendingHire& hire,
                               const nlohmann::json& shown, const std::string& banner,
                               bool banner_is_error);

// Manage › Employees for `company`: the counts, the pending hires with their
// Review links, and the members.
std::string render_employees_page(const Company& company);

// A whole HTML document around `body_html` (already escaped).
std::string html_document(const std::string& title, const std::string& body_html);

}  // namespace sim::justworks
