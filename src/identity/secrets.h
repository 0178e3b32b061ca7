// Password hashing and random tokens (libsodium), private to the identity module.
#pragma once

#include <string>
#include <string_view>

namespace coopole::identity {

// Initialises libsodium once; throws std::runtime_error if it cannot.
void EnsureSodium();

// argon2id hash in the PHC string format. `fast` uses the minimum cost (tests only).
// At most two hashes run at once: each costs ~64 MiB and ~80 ms at the interactive setting.
std::string HashPassword(std::string_view password, bool fast);
// Constant-time verification of `password` against a stored hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// 32 random bytes, base64url without padding (43 characters).
std::string RandomToken();
// SHA-256 of a token, hex: what the database stores instead of the token.
std::string TokenDigest(std::string_view token);

}  // namespace coopole::identity
