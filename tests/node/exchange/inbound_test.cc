#include "node/exchange/inbound.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "node/endpoints/audit_routes.h"
#include "node/exchange/sealing.h"
#include "node/isa/isa_policy.h"
#include "protocol/isa.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::exchange {
namespace {

using testing::ReadWholeFile;
using testing::TempDir;

// The ISA test vector (tests/vectors/isa): party n's identity seed is 32 bytes equal to n.
crypto::SigningKey TestKey(std::uint8_t n) {
  auto seed = crypto::SecretBytes::Zeroed(32);
  for (std::size_t i = 0; i < 32; ++i) seed->data()[i] = n;
  return *crypto::SigningKey::FromSeed(*seed);
}

const protocol::Seconds kNoon = *protocol::ParseTimestamp("2026-06-01T12:00:00Z");

class InboundPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto isa = protocol::ParseIsa(
        ReadWholeFile(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/isa/isa.json"));
    ASSERT_TRUE(isa) << isa.error().message;
    auto receiver_policy = isa::IsaPolicy::Create(*isa, "probation");
    ASSERT_TRUE(receiver_policy);
    auto sender_policy = isa::IsaPolicy::Create(*isa, "police");
    ASSERT_TRUE(sender_policy);
    receiver_policy_ = std::make_unique<CurrentPolicy>(
        std::shared_ptr<const isa::IsaPolicy>(std::move(*receiver_policy)));
    sender_policy_ = std::make_unique<CurrentPolicy>(
        std::shared_ptr<const isa::IsaPolicy>(std::move(*sender_policy)));
    auto log = audit::AuditLog::OpenUnencrypted(
        dir_ / "audit.db", *protocol::NodeId::Create("probation"), probation_key_, {});
    ASSERT_TRUE(log) << log.error().message;
    log_ = std::move(*log);

    receiver_.self = "probation";
    receiver_.signing_key = &probation_key_;
    receiver_.policy = receiver_policy_.get();
    receiver_.nonces = &nonces_;
    receiver_.quotas = &quotas_;
    receiver_.audit = log_.get();
    receiver_.metrics = &metrics_;
    receiver_.clock = [this] { return now_; };
    sender_ = receiver_;
    sender_.self = "police";
    sender_.signing_key = &police_key_;
    sender_.policy = sender_policy_.get();
    pipeline_ = std::make_unique<InboundPipeline>(receiver_, endpoints::AuditRoutes(*log_));
  }

  net::HttpRequest Request(const std::string& kind, const std::string& purpose = "audit-witness",
                           std::int64_t isa_version = 1) {
    auto policy = sender_policy_->Get();
    auto sealed = SealMessage(sender_, protocol::IsaRef{policy->isa().id, isa_version}, "probation",
                              purpose, kind, "{}");
    EXPECT_TRUE(sealed) << sealed.error().message;
    return net::HttpRequest{"POST", MessagePath(kind), {}, sealed->wire, "police"};
  }

  // The answer's body, after checking that probation signed it for police.
  nlohmann::json OpenAnswer(const net::HttpResponse& response) {
    auto envelope = protocol::Open(response.body, probation_key_.verifying_key(), now_);
    EXPECT_TRUE(envelope) << envelope.error().message;
    if (!envelope) return {};
    EXPECT_EQ(envelope->header.from.value(), "probation");
    return nlohmann::json::parse(envelope->body);
  }

  TempDir dir_;
  protocol::Seconds now_ = kNoon;
  crypto::SigningKey police_key_ = TestKey(1);
  crypto::SigningKey probation_key_ = TestKey(2);
  std::unique_ptr<CurrentPolicy> receiver_policy_;
  std::unique_ptr<CurrentPolicy> sender_policy_;
  NonceCache nonces_;
  isa::QuotaCounter quotas_{{{"audit-witness", 2}}};
  std::unique_ptr<audit::AuditLog> log_;
  runtime::Metrics metrics_;
  ExchangeContext receiver_;
  ExchangeContext sender_;
  std::unique_ptr<InboundPipeline> pipeline_;
};

TEST_F(InboundPipelineTest, AnswersASignedResultWithAReceiptOfTheAuditEntry) {
  const net::HttpRequest request = Request("checkpoint-request");
  const net::HttpResponse response = pipeline_->Handle(request);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = OpenAnswer(response);
  EXPECT_EQ(body["in_reply_to"], protocol::PeekHeader(request.body)->id.Hex());
  EXPECT_EQ(body["receipt"]["log"], "probation");
  auto entry = log_->Entry(body["receipt"]["leaf_index"].get<std::uint64_t>());
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->kind, "exchange-in");
  EXPECT_EQ(entry->peer, "police");
  EXPECT_EQ(entry->isa_clause, "8.1");
  EXPECT_EQ(entry->outcome, "ok");
}

