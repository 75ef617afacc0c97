// Delta debugging (Zeller's ddmin) over a list: the smallest sub-list,
// order kept, for which `still_fails` holds — 1-minimal: dropping any one
// more element makes the failure go away.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace sim::fuzz {

template <typename T>
std::vector<T> shrink(std::vector<T> items,
                      const std::function<bool(const std::vector<T>&)>& still_fails) {
  size_t chunks = 2;
  while (items.size() >= 2) {
    const size_t size = (items.size() + chunks - 1) / chunks;
    bool reduced = false;
    // Try dropping each chunk in turn (its complement is the candidate).
    for (size_t start = 0; start < items.size(); start += size) {
      std::vector<T> rest(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(start));
      const size_t end = std::min(items.size(), start + size);
      rest.insert(rest.end(), items.begin() + static_cast<std::ptrdiff_t>(end), items.end());
      if (!rest.empty() && still_fails(rest)) {
        items = std::move(rest);
        chunks = std::max<size_t>(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (reduced) continue;
    if (chunks >= items.size()) break;  // single elements tried: 1-minimal
    chunks = std::min(items.size(), chunks * 2);
  }
  return items;
}

}  // namespace sim::fuzz
