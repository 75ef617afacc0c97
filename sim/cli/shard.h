// Splitting work over a CI matrix: `--shard K/N` on `run` (scenario files)
// and on `fuzz` (a seed range). Every machine of the matrix computes the same
// split from the same arguments, so the N jobs together cover the whole and
// no part twice.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "common/status.h"

namespace sim::cli {

struct Shard {
  int k = 1;  // 1-based
  int n = 1;
};

// "K/N" with 1 ≤ K ≤ N; InvalidArgument naming the flag's text otherwise.
hiresync::Result<Shard> parse_shard(const std::string& text);

// Whether `file` (found under `root`) belongs to the shard: decided by a
// stable hash of its path relative to the root.
bool in_shard(const std::string& root, const std::string& file, Shard shard);

// The shard's part of the seeds [first, first + runs): a contiguous block,
// the blocks' sizes differing by at most one. Returns {first seed, count}.
std::pair<uint64_t, uint64_t> seed_block(uint64_t first, uint64_t runs, Shard shard);

}  // namespace sim::cli
