#include "adapters/secret_box.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include "common/check.h"

namespace hiresync {
namespace {

constexpr std::string_view kPrefix = "gcm1:";
constexpr int kNonceSize = 12;  // GCM's native IV size: no extra hashing of the IV
constexpr int kTagSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext new_context() {
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  HIRESYNC_CHECK(ctx != nullptr, "OpenSSL allocates a cipher context");
  return ctx;
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string to_hex(const std::string& raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

bool from_hex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  auto value = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out.resize(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    const int high = value(hex[2 * i]);
    const int low = value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<char>(high << 4 | low);
  }
  return true;
}

}  // namespace

bool looks_sealed(std::string_view value) { return value.substr(0, kPrefix.size()) == kPrefix; }

std::string seal_secret(const SecretsKey& key, std::string_view plaintext,
                        std::string_view associated_data) {
  std::string raw(kNonceSize + plaintext.size() + kTagSize, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  // A nonce must never repeat under one key; 96 random bits make a repeat
  // negligible for far more values than a store will ever seal.
  HIRESYNC_CHECK(RAND_bytes(out, kNonceSize) == 1, "OpenSSL draws a random nonce");
  CipherContext ctx = new_context();
  int length = 0;
  bool ok = EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), out) == 1;
  ok = ok && EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(associated_data),
                               static_cast<int>(associated_data.size())) == 1;
  ok = ok && EVP_EncryptUpdate(ctx.get(), out + kNonceSize, &length, bytes(plaintext),
                               static_cast<int>(plaintext.size())) == 1;
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), out + kNonceSize + length, &length) == 1;
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize,
                                 out + kNonceSize + plaintext.size()) == 1;
  HIRESYNC_CHECK(ok, "OpenSSL seals a secret with AES-256-GCM");
  return std::string(kPrefix) + to_hex(raw);
}

Result<std::string> open_secret(const SecretsKey& key, std::string_view sealed,
                                std::string_view associated_data) {
  std::string raw;
  if (!looks_sealed(sealed) || !from_hex(sealed.substr(kPrefix.size()), raw) ||
      raw.size() < static_cast<size_t>(kNonceSize + kTagSize)) {
    return Status::InvalidArgument("not an encrypted value");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t text_size = raw.size() - kNonceSize - kTagSize;
  std::string plaintext(text_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
  CipherContext ctx = new_context();
  int length = 0;
  bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), in) == 1;
  ok = ok && EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(associated_data),
                               static_cast<int>(associated_data.size())) == 1;
  ok = ok && EVP_DecryptUpdate(ctx.get(), out, &length, in + kNonceSize,
                               static_cast<int>(text_size)) == 1;
  // The tag is set before Final, which is where GCM checks it.
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize,
                                 const_cast<unsigned char*>(in + kNonceSize + text_size)) == 1;
  ok = ok && EVP_DecryptFinal_ex(ctx.get(), out + length, &length) == 1;
  if (!ok) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return Status::PermissionDenied(
        "the value does not decrypt: another secrets key, another place, or altered");
  }
  return plaintext;
}

}  // namespace hiresync
