// Routes of the HTML pages (see review_page.h): showing the review page and
// Manage › Employees, and turning the Review & Invite form into the same
// operations the API and the UI actions use.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "common/markup.h"
#include "fake_justworks/http_plumbing.h"
#include "fake_justworks/pending_hires.h"
#include "fake_justworks/review_page.h"
#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

using nlohmann::json;

constexpr const char* kFormFields[] = {
    "first_name",          "last_name",        "home_email",      "work_email", "title",
    "department",          "office",           "manager",         "start_date", "member_type",
    "compensation_amount", "type_of_earnings", "exemption_status"};

Answer html_answer(int status, std::string html, std::string note) {
  Answer answer;
  answer.status = status;
  answer.content_type = "text/html; charset=utf-8";
  answer.body = std::move(html);
  answer.note = std::move(note);
  return answer;
}

Answer not_found_page(const std::string& what) {
  return html_answer(
      404,
      html_document("Not found · Justworks",
                    "<main><h1>Not found</h1><p>" + markup_escape(what) + "</p></main>"),
      "not_found");
}

// An input's text as the JSON value the API would take; "" means null.
Outcome<json> form_value(const Company& company, const std::string& key, const std::string& text) {
  if (text.empty()) return json(nullptr);
  if (key == "compensation_amount") {
    char* end = nullptr;
    errno = 0;
    const double amount = std::strtod(text.c_str(), &end);
    if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(amount)) {
      return unprocessable("invalid_value",
                           fmt::format("compensation_amount '{}' is not a number", text), key);
    }
    return json(amount);
  }
  if (key == "manager") {
    const Member* member = company.find_member_by_email(text);
    if (!member) {
      return unprocessable("invalid_value",
                           fmt::format("manager '{}' is not a member of {}", text, company.name),
                           "manager.email");
    }
    return json{{"name", member->full_name()}, {"email", member->email}};
  }
  return json(text);
}

struct Submission {
  std::string action;  // save | invite | dismiss
  std::string actor;
  json edits = json::object();
};

Outcome<Submission> read_form(const Company& company, const std::string& body) {
  Submission out;
  for (const auto& [key, value] : parse_query(body, true)) {
    if (key == "action") {
      out.action = value;
    } else if (key == "as") {
      out.actor = value;
    } else if (std::find(std::begin(kFormFields), std::end(kFormFields), key) !=
               std::end(kFormFields)) {
      auto converted = form_value(company, key, value);
      if (!converted.ok()) return converted.error();
      out.edits[key] = std::move(converted.value());
    } else {
      return bad_request("unknown_field", fmt::format("the form has no field '{}'", key), key);
    }
  }
  if (out.action != "save" && out.action != "invite" && out.action != "dismiss") {
    return bad_request("invalid_value", "action must be save, invite or dismiss", "action");
  }
  return out;
}

// Applies the submission; returns what was done, for the confirmation banner.
Outcome<std::string> apply(Service& service, Company& company, const std::string& id,
                           const Submission& form) {
  if (form.action == "invite") {
    auto member_id = invite_pending_hire(service, company, id, form.edits, form.actor);
    if (!member_id.ok()) return member_id.error();
    return std::string("invited");
  }
  auto done = form.action == "dismiss" ? dismiss_pending_hire(company, id, form.actor)
                                       : review_pending_hire(company, id, form.edits, form.actor);
  if (!done.ok()) return done.error();
  return form.action == "dismiss" ? std::string("dismissed") : std::string("saved");
}

std::string confirmation(const std::string& done) {
  if (done == "invited")
    return "Invited. The new member will get an invitation email from Justworks.";
  if (done == "dismissed") return "Dismissed. The hire has left the pending list.";
  if (done == "saved") return "Changes saved.";
  return {};
}

Answer show_review(Service& service, const httplib::Request& request) {
  const std::string id = request.matches[1];
  Company* company = service.company_of_pending_hire(id);
  if (!company) return not_found_page("There is no pending hire with this link.");
  std::string done;
  for (const auto& [key, value] : parse_query(raw_query(request), true)) {
    if (key == "done") done = value;
  }
  return html_answer(200,
                     render_review_page(*company, *company->find_pending_hire(id), json(),
                                        confirmation(done), false),
                     "");
}

Answer submit_review(Service& service, const httplib::Request& request) {
  const std::string id = request.matches[1];
  Company* company = service.company_of_pending_hire(id);
  if (!company) return not_found_page("There is no pending hire with this link.");
  auto form = read_form(*company, request.body);
  auto done =
      form.ok() ? apply(service, *company, id, form.value()) : Outcome<std::string>(form.error());
  if (!done.ok()) {
    const ApiError& error = done.error();
    const json shown = form.ok() ? form.value().edits : json();
    std::string note = error.code + (error.field.empty() ? "" : " " + error.field);
    return html_answer(
        error.http_status,
        render_review_page(*company, *company->find_pending_hire(id), shown, error.message, true),
        note);
  }
  // Post/Redirect/Get: reloading the confirmation never resubmits the form.
  Answer answer = html_answer(303, "", fmt::format("{} {}", done.value(), id));
  answer.headers["Location"] = review_path(id) + "?done=" + done.value();
  return answer;
}

Answer show_employees(Service& service, const httplib::Request& request) {
  std::string company_id;
  for (const auto& [key, value] : parse_query(raw_query(request), true)) {
    if (key == "company") company_id = value;
  }
  if (Company* company = service.company_by_id(company_id)) {
    return html_answer(200, render_employees_page(*company), "");
  }
  std::string list = "<main><h1>Companies</h1><ul>";
  for (const auto& [id, company] : service.companies) {
    list += fmt::format(R"(<li><a href="/employees?company={}">{}</a></li>)", markup_escape(id),
                        markup_escape(company.name));
  }
  return html_answer(company_id.empty() ? 200 : 404,
                     html_document("Companies · Justworks", list + "</ul></main>"),
                     company_id.empty() ? "" : "not_found");
}

}  // namespace

void mount_review_pages(httplib::Server& server, Service& service) {
  auto page = [&service](Answer (*handler)(Service&, const httplib::Request&)) {
    return [&service, handler](const httplib::Request& request, httplib::Response& response) {
      serve(service, request, response, [&] { return handler(service, request); });
    };
  };
  server.Get(R"(/review/([^/]+))", page(show_review));
  server.Post(R"(/review/([^/]+))", page(submit_review));
  server.Get("/employees", page(show_employees));
}

}  // namespace sim::justworks
