// Three real nodes (police, probation, nhs) in separate processes on loopback, set up with the
// project's own scripts, exchanging signed envelopes over mutual TLS. The test also acts as a
// client holding police's identity and certificate (as a second police process would), to send
// well-formed and hostile messages.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "core/identifiers.h"
#include "crypto/digest.h"
#include "crypto/hex.h"
#include "node/audit/audit_log.h"
#include "node/endpoints/oprf_codec.h"
#include "node/endpoints/remote_evaluator.h"
#include "node/exchange/outbound.h"
#include "node/exchange/sealing.h"
#include "node/identity_key.h"
#include "node/isa/isa_installer.h"
#include "node/net/peer_client.h"
#include "node/store/data_dir.h"
#include "node/tokens/key_files.h"
#include "node/tokens/node_share.h"
#include "node/tokens/tokeniser.h"
#include "tests/integration/partnership.h"
#include "tests/integration/police_client.h"
#include "tests/integration/tandem_process.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using node::exchange::PeerExchange;
using testing::Partnership;
using testing::PoliceClient;
using testing::TempDir;

class FederationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new TempDir();
    partnership_ = new Partnership();
    const std::string setup =
        partnership_->SetUp(temp_->path() / "p", {"police", "probation", "nhs"});
    ASSERT_EQ(setup, "");
    for (const std::string node : {"police", "probation", "nhs"}) {
      ASSERT_EQ(partnership_->Start(node), "");
    }
    client_ = new PoliceClient();
    ASSERT_EQ(client_->Open(*partnership_, temp_->path()), "");
  }
  static void TearDownTestSuite() {
    delete client_;
    if (partnership_ != nullptr) partnership_->StopAll();
    delete partnership_;
    delete temp_;
  }

  // A raw mutual-TLS connection from `as` to `to`'s peer listener.
  static std::unique_ptr<node::net::PeerClient> Connect(const std::string& as,
                                                        const std::string& to) {
    auto policy = client_->policy->Get();
    const protocol::IsaParty* party = policy->Party(to);
    auto client = node::net::PeerClient::Create(
        PoliceClient::Tls(*partnership_, as),
        node::net::PeerEndpoint{to, "127.0.0.1",
                                static_cast<std::uint16_t>(partnership_->peer_port(to)),
                                party->cert_sha256},
        {});
    EXPECT_TRUE(client) << client.error().message;
    return std::move(*client);
  }

  static std::string Seal(const std::string& to, const std::string& purpose,
                          const std::string& kind, const std::string& body) {
    auto policy = client_->policy->Get();
    auto sealed = node::exchange::SealMessage(
        client_->context, protocol::IsaRef{policy->isa().id, policy->isa().version}, to, purpose,
        kind, body);
    EXPECT_TRUE(sealed) << sealed.error().message;
    return sealed->wire;
  }

  static std::string ErrorCode(const std::string& wire) {
    const auto envelope = nlohmann::json::parse(wire, nullptr, false);
    if (!envelope.is_object() || !envelope.contains("body")) return "not an envelope";
    return envelope["body"]["error"].value("code", "");
  }

  static TempDir* temp_;
  static Partnership* partnership_;
  static PoliceClient* client_;
};

TempDir* FederationTest::temp_ = nullptr;
Partnership* FederationTest::partnership_ = nullptr;
PoliceClient* FederationTest::client_ = nullptr;

TEST_F(FederationTest, HealthIsOpenAndEverythingElseNeedsATokenWithTheRightRole) {
  EXPECT_EQ(partnership_->Call("police", "GET", "/health").status, 200);
  EXPECT_EQ(partnership_->Call("police", "GET", "/metrics").status, 401);
  EXPECT_EQ(
      partnership_->Call("police", "GET", "/metrics", "tandem_" + std::string(64, 'a')).status,
      401);
  const auto metrics =
      partnership_->Call("police", "GET", "/metrics", partnership_->token("police", "dpo"));
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("tandem_audit_entries"), std::string::npos);
  EXPECT_EQ(partnership_
                ->Call("police", "POST", "/v1/audit/witness", partnership_->token("police", "dpo"))
                .status,
            403);
  EXPECT_EQ(partnership_->Call("police", "GET", "/v1/nothing-here").status, 404);
}

