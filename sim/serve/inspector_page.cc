#include "serve/inspector_page.h"

#include "embedded/inspector.html.h"

namespace sim::serve {

std::string_view inspector_page() { return kInspectorPage; }

}  // namespace sim::serve
