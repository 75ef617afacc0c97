// Escaping text for the HTML and XML the simulator writes (reports, the
// explanation beside the timeline, JUnit files).
#pragma once

#include <string>
#include <string_view>

namespace sim {

// `in` safe inside an element or a quoted attribute of HTML or XML 1.0. The
// control characters XML forbids even escaped become '?'.
std::string markup_escape(std::string_view in);

}  // namespace sim
