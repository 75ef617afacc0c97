// The email each eligible admin gets for a new pending hire (MAIL-2): the
// fixed subject, the candidate's name and title, and the review link. It never
// holds compensation, the personal email or the notes.
#pragma once

#include <string>
#include <string_view>

#include "justworks/client.h"

namespace hiresync {

inline constexpr std::string_view kHireEmailSubject = "A candidate has been hired in Lever!";

// `candidate_name` and `title` may be empty; the text then says less.
justworks::EmailRequest compose_hire_email(const std::string& to, const std::string& candidate_name,
                                           const std::string& title, const std::string& review_url);

}  // namespace hiresync
