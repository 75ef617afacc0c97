#include "adapters/secrets_key.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace hiresync {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool decode_hex(std::string_view text, std::array<unsigned char, SecretsKey::kSize>& out) {
  if (text.size() != 2 * SecretsKey::kSize) return false;
  for (size_t i = 0; i < SecretsKey::kSize; ++i) {
    const int high = hex_value(text[2 * i]);
    const int low = hex_value(text[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<unsigned char>(high << 4 | low);
  }
  return true;
}

// 32 bytes are 43 base64 digits (the last carrying 2 bits, the rest zero),
// then one optional "=".
bool decode_base64(std::string_view text, std::array<unsigned char, SecretsKey::kSize>& out) {
  if (text.size() == 44 && text.back() == '=') text.remove_suffix(1);
  if (text.size() != 43) return false;
  uint32_t bits = 0;
  int bit_count = 0;
  size_t written = 0;
  for (char c : text) {
    const int v = base64_value(c);
    if (v < 0) return false;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out[written++] = static_cast<unsigned char>((bits >> bit_count) & 0xFF);
    }
  }
  // The 2 bits left over must be zero, or the text is not a canonical encoding.
  return written == SecretsKey::kSize && (bits & ((1u << bit_count) - 1)) == 0;
}

std::string_view trim(std::string_view text) {
  const char* space = " \t\r\n";
  const size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace

SecretsKey::~SecretsKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

Result<SecretsKey> SecretsKey::parse(std::string_view text, std::string_view source) {
  std::array<unsigned char, kSize> bytes{};
  const std::string_view trimmed = trim(text);
  if (decode_hex(trimmed, bytes) || decode_base64(trimmed, bytes)) {
    SecretsKey key(bytes);
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return key;
  }
  // The text is a secret (or nearly one): say what is wrong, never echo it.
  return Status::InvalidArgument(
      fmt::format("{}: not a secrets key: expected 32 bytes as 64 hex digits or as base64 "
                  "(44 characters), got {} characters",
                  source, trimmed.size()));
}

Result<SecretsKey> read_secrets_key_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    return Status::InvalidArgument(
        fmt::format("secrets key file {}: {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(fmt::format("secrets key file {}: not a regular file", path));
  }
  if (st.st_uid != ::geteuid()) {
    ::close(fd);
    return Status::PermissionDenied(
        fmt::format("secrets key file {}: owned by uid {}, not by this user (uid {}); refused",
                    path, st.st_uid, ::geteuid()));
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::PermissionDenied(
        fmt::format("secrets key file {}: mode {:04o} lets group or others read it; refused "
                    "(chmod 600 {})",
                    path, st.st_mode & 07777, path));
  }
  // A key is under 100 bytes; reading a little more tells a wrong file apart.
  char buffer[256];
  ssize_t length = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer + length, sizeof(buffer) - static_cast<size_t>(length));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    length += n;
    if (static_cast<size_t>(length) == sizeof(buffer)) break;
  }
  ::close(fd);
  auto key = SecretsKey::parse(std::string_view(buffer, static_cast<size_t>(length)),
                               "secrets key file " + path);
  OPENSSL_cleanse(buffer, sizeof(buffer));
  return key;
}

Result<std::optional<SecretsKey>> secrets_key_from(const char* key_text, const char* key_file) {
  const bool has_text = key_text != nullptr && *key_text != '\0';
  const bool has_file = key_file != nullptr && *key_file != '\0';
  if (has_text && has_file)
    return Status::InvalidArgument(
        "both HIRESYNC_SECRETS_KEY and HIRESYNC_SECRETS_KEY_FILE are set: set one");
  if (has_text) {
    auto key = SecretsKey::parse(key_text, "HIRESYNC_SECRETS_KEY");
    if (!key.ok()) return key.status();
    return std::optional<SecretsKey>(*key);
  }
  if (has_file) {
    auto key = read_secrets_key_file(key_file);
    if (!key.ok()) return key.status();
    return std::optional<SecretsKey>(*key);
  }
  return std::optional<SecretsKey>();
}

Result<std::optional<SecretsKey>> secrets_key_from_environment() {
  return secrets_key_from(std::getenv("HIRESYNC_SECRETS_KEY"),
                          std::getenv("HIRESYNC_SECRETS_KEY_FILE"));
}

}  // namespace hiresync
