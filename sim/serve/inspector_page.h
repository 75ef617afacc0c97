// The inspector page (sim/serve/inspector.html), embedded in the binary at
// build time so `hiresim serve` is self-contained.
#pragma once

namespace sim::serve {

const char* inspector_page();

}  // namespace sim::serve
