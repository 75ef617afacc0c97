// Rendering of the fake Justworks' HTML pages (see review_page.h). Every
// value from a record goes through markup_escape: names and notes come from
// Lever, i.e. from candidates, and are untrusted.
#include "fake_justworks/review_page.h"

#include <fmt/format.h>

#include <string_view>

#include "common/markup.h"
#include "fake_justworks/text_util.h"

namespace sim::justworks {
namespace {

using nlohmann::json;

constexpr char kStyle[] = R"(
body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
header { background: #1f4fd1; color: #fff; padding: 12px 24px; }
header a { color: #fff; }
main { max-width: 760px; margin: 24px auto; background: #fff; padding: 24px 32px;
       border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h1 { margin-top: 0; } h2 { margin-top: 28px; font-size: 1.1em; }
.banner { padding: 10px 14px; border-radius: 6px; background: #e6f4ea; }
.banner.error { background: #fde8e8; color: #8a1c1c; }
.flag { display: inline-block; padding: 2px 8px; border-radius: 10px; background: #fff3cd; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
label { display: block; margin: 10px 0 2px; font-weight: 600; }
input, select { width: 100%; padding: 6px; box-sizing: border-box; }
.row { display: flex; gap: 16px; } .row > div { flex: 1; }
.actions { margin-top: 24px; display: flex; gap: 12px; }
button { padding: 8px 16px; border-radius: 6px; border: 1px solid #1f4fd1; background: #fff; }
button.primary { background: #1f4fd1; color: #fff; }
.muted { color: #5b6474; }
)";

std::string h(std::string_view text) { return markup_escape(text); }

// A field's value as text for display and inputs; "" when null.
std::string text_of(const json& fields, const char* key) {
  if (!fields.contains(key) || fields.at(key).is_null()) return {};
  const json& value = fields.at(key);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.contains("email") && value.at("email").is_string()) {
    return value.at("email").get<std::string>();
  }
  return value.dump();
}

std::string input(const json& fields, const char* key, const char* label, const char* type) {
  return fmt::format(
      R"(<div><label for="{0}">{1}</label><input id="{0}" name="{0}" type="{2}"{3} value="{4}"></div>)",
      key, label, type, std::string_view(type) == "number" ? R"( step="0.01" min="0.01")" : "",
      h(text_of(fields, key)));
}

struct Option {
  std::string value;
  std::string label;
};

std::string select(const json& fields, const char* key, const char* label,
                   const std::vector<Option>& options) {
  const std::string current = text_of(fields, key);
  std::string html = fmt::format(R"(<div><label for="{0}">{1}</label><select id="{0}" name="{0}">)"
                                 R"(<option value="">— none —</option>)",
                                 key, label);
  for (const auto& option : options) {
    html += fmt::format(R"(<option value="{}"{}>{}</option>)", h(option.value),
                        iequals(option.value, current) ? " selected" : "", h(option.label));
  }
  return html + "</select></div>";
}

std::vector<Option> options_of(const std::vector<std::string>& names) {
  std::vector<Option> out;
  for (const auto& name : names) out.push_back({name, name});
  return out;
}

std::vector<Option> manager_options(const Company& company) {
  std::vector<Option> out;
  for (const auto& member : company.members) {
    out.push_back({member.email, fmt::format("{} ({})", member.full_name(), member.email)});
  }
  return out;
}

std::vector<Option> actor_options(const Company& company) {
  std::vector<Option> out;
  for (const auto& member : company.members) {
    if (member.can_manage_employees()) {
      out.push_back({member.email, fmt::format("{} ({})", member.full_name(), member.email)});
    }
  }
  return out;
}

std::string flags_html(const json& fields) {
  if (fields.at("flags").empty()) return {};
  std::string html = "<h2>Flags</h2><p>";
  for (const auto& flag : fields.at("flags")) {
    const std::string name = flag.get<std::string>();
    const std::string label =
        name == "possible_duplicate"
            ? "Possible duplicate: this person may already be a member or have another pending hire"
            : name;
    html += fmt::format(R"(<span class="flag">{}</span> )", h(label));
  }
  return html + "</p>";
}

std::string notes_html(const json& fields) {
  if (fields.at("notes").empty()) return {};
  std::string html = "<h2>Notes from the sync</h2><table><tr><th>Field</th><th>Why</th></tr>";
  for (const auto& note : fields.at("notes")) {
    html += fmt::format("<tr><td>{}</td><td>{}</td></tr>", h(note.at("field").get<std::string>()),
                        h(note.at("reason").get<std::string>()));
  }
  return html + "</table>";
}

std::string review_form(const Company& company, const PendingHire& hire, const json& fields) {
  std::string html = fmt::format(R"(<h2>Review &amp; Invite</h2><form method="post" action="{}">)",
                                 h(review_path(hire.id)));
  html += "<div class=\"row\">" + input(fields, "first_name", "First name", "text") +
          input(fields, "last_name", "Last name", "text") + "</div>";
  html += "<div class=\"row\">" + input(fields, "home_email", "Home email", "email") +
          input(fields, "work_email", "Work email", "email") + "</div>";
  html += input(fields, "title", "Title", "text");
  html += "<div class=\"row\">" +
          select(fields, "department", "Department", options_of(company.departments)) +
          select(fields, "office", "Office", options_of(company.offices)) + "</div>";
  html += "<div class=\"row\">" + select(fields, "manager", "Manager", manager_options(company)) +
          input(fields, "start_date", "Start date", "date") + "</div>";
  html += select(fields, "member_type", "Member type",
                 {{"full_time", "Employee – Full Time (W-2)"},
                  {"part_time", "Employee – Part Time (W-2)"},
                  {"intern", "Employee – Paid Intern (W-2)"},
                  {"contractor", "U.S. Contractor or Consultant (1099)"}});
  html += "<div class=\"row\">" +
          input(fields, "compensation_amount", "Compensation (USD)", "number") +
          select(fields, "type_of_earnings", "Type of earnings",
                 {{"salary", "Salary (per year)"}, {"wage", "Wage (per hour)"}}) +
          select(fields, "exemption_status", "Exemption status",
                 {{"exempt", "Exempt"}, {"non_exempt", "Non-exempt"}}) +
          "</div>";
  html += R"(<label for="as">Acting as</label><select id="as" name="as">)";
  for (const auto& option : actor_options(company)) {
    html += fmt::format(R"(<option value="{}">{}</option>)", h(option.value), h(option.label));
  }
  html += "</select>";
  html += R"(<div class="actions"><button name="action" value="save">Save changes</button>)"
          R"(<button class="primary" name="action" value="invite">Invite New Member</button>)"
          R"(<button name="action" value="dismiss">Dismiss</button></div></form>)";
  return html;
}

std::string read_only_fields(const json& fields) {
  static constexpr std::pair<const char*, const char*> kShown[] = {
      {"first_name", "First name"},
      {"last_name", "Last name"},
      {"home_email", "Home email"},
      {"work_email", "Work email"},
      {"title", "Title"},
      {"department", "Department"},
      {"office", "Office"},
      {"manager", "Manager"},
      {"start_date", "Start date"},
      {"member_type", "Member type"},
      {"compensation_amount", "Compensation (USD)"},
      {"type_of_earnings", "Type of earnings"},
      {"exemption_status", "Exemption status"}};
  std::string html = "<table>";
  for (const auto& [key, label] : kShown) {
    const std::string value = text_of(fields, key);
    html += fmt::format("<tr><th>{}</th><td>{}</td></tr>", label,
                        value.empty() ? "<span class=\"muted\">—</span>" : h(value));
  }
  return html + "</table>";
}

std::string status_line(const PendingHire& hire) {
  if (hire.status == "invited") {
    return fmt::format("Invited as member {}; this hire has left the pending list.",
                       h(hire.member_id.value_or("")));
  }
  if (hire.status == "dismissed") return "Dismissed; this hire has left the pending list.";
  return "Pending: review the values synced from Lever, then invite.";
}

std::string display_name(const json& fields) {
  std::string name = text_of(fields, "first_name");
  const std::string last = text_of(fields, "last_name");
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  return name.empty() ? "Unnamed candidate" : name;
}

std::string header_bar(const Company& company) {
  return fmt::format(R"(<header>Justworks (simulated) · {} · <a href="/employees?company={}">)"
                     R"(Manage › Employees</a></header>)",
                     h(company.name), h(company.id));
}

}  // namespace

std::string html_document(const std::string& title, const std::string& body_html) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>{}</title><style>{}</style></head><body>{}</body></html>\n",
      h(title), kStyle, body_html);
}

std::string render_review_page(const Company& company, const PendingHire& hire, const json& shown,
                               const std::string& banner, bool banner_is_error) {
  json fields = hire.fields;
  if (shown.is_object()) fields.update(shown);
  const std::string name = display_name(hire.fields);
  std::string body = header_bar(company) + "<main>";
  if (!banner.empty()) {
    body +=
        fmt::format(R"(<p class="banner{}">{}</p>)", banner_is_error ? " error" : "", h(banner));
  }
  body += fmt::format("<h1>{}</h1><p>{}</p>", h(name), status_line(hire));
  body +=
      fmt::format(R"(<p class="muted">Synced from Lever on {} · opportunity {} · contact {}</p>)",
                  h(iso_utc(hire.created_at_ms)), h(text_of(hire.fields, "lever_opportunity_id")),
                  h(text_of(hire.fields, "lever_contact_id")));
  body += flags_html(hire.fields) + notes_html(hire.fields);
  body += hire.status == "pending" ? review_form(company, hire, fields)
                                   : "<h2>Details</h2>" + read_only_fields(fields);
  return html_document("Review " + name + " · Justworks", body + "</main>");
}

std::string render_employees_page(const Company& company) {
  int active = 0, invited = 0, pending = 0;
  for (const auto& member : company.members) {
    active += member.status == "active";
    invited += member.status == "invited";
  }
  std::string hires;
  for (const auto& hire : company.pending_hires()) {
    if (hire.status != "pending") continue;
    ++pending;
    hires += fmt::format(R"(<tr><td>{}</td><td>{}</td><td><a href="{}">Review</a></td></tr>)",
                         h(display_name(hire.fields)), h(text_of(hire.fields, "title")),
                         h(review_path(hire.id)));
  }
  std::string body = header_bar(company) + "<main><h1>Employees</h1>";
  body += fmt::format("<p>{} active · {} invited · <strong>{} pending hire{}</strong></p>", active,
                      invited, pending, pending == 1 ? "" : "s");
  if (pending > 0) {
    body +=
        "<h2>Pending</h2><table><tr><th>Name</th><th>Title</th><th></th></tr>" + hires + "</table>";
  }
  body +=
      "<h2>Members</h2><table><tr><th>Name</th><th>Email</th><th>Status</th><th>Title</th></tr>";
  for (const auto& member : company.members) {
    body +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", h(member.full_name()),
                    h(member.email), h(member.status), h(member.title.value_or("")));
  }
  return html_document(company.name + " · Employees · Justworks", body + "</table></main>");
}

}  // namespace sim::justworks
