// hiresim's --shard K/N: the split a CI matrix relies on covers everything once.
#include <catch2/catch.hpp>

#include <set>
#include <vector>

#include "cli/shard.h"

using sim::cli::parse_shard;
using sim::cli::seed_block;
using sim::cli::Shard;

TEST_CASE("a shard K/N is parsed, and nonsense is refused naming the text", "[shard]") {
  auto ok = parse_shard("3/50");
  REQUIRE(ok.ok());
  CHECK(ok->k == 3);
  CHECK(ok->n == 50);
  for (const char* bad : {"0/4", "5/4", "4", "/4", "1/", "a/b", "1/4x", "-1/4", "1/99999999999"}) {
    auto parsed = parse_shard(bad);
    INFO(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().message().find(bad) != std::string::npos);
  }
}

TEST_CASE("the seed blocks of N shards cover the range once, in order", "[shard]") {
  for (uint64_t runs : {1ULL, 7ULL, 100ULL, 1000000ULL}) {
    for (int n : {1, 2, 3, 7, 50}) {
      uint64_t expected_next = 42;
      uint64_t smallest = UINT64_MAX, largest = 0;
      for (int k = 1; k <= n; ++k) {
        const auto [first, count] = seed_block(42, runs, Shard{k, n});
        INFO("runs " << runs << " shard " << k << "/" << n);
        CHECK(first == expected_next);
        expected_next = first + count;
        smallest = std::min(smallest, count);
        largest = std::max(largest, count);
      }
      CHECK(expected_next == 42 + runs);
      CHECK(largest - smallest <= 1);
    }
  }
}

TEST_CASE("a block is computed without overflow for the largest ranges", "[shard]") {
  const uint64_t runs = UINT64_MAX - 10;
  const auto [first, count] = seed_block(0, runs, Shard{INT32_MAX, INT32_MAX});
  CHECK(first + count == runs);
  CHECK(count >= runs / INT32_MAX);
}

TEST_CASE("scenario files are split by their path under the folder, once each", "[shard]") {
  std::vector<std::string> files;
  for (int i = 0; i < 200; ++i) files.push_back("scenarios/group/s" + std::to_string(i) + ".json");
  std::set<std::string> seen;
  std::vector<size_t> sizes;
  for (int k = 1; k <= 4; ++k) {
    size_t in = 0;
    for (const auto& f : files) {
      if (!sim::cli::in_shard("scenarios", f, Shard{k, 4})) continue;
      CHECK(seen.insert(f).second);
      ++in;
    }
    sizes.push_back(in);
  }
  CHECK(seen.size() == files.size());
  for (size_t in : sizes) CHECK(in > 20);  // a hash split, not all in one shard
  // The same file under another checkout's absolute path lands in the same shard.
  CHECK(sim::cli::in_shard("/a/scenarios", "/a/scenarios/group/s1.json", Shard{2, 4}) ==
        sim::cli::in_shard("/b/x/scenarios", "/b/x/scenarios/group/s1.json", Shard{2, 4}));
}
