#include "node/exchange/nonce_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace tandem::node::exchange {
namespace {

using protocol::Nonce;
using protocol::Seconds;
using std::chrono::seconds;

const Seconds kNow{seconds{1'800'000'000}};

Nonce MakeNonce(std::uint8_t first) {
  Nonce::Bytes bytes{};
  bytes[0] = first;
  return Nonce::FromBytes(bytes);
}

TEST(NonceCacheTest, RefusesTheSameNonceFromTheSameSenderTwice) {
  NonceCache cache;
  ASSERT_TRUE(cache.Remember("police", MakeNonce(1), kNow + seconds{360}, kNow));
  const Status replay = cache.Remember("police", MakeNonce(1), kNow + seconds{360}, kNow);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, Code::kUnauthenticated);
  EXPECT_NE(replay.error().message.find("replayed"), std::string::npos);
}

TEST(NonceCacheTest, KeepsSendersApart) {
  NonceCache cache;
  ASSERT_TRUE(cache.Remember("police", MakeNonce(1), kNow + seconds{360}, kNow));
  EXPECT_TRUE(cache.Remember("probation", MakeNonce(1), kNow + seconds{360}, kNow));
}

TEST(NonceCacheTest, ForgetsAPairOnlyAfterItsEnvelopeCanNoLongerBeFresh) {
  NonceCache cache;
  ASSERT_TRUE(cache.Remember("police", MakeNonce(1), kNow + seconds{10}, kNow));
  EXPECT_FALSE(cache.Remember("police", MakeNonce(1), kNow + seconds{10}, kNow + seconds{10}));
  ASSERT_TRUE(cache.Remember("police", MakeNonce(2), kNow + seconds{400}, kNow + seconds{11}));
  EXPECT_EQ(cache.size(), 1u);
}

TEST(NonceCacheTest, SeededPairsAreRefused) {
  NonceCache cache;
  cache.Seed("housing", MakeNonce(7), kNow + seconds{300});
  EXPECT_FALSE(cache.Remember("housing", MakeNonce(7), kNow + seconds{300}, kNow));
}

TEST(NonceCacheTest, LetsExactlyOneOfManyConcurrentCopiesThrough) {
  NonceCache cache;
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (cache.Remember("nhs", MakeNonce(9), kNow + seconds{300}, kNow)) ++accepted;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 1);
}

}  // namespace
}  // namespace tandem::node::exchange
