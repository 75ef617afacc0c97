#include "lever/rate_limit.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace hiresync::lever {

int64_t retry_after_ms(const HttpResponse& response) {
  const std::string value = response.header("retry-after");
  char* end = nullptr;
  const long long seconds = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || end == value.c_str() || seconds <= 0) return 1000;
  return std::min<long long>(seconds, 3600) * 1000;
}

}  // namespace hiresync::lever
