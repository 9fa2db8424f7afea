// What the tests of an evaluation's signed releases share: a synthetic cohort (600 subjects,
// seed 11) and a node signing key, made once per suite, and an ISA of one party to check a
// release against.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "cohort_fixture.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"
#include "protocol/isa.h"

namespace tandem::node::eval {

// An ISA whose one party is `node`, with `key`.
inline protocol::Isa IsaWith(const std::string& node, const crypto::VerifyingKey& key,
                             std::int64_t version = 3) {
  protocol::Isa isa{
      *protocol::IsaId::Create("dorset-hhpp"), version, {}, {}, {}, {}, 1, {}, {}, {}};
  isa.parties.push_back(
      {*protocol::NodeId::Create(node), "police", "Dorset Police", key, "", "", ""});
  return isa;
}

class SignedCohortTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(crypto::InitSodium().has_value());
    fixture_ = CohortFixture::Make(600, 11).release();
    auto key = crypto::SigningKey::Generate();
    ASSERT_TRUE(key.has_value());
    key_ = new crypto::SigningKey(std::move(*key));
  }
  static void TearDownTestSuite() {
    delete key_;
    key_ = nullptr;
    delete fixture_;
    fixture_ = nullptr;
  }

  static inline CohortFixture* fixture_ = nullptr;
  static inline crypto::SigningKey* key_ = nullptr;
};

}  // namespace tandem::node::eval
