// The inspector page (sim/serve/inspector.html), embedded in the binary at
// build time so `hiresim serve` is self-contained.
#pragma once

#include <string_view>

namespace sim::serve {

std::string_view inspector_page();

}  // namespace sim::serve