TEST_F(FederationTest, AnImportWhileTheNodeRunsReachesItsAuditLogWithoutIdentifiers) {
  const std::string serial = "100001";
  const auto file = temp_->path() / "police_nominals.csv";
  testing::WriteWholeFile(
      file,
      "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
      "warning_markers\nN7000001,Okonkwo,Daniel,James,1986-04-11,M,04/" +
          serial + *core::PncCheckLetter("04", serial) +
          ",\"12 Kings Road, Poole\",BH14 9QT,,VI\n");
  const std::vector<std::string> store = {"--data-dir", partnership_->data_dir("police").string(),
                                          "--key-file", partnership_->key_file("police").string()};
  std::vector<std::string> import = {"import", "--agency", "police", file.string()};
  import.insert(import.begin() + 1, store.begin(), store.end());
  const auto imported = testing::RunTandem(import, {}, temp_->path());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  // The node moves the queued entry into its log within its outbox interval (5 s).
  std::vector<std::string> exported = {
      "audit",    "export", "--kind", "import",
      "--format", "csv",    "--out",  (temp_->path() / "imports.csv").string()};
  exported.insert(exported.begin() + 2, store.begin(), store.end());
  std::string csv;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (csv.find("police_nominals") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto run = testing::RunTandem(exported, {}, temp_->path());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    csv = testing::ReadWholeFile(temp_->path() / "imports.csv");
  }
  EXPECT_NE(csv.find("collection of police_nominals: 1 inserted, 0 updated, 0 unchanged, "
                     "0 rejected"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(crypto::Sha256Hex(testing::ReadWholeFile(file))), std::string::npos) << csv;
  for (const char* identifier : {"Okonkwo", "N7000001", "1986-04-11", "BH14"}) {
    EXPECT_EQ(csv.find(identifier), std::string::npos) << identifier;
  }
  std::filesystem::remove(temp_->path() / "imports.csv");
}

TEST_F(FederationTest, AWitnessingRoundIsCoSignedByEveryPeerAndEveryLogVerifies) {
  const auto round = partnership_->Call("police", "POST", "/v1/audit/witness",
                                        partnership_->token("police", "admin"));
  ASSERT_EQ(round.status, 200) << round.body;
  const auto json = nlohmann::json::parse(round.body);
  ASSERT_EQ(json["witnesses"].size(), 2u);
  for (const auto& witness : json["witnesses"]) EXPECT_EQ(witness["status"], "co-signed");
  for (const std::string node : {"police", "probation", "nhs"}) {
    const auto verified =
        testing::RunTandem({"audit", "verify", "--data-dir", partnership_->data_dir(node).string(),
                            "--key-file", partnership_->key_file(node).string()},
                           {}, temp_->path());
    EXPECT_EQ(verified.exit_code, 0) << node << ": " << verified.out << verified.err;
  }
}

TEST_F(FederationTest, APeerDownIsNamedInTheRoundWhileTheOtherPeersCoSign) {
  partnership_->Stop("nhs");
  const auto round = partnership_->Call("police", "POST", "/v1/audit/witness",
                                        partnership_->token("police", "admin"));
  ASSERT_EQ(round.status, 200) << round.body;
  const auto json = nlohmann::json::parse(round.body);
  for (const auto& witness : json["witnesses"]) {
    if (witness["peer"] == "nhs") {
      EXPECT_NE(witness["status"].get<std::string>().find("'nhs'"), std::string::npos);
      EXPECT_NE(witness["status"].get<std::string>().find("unreachable"), std::string::npos);
    } else {
      EXPECT_EQ(witness["status"], "co-signed");
    }
  }
  ASSERT_EQ(partnership_->Start("nhs"), "");
  auto back = client_->exchange->Call("nhs", "audit-witness", "checkpoint-request", "{}");
  EXPECT_TRUE(back) << back.error().message;
}

TEST_F(FederationTest, AnAnswerIsSignedByThePeerAndCarriesItsAuditReceipt) {
  auto answer = client_->exchange->Call("probation", "audit-witness", "checkpoint-request", "{}");
  ASSERT_TRUE(answer) << answer.error().message;
  const auto receipt = nlohmann::json::parse(answer->receipt_json);
  EXPECT_EQ(receipt["log"], "probation");
  EXPECT_EQ(receipt["leaf_hash"].get<std::string>().size(), 64u);
  const auto result = nlohmann::json::parse(answer->result_json);
  EXPECT_EQ(result["checkpoint"]["node"], "probation");
}

TEST_F(FederationTest, AReplayedEnvelopeIsRefusedEvenAfterTheNodeIsKilledAndRestarted) {
  const std::string wire = Seal("nhs", "audit-witness", "checkpoint-request", "{}");
  auto client = Connect("police", "nhs");
  auto first = client->Post("/v1/messages/checkpoint-request", wire);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->status, 200) << first->body;
  auto replay = client->Post("/v1/messages/checkpoint-request", wire);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 401);
  EXPECT_EQ(ErrorCode(replay->body), "unauthenticated");

  partnership_->Stop("nhs", SIGKILL);
  ASSERT_EQ(partnership_->Start("nhs"), "");
  auto again = Connect("police", "nhs")->Post("/v1/messages/checkpoint-request", wire);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->status, 401) << again->body;
  EXPECT_NE(again->body.find("replayed"), std::string::npos);
}

