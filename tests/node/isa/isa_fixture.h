// Signed ISAs for the node ISA tests, from the vector in tests/vectors/isa/ and its TEST-ONLY
// keys (party n's seed is 32 bytes equal to n: 1 police ... 6 victim-advocacy).
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/isa.h"

namespace tandem::testing {

inline constexpr std::array<const char*, 6> kVectorParties = {
    "police", "probation", "nhs", "housing", "substance-misuse", "victim-advocacy"};

inline std::string ReadIsaVector(const std::string& name) {
  std::ifstream in(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/isa/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline crypto::SigningKey VectorKey(std::size_t party_index) {
  std::vector<std::uint8_t> seed(crypto::kEd25519SeedSize,
                                 static_cast<std::uint8_t>(party_index + 1));
  auto secret = crypto::SecretBytes::Copy(seed);
  EXPECT_TRUE(secret);
  auto key = crypto::SigningKey::FromSeed(*secret);
  EXPECT_TRUE(key);
  return *std::move(key);
}

inline protocol::Seconds At(const char* text) { return *protocol::ParseTimestamp(text); }

// 2026-11-22T14:00:00Z: inside the vector's validity (2026-01-01 .. 2027-01-01).
inline protocol::Seconds VectorNow() { return At("2026-11-22T14:00:00Z"); }

inline protocol::Isa VectorIsa() {
  auto isa = protocol::ParseIsa(ReadIsaVector("isa.json"));
  EXPECT_TRUE(isa) << isa.error().message;
  return *std::move(isa);
}

// The vector ISA as `version`, signed by the first `signers` parties only.
inline protocol::Isa VectorIsaVersion(std::int64_t version, std::size_t signers = 6) {
  protocol::Isa isa = VectorIsa();
  isa.version = version;
  isa.signatures.clear();
  for (std::size_t i = 0; i < signers; ++i) {
    EXPECT_TRUE(protocol::SignIsa(isa, kVectorParties[i], VectorKey(i)));
  }
  return isa;
}

inline std::string Json(const protocol::Isa& isa) {
  auto text = protocol::FormatIsa(isa);
  EXPECT_TRUE(text);
  return *text;
}

}  // namespace tandem::testing
