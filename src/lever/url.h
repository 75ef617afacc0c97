// URL pieces the Lever clients build: percent-encoding, form bodies, and a
// configured base URL split into what HttpClient::send wants.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hiresync::lever {

// RFC 3986 unreserved characters stay; every other byte becomes %XX.
std::string percent_encode(std::string_view text);
// application/x-www-form-urlencoded (also good for a query string).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// "http://host:port/prefix/" → origin "http://host:port", path "/prefix".
struct BaseUrl {
  std::string origin;
  std::string path;  // no trailing slash; empty for the root
};
BaseUrl split_base_url(std::string_view url);

}  // namespace hiresync::lever
