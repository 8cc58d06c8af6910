// Value types shared by every bind_*.cpp file. Registered in common/bind_dto.cpp,
// which every module that uses them links.
#pragma once

#include <string>

#include "qrpos/crypto.hpp"
#include "qrpos/result.hpp"

namespace qrpos::wasm {

struct ErrorDto {
  std::string code;
  std::string detail;
  double offset = 0;
};
inline ErrorDto to_dto(const Error& e) { return {error_name(e.code), e.detail, static_cast<double>(e.offset)}; }

struct TextResult {
  bool ok = false;
  std::string value;
  ErrorDto error;
};
struct NumberResult {
  bool ok = false;
  double value = 0;
  ErrorDto error;
};

inline TextResult text_ok(std::string value) { return {true, std::move(value), {}}; }
inline TextResult text_error(const Error& e) { return {false, {}, to_dto(e)}; }

// Hex text (seeds, entropy) as bytes.
inline Result<std::string> unhex(const std::string& hex) {
  auto bytes = crypto::from_hex(hex);
  if (!bytes.ok()) return bytes.error();
  return std::string(bytes.value().begin(), bytes.value().end());
}

// The key pair of a hex seed.
inline Result<crypto::SigningKey> signing_key(const std::string& seed_hex) {
  auto seed = unhex(seed_hex);
  if (!seed.ok()) return seed.error();
  return crypto::SigningKey::from_seed(seed.value());
}

}  // namespace qrpos::wasm