TEST_F(FederationTest, AFlippedSignatureIsRefusedAndTheNodeKeepsServing) {
  std::string wire = Seal("probation", "audit-witness", "checkpoint-request", "{}");
  const auto sig = wire.find("\"sig\":\"") + 7;
  wire[sig] = wire[sig] == '0' ? '1' : '0';
  auto client = Connect("police", "probation");
  auto refused = client->Post("/v1/messages/checkpoint-request", wire);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto good = client->Post("/v1/messages/checkpoint-request",
                           Seal("probation", "audit-witness", "checkpoint-request", "{}"));
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200);
}

TEST_F(FederationTest, APurposeOrKindOutsideTheIsaIsRefusedBeforeAnyHandlerRuns) {
  auto client = Connect("police", "probation");
  auto outside = client->Post(
      "/v1/messages/contribution-request",
      Seal("probation", "hhpp-referral-match", "contribution-request", R"({"handle":"00"})"));
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403) << outside->body;
  EXPECT_EQ(ErrorCode(outside->body), "permission_denied");
  auto refused = client_->exchange->Call("probation", "evaluation", "oprf-evaluate", "{}");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kPermissionDenied);
}

TEST_F(FederationTest, AnEnvelopeFromAnotherPartyThanTheTlsPeerIsRefused) {
  // Sealed as police, sent over nhs's certificate.
  auto client = Connect("nhs", "probation");
  auto refused = client->Post("/v1/messages/checkpoint-request",
                              Seal("probation", "audit-witness", "checkpoint-request", "{}"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_NE(refused->body.find("certificate"), std::string::npos);
}

TEST_F(FederationTest, ABodyOverTheLimitIsRefusedWith413) {
  auto client = Connect("police", "probation");
  auto refused = client->Post("/v1/messages/checkpoint-request", std::string((1 << 20) + 10, 'x'));
  ASSERT_TRUE(refused) << refused.error().message;
  EXPECT_EQ(refused->status, 413);
}

TEST_F(FederationTest, ACertificateFromAnotherCaCannotConnect) {
  const auto other = temp_->path() / "other";
  ASSERT_EQ(std::system((std::string(TANDEM_SOURCE_DIR) + "/deploy/pki/create-ca " +
                         (other / "ca").string() + " >/dev/null 2>&1")
                            .c_str()),
            0);
  ASSERT_EQ(std::system((std::string(TANDEM_SOURCE_DIR) + "/deploy/pki/issue-node-cert " +
                         (other / "ca").string() + " police " + (other / "tls").string() +
                         " >/dev/null 2>&1")
                            .c_str()),
            0);
  auto tls = node::net::TlsFiles::InDirectory(other / "tls");
  tls.ca_cert = partnership_->data_dir("police") / "tls" / "ca.crt";  // trusts the real CA
  auto policy = client_->policy->Get();
  auto client = node::net::PeerClient::Create(
      tls,
      node::net::PeerEndpoint{"probation", "127.0.0.1",
                              static_cast<std::uint16_t>(partnership_->peer_port("probation")),
                              policy->Party("probation")->cert_sha256},
      {});
  ASSERT_TRUE(client);
  auto refused = (*client)->Post("/v1/messages/checkpoint-request",
                                 Seal("probation", "audit-witness", "checkpoint-request", "{}"));
  ASSERT_FALSE(refused);
}

TEST_F(FederationTest, TokensFromRemoteHoldersEqualTokensFromAnyOtherHolderPair) {
  // Two different pairs of the 2-of-3 key: probation+nhs over the network, and police's own
  // share (read from its store) with probation.
  auto public_key = node::tokens::ParsePublicKeyJson(
      testing::Slurp(partnership_->dir() / "ceremony" / "public-key.json"));
  ASSERT_TRUE(public_key) << public_key.error().message;
  node::store::KeyOptions key;
  key.key_file = partnership_->key_file("police");
  auto opened = node::store::OpenDataDir(partnership_->data_dir("police"), key, {});
  ASSERT_TRUE(opened) << opened.error().message;
  auto share = node::tokens::LoadNodeShare(*opened->store);
  ASSERT_TRUE(share && *share);

  const auto remote = std::make_shared<node::endpoints::RemoteEvaluator>(
      client_->exchange.get(), "police", public_key->names, public_key->key.epoch(), nullptr);
  const auto with_own = std::make_shared<node::endpoints::RemoteEvaluator>(
      client_->exchange.get(), "police", public_key->names, public_key->key.epoch(),
      &(*share)->share);
  node::tokens::Tokeniser::Options far;
  far.holders = {public_key->key.holders() - 1, public_key->key.holders()};  // probation, nhs
  node::tokens::Tokeniser::Options near;
  near.holders = {1, 2};  // police (own share), probation
  auto far_tokeniser = node::tokens::Tokeniser::Create(public_key->key, remote, far);
  auto near_tokeniser = node::tokens::Tokeniser::Create(public_key->key, with_own, near);
  ASSERT_TRUE(far_tokeniser && near_tokeniser);
  const std::string value = "surname_dob\0SMITH|1980-01-02";
  const std::vector<std::uint8_t> bytes(value.begin(), value.end());
  const std::vector<std::span<const std::uint8_t>> inputs = {bytes};
  auto a = far_tokeniser->Tokenise(inputs);
  auto b = near_tokeniser->Tokenise(inputs);
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ((*a)[0], (*b)[0]);
}

// Issue 7's crash consistency for exchanges and checkpointing: probation is killed with SIGKILL
// at a random moment while four callers stream checkpoint requests at it (each one also makes it
// sign a checkpoint). After a restart its log verifies, and every exchange it acknowledged is in
// both logs: in probation's, the leaf at each receipt's index has the receipt's hash; in the
// caller's, the answer's "exchange-reply" entry is there and its "exchange-out" entry precedes
// it. TANDEM_CRASH_TRIALS sets the number of kills (default 3; the long run uses 100).
TEST_F(FederationTest, EveryAcknowledgedExchangeSurvivesTheNodeKilledMidStream) {
  struct Acknowledged {
    nlohmann::json receipt;          // probation's
    std::uint64_t local_leaf_index;  // the caller's "exchange-reply" entry
  };
  const char* env = std::getenv("TANDEM_CRASH_TRIALS");
  const int trials = env != nullptr ? std::atoi(env) : 3;
  std::mt19937 random(12345);
  std::size_t checked = 0;
  const auto began = std::chrono::steady_clock::now();
  for (int trial = 0; trial < trials; ++trial) {
    std::mutex mutex;
    std::vector<Acknowledged> acknowledged;
    std::atomic<bool> stop{false};
    std::vector<std::thread> callers;
    const std::uint64_t caller_log_start = client_->audit->size();
    for (int i = 0; i < 4; ++i) {
      callers.emplace_back([&] {
        while (!stop) {
          auto answer =
              client_->exchange->Call("probation", "audit-witness", "checkpoint-request", "{}");
          if (!answer) continue;
          std::lock_guard lock(mutex);
          acknowledged.push_back(
              {nlohmann::json::parse(answer->receipt_json), answer->local_leaf_index});
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 400));
    partnership_->Stop("probation", SIGKILL);
    stop = true;
    for (auto& caller : callers) caller.join();
    ASSERT_EQ(partnership_->Start("probation"), "") << "trial " << trial;
    const auto verified = testing::RunTandem(
        {"audit", "verify", "--data-dir", partnership_->data_dir("probation").string(),
         "--key-file", partnership_->key_file("probation").string()},
        {}, temp_->path());
    ASSERT_EQ(verified.exit_code, 0) << "trial " << trial << ": " << verified.out << verified.err;
    auto state = client_->exchange->Call("probation", "audit-witness", "checkpoint-request", "{}");
    ASSERT_TRUE(state) << state.error().message;
    const std::uint64_t size =
        nlohmann::json::parse(state->result_json)["checkpoint"]["tree_size"].get<std::uint64_t>();
    ASSERT_FALSE(acknowledged.empty()) << "trial " << trial << ": nothing was acknowledged";

    // The caller's side: the message ids this trial's "exchange-out" entries carry, by index.
    std::map<std::string, std::uint64_t> sent;
    for (std::uint64_t i = caller_log_start; i < client_->audit->size(); ++i) {
      auto entry = client_->audit->Entry(i);
      ASSERT_TRUE(entry) << entry.error().message;
      if (entry->kind == "exchange-out") sent.emplace(entry->message_id, i);
    }
    for (const auto& [receipt, local_leaf_index] : acknowledged) {
      const std::uint64_t index = receipt["leaf_index"].get<std::uint64_t>();
      ASSERT_LT(index, size) << "trial " << trial << ": an acknowledged entry is missing";
      auto proof = client_->exchange->Call(
          "probation", "audit-witness", "inclusion-proof-request",
          nlohmann::json{{"leaf_index", index}, {"tree_size", size}}.dump());
      ASSERT_TRUE(proof) << proof.error().message;
      EXPECT_EQ(nlohmann::json::parse(proof->result_json)["leaf_hash"], receipt["leaf_hash"])
          << "trial " << trial << ", leaf " << index;

      auto reply = client_->audit->Entry(local_leaf_index);
      ASSERT_TRUE(reply) << reply.error().message;
      EXPECT_EQ(reply->kind, "exchange-reply") << "trial " << trial;
      EXPECT_EQ(reply->peer, "probation") << "trial " << trial;
      EXPECT_EQ(reply->outcome, "ok") << "trial " << trial;
      const auto out = sent.find(reply->message_id);
      ASSERT_NE(out, sent.end()) << "trial " << trial << ": the request of the reply at "
                                 << local_leaf_index << " is not in the caller's log";
      EXPECT_LT(out->second, local_leaf_index) << "trial " << trial;
      ++checked;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  std::cout << "[ crash    ] exchanges: " << trials << " kills, " << checked
            << " acknowledged exchanges found in both logs; " << seconds << " s\n";
}

}  // namespace
}  // namespace tandem