TEST_F(InboundPipelineTest, AnExhaustedQuotaIs429WithRetryAfterUntilMidnightAndIsAudited) {
  ASSERT_EQ(pipeline_->Handle(Request("checkpoint-request")).status, 200);
  ASSERT_EQ(pipeline_->Handle(Request("checkpoint-request")).status, 200);
  const net::HttpResponse refused = pipeline_->Handle(Request("checkpoint-request"));
  EXPECT_EQ(refused.status, 429);
  ASSERT_EQ(refused.headers.size(), 1u);
  EXPECT_EQ(refused.headers[0].first, "Retry-After");
  EXPECT_EQ(refused.headers[0].second, "43200");
  EXPECT_EQ(OpenAnswer(refused)["error"]["code"], "resource_exhausted");
  auto entry = log_->Entry(log_->size() - 1);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->outcome, "resource_exhausted");
  now_ += std::chrono::hours(12);  // the next UTC day
  EXPECT_EQ(pipeline_->Handle(Request("checkpoint-request")).status, 200);
}

TEST_F(InboundPipelineTest, AStaleEnvelopeIsRefusedAndNotAudited) {
  const net::HttpRequest request = Request("checkpoint-request");
  now_ += std::chrono::minutes(10);
  const net::HttpResponse response = pipeline_->Handle(request);
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(OpenAnswer(response)["error"]["code"], "unauthenticated");
  EXPECT_EQ(log_->size(), 0u);
}

TEST_F(InboundPipelineTest, AnotherIsaVersionIsRefused) {
  const net::HttpResponse response =
      pipeline_->Handle(Request("checkpoint-request", "audit-witness", 2));
  EXPECT_EQ(response.status, 403);
  EXPECT_NE(OpenAnswer(response)["error"]["message"].get<std::string>().find("version 2"),
            std::string::npos);
}

TEST_F(InboundPipelineTest, AKindThatIsNotThePathsIsRefused) {
  net::HttpRequest request = Request("checkpoint-request");
  request.target = MessagePath("cosign-request");
  EXPECT_EQ(pipeline_->Handle(request).status, 400);
}

TEST_F(InboundPipelineTest, MalformedBodiesGetASignedErrorAndNothingIsAudited) {
  for (const std::string& body : {std::string(), std::string("{"), std::string("[]"),
                                  std::string("{\"v\":1}"), std::string(2000, 'a')}) {
    const net::HttpResponse response = pipeline_->Handle(
        net::HttpRequest{"POST", MessagePath("checkpoint-request"), {}, body, "police"});
    EXPECT_EQ(response.status, 400) << body;
    auto envelope = protocol::Open(response.body, probation_key_.verifying_key(), now_);
    ASSERT_TRUE(envelope);
    EXPECT_EQ(envelope->header.kind.value(), "error");
  }
  EXPECT_EQ(log_->size(), 0u);
}

TEST_F(InboundPipelineTest, APurposeTheIsaDoesNotGiveThisKindIsDeniedAndAudited) {
  const net::HttpResponse response =
      pipeline_->Handle(Request("checkpoint-request", "hhpp-case-pack"));
  EXPECT_EQ(response.status, 403);
  ASSERT_EQ(log_->size(), 1u);
  EXPECT_EQ(log_->Entry(0)->outcome, "permission_denied");
}

}  // namespace
}  // namespace tandem::node::exchange
