#include "sync/hire_email.h"

#include <fmt/format.h>

namespace hiresync {

justworks::EmailRequest compose_hire_email(const std::string& to, const std::string& candidate_name,
                                           const std::string& title,
                                           const std::string& review_url) {
  const std::string who = candidate_name.empty() ? "A candidate" : candidate_name;
  const std::string as = title.empty() ? "" : fmt::format(" as {}", title);
  justworks::EmailRequest email;
  email.to = to;
  email.subject = std::string(kHireEmailSubject);
  email.text = fmt::format(
      "{} has been hired in Lever{}.\n\n"
      "Review the pending hire and invite them to Justworks:\n{}\n",
      who, as, review_url);
  email.link = review_url;
  return email;
}

}  // namespace hiresync
