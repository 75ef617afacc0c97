#include "repro/bundle.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace sim::repro {

using hiresync::Status;
using nlohmann::json;

json make_bundle(const json& scenario, const Outcome& observed) {
  json bundle = scenario;
  for (const json& step : expectation_steps(observed)) bundle["steps"].push_back(step);
  return bundle;
}

Status write_atomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  // The process id keeps two repro runs writing the same bundle apart.
  const std::string temp = fmt::format("{}.tmp-{}", path, static_cast<long>(getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      fs::remove(temp, ec);
      return Status::Unavailable(fmt::format("{}: cannot be written", path));
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    return Status::Unavailable(fmt::format("{}: cannot be written ({})", path, ec.message()));
  }
  return Status::Ok();
}

}  // namespace sim::repro
