// Sealing one secret value for storage: AES-256-GCM (OpenSSL) with a fresh
// random 96-bit nonce per value, and associated data naming where the value
// lives (table, row, column), so a sealed value copied into another row or
// column no longer opens. Sealed text is "gcm1:" followed by the hex of
// nonce || ciphertext || 16-byte tag: printable, so the database stays
// readable with the sqlite3 shell.
#pragma once

#include <string>
#include <string_view>

#include "adapters/secrets_key.h"
#include "common/status.h"

namespace hiresync {

// Never fails for a valid key (OpenSSL failing to encrypt is a broken
// invariant and stops the process).
std::string seal_secret(const SecretsKey& key, std::string_view plaintext,
                        std::string_view associated_data);

// The plaintext, or PermissionDenied when the value was sealed with another
// key, for another place, or altered; InvalidArgument when it is not sealed
// text at all (a clear value).
Result<std::string> open_secret(const SecretsKey& key, std::string_view sealed,
                                std::string_view associated_data);

// Whether `value` has the sealed form's prefix.
bool looks_sealed(std::string_view value);

}  // namespace hiresync
