#include "cli/shard.h"

#include <charconv>
#include <climits>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

namespace sim::cli {
namespace {

// FNV-1a: a stable hash, the same on every machine.
uint64_t stable_hash(std::string_view text) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

hiresync::Result<Shard> parse_shard(const std::string& text) {
  // from_chars, not sscanf("%d"): a number past int's range is refused, not UB.
  int k = 0, n = 0;
  const char* end = text.data() + text.size();
  const auto slash = text.find('/');
  const auto [k_end, k_err] =
      std::from_chars(text.data(), text.data() + std::min(slash, text.size()), k);
  const bool ok =
      slash != std::string::npos && k_err == std::errc() && k_end == text.data() + slash && [&] {
        const auto [n_end, n_err] = std::from_chars(text.data() + slash + 1, end, n);
        return n_err == std::errc() && n_end == end;
      }();
  if (!ok || n < 1 || k < 1 || k > n)
    return hiresync::Status::InvalidArgument(fmt::format(
        "--shard {}: write K/N with 1 ≤ K ≤ N ≤ {}, e.g. 2/4", text.substr(0, 40), INT_MAX));
  return Shard{k, n};
}

bool in_shard(const std::string& root, const std::string& file, Shard shard) {
  if (shard.n <= 1) return true;
  std::error_code ec;
  std::string rel = std::filesystem::relative(file, root, ec).generic_string();
  if (ec || rel.empty() || rel == ".") rel = std::filesystem::path(file).filename().string();
  return stable_hash(rel) % static_cast<uint64_t>(shard.n) == static_cast<uint64_t>(shard.k - 1);
}

std::pair<uint64_t, uint64_t> seed_block(uint64_t first, uint64_t runs, Shard shard) {
  // Block K starts at ⌊(K-1)·runs/N⌋; computed without overflow for any
  // runs below 2^64 (runs/N and runs%N separately).
  const auto n = static_cast<uint64_t>(shard.n);
  auto start = [&](uint64_t k) { return k * (runs / n) + k * (runs % n) / n; };
  const uint64_t from = start(static_cast<uint64_t>(shard.k - 1));
  const uint64_t to = start(static_cast<uint64_t>(shard.k));
  return {first + from, to - from};
}

}  // namespace sim::cli
