// SecretsKey: the 32-byte AES-256 key the SQLite store encrypts OAuth tokens
// and webhook signing secrets with, and where it comes from. The key lives in
// memory only: in the environment or a private key file, never in the
// database it protects.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace hiresync {

class SecretsKey {
 public:
  static constexpr size_t kSize = 32;

  explicit SecretsKey(const std::array<unsigned char, kSize>& bytes) : bytes_(bytes) {}
  // Wiped from memory when dropped.
  ~SecretsKey();
  SecretsKey(const SecretsKey&) = default;
  SecretsKey& operator=(const SecretsKey&) = default;

  // 64 hex digits, or the standard base64 of 32 bytes (44 characters with its
  // "=", or 43 without); surrounding whitespace (a key file's newline) is
  // ignored. `source` names where the text came from in the error.
  static Result<SecretsKey> parse(std::string_view text, std::string_view source);

  const unsigned char* data() const { return bytes_.data(); }

 private:
  std::array<unsigned char, kSize> bytes_;
};

// Reads a key file: refused unless it is a regular file owned by this user
// with no access for group or others (mode 0600 or 0400), so a key another
// user could read or plant is never used.
Result<SecretsKey> read_secrets_key_file(const std::string& path);

// The key named by the environment: HIRESYNC_SECRETS_KEY (the key itself) or
// HIRESYNC_SECRETS_KEY_FILE (a key file); none when neither is set, an error
// when both are or the one set is bad. The values are parameters so tests
// need not touch the process's environment; secrets_key_from_environment()
// reads the real one.
Result<std::optional<SecretsKey>> secrets_key_from(const char* key_text, const char* key_file);
Result<std::optional<SecretsKey>> secrets_key_from_environment();

}  // namespace hiresync
