// Putting a new version of the ISA in force on running nodes, without a restart: version 2 is
// drafted from the partnership's version 1 with a tighter rule (inclusion proofs no longer
// allowed, one OPRF evaluation request a day), signed by every party, installed with `tandem isa
// install` on both nodes and reloaded — on probation through the admin route, on police by
// SIGHUP. The test also acts as a client holding police's identity and certificate (as a second
// police process would), to send envelopes stamped with either version.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "node/audit/audit_log.h"
#include "node/exchange/current_policy.h"
#include "node/exchange/exchange_context.h"
#include "node/exchange/nonce_cache.h"
#include "node/exchange/outbound.h"
#include "node/exchange/sealing.h"
#include "node/identity_key.h"
#include "node/isa/isa_history.h"
#include "node/isa/isa_installer.h"
#include "node/isa/isa_policy.h"
#include "node/isa/quota_counter.h"
#include "node/net/peer_client.h"
#include "protocol/isa.h"
#include "tests/integration/partnership.h"
#include "tests/node/temp_dir.h"

namespace tandem {
namespace {

using testing::Partnership;
using testing::TempDir;

protocol::Seconds Now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::shared_ptr<const node::isa::IsaPolicy> PolicyOf(const std::string& json) {
  auto isa = protocol::ParseIsa(json);
  EXPECT_TRUE(isa) << isa.error().message;
  auto policy = node::isa::IsaPolicy::Create(std::move(*isa), "police");
  EXPECT_TRUE(policy) << policy.error().message;
  return std::shared_ptr<const node::isa::IsaPolicy>(std::move(*policy));
}

class IsaReloadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new TempDir();
    partnership_ = new Partnership();
    ASSERT_EQ(partnership_->SetUp(temp_->path() / "p", {"police", "probation"}), "");
    for (const std::string node : {"police", "probation"}) {
      ASSERT_EQ(partnership_->Start(node), "");
    }
    const auto police = partnership_->data_dir("police");
    auto key = node::ReadIdentityKey(police / node::kIdentityKeyFileName);
    ASSERT_TRUE(key) << key.error().message;
    identity_ = new crypto::SigningKey(std::move(*key));
    v1_ = testing::Slurp(police / node::isa::kIsaFileName);
    policy_ = new node::exchange::CurrentPolicy(PolicyOf(v1_));
    quotas_ = new node::isa::QuotaCounter({});
    auto log = node::audit::AuditLog::OpenUnencrypted(
        temp_->path() / "client-audit.db", *protocol::NodeId::Create("police"), *identity_, {});
    ASSERT_TRUE(log) << log.error().message;
    audit_ = log->release();
    context_.self = "police";
    context_.signing_key = identity_;
    context_.policy = policy_;
    context_.nonces = &nonces_;
    context_.quotas = quotas_;
    context_.audit = audit_;
    context_.metrics = &metrics_;
    context_.clock = &Now;
    exchange_ = new node::exchange::PeerExchange(
        context_, node::net::TlsFiles::InDirectory(police / "tls"), node::net::ClientOptions{});
  }
  static void TearDownTestSuite() {
    delete exchange_;
    delete audit_;
    delete quotas_;
    delete policy_;
    delete identity_;
    if (partnership_ != nullptr) partnership_->StopAll();
    delete partnership_;
    delete temp_;
  }

  // Version `version` of the partnership's ISA with `edit` applied, signed by both parties.
  static std::string Draft(std::int64_t version, const std::function<void(nlohmann::json&)>& edit) {
    auto isa = nlohmann::json::parse(v1_);
    isa["version"] = version;
    isa["signatures"] = nlohmann::json::object();
    edit(isa);
    const auto file = temp_->path() / ("isa-v" + std::to_string(version) + ".json");
    std::ofstream(file) << isa.dump(2);
    for (const std::string party : {"police", "probation"}) {
      const auto signed_by = testing::RunTandem(
          {"isa", "sign", "--isa", file.string(), "--party", party, "--key",
           (partnership_->data_dir(party) / node::kIdentityKeyFileName).string()},
          {}, temp_->path());
      EXPECT_EQ(signed_by.exit_code, 0) << signed_by.err;
    }
    return testing::Slurp(file);
  }

  // Version 2: clause 8.1 no longer lets anyone ask for inclusion proofs, and a peer may ask
  // for one OPRF evaluation a day.
  static std::string DraftVersion2() {
    return Draft(2, [](nlohmann::json& isa) {
      for (auto& purpose : isa["purposes"]) {
        if (purpose["id"] == "oprf-evaluation") purpose["daily_quota_per_peer"] = 1;
        for (auto& clause : purpose["clauses"]) {
          auto& kinds = clause["kinds"];
          for (auto it = kinds.begin(); it != kinds.end(); ++it) {
            if (*it == "inclusion-proof-request") {
              kinds.erase(it);
              break;
            }
          }
        }
      }
    });
  }

  static void Install(const std::string& node, const std::string& json) {
    const auto file = temp_->path() / "install.json";
    std::ofstream(file, std::ios::trunc) << json;
    const auto installed = testing::RunTandem({"isa", "install", "--isa", file.string(),
                                               "--data-dir", partnership_->data_dir(node).string()},
                                              {}, temp_->path());
    ASSERT_EQ(installed.exit_code, 0) << installed.err;
  }

  // Puts `json` in the node's isa.json as it is, bypassing the checks of `tandem isa install`
  // (as a careless copy would).
  static void Overwrite(const std::string& node, const std::string& json) {
    std::ofstream(partnership_->data_dir(node) / node::isa::kIsaFileName, std::ios::trunc) << json;
  }

  static testing::HttpAnswer Reload(const std::string& node) {
    return partnership_->Call(node, "POST", "/v1/isa/reload", partnership_->token(node, "admin"));
  }

  // A raw post of an envelope sealed by police under `policy`'s ISA version.
  static node::net::PeerReply Post(const node::isa::IsaPolicy& policy, const std::string& purpose,
                                   const std::string& kind, const std::string& body) {
    auto sealed = node::exchange::SealMessage(
        context_, protocol::IsaRef{policy.isa().id, policy.isa().version}, "probation", purpose,
        kind, body);
    EXPECT_TRUE(sealed) << sealed.error().message;
    auto client = node::net::PeerClient::Create(
        node::net::TlsFiles::InDirectory(partnership_->data_dir("police") / "tls"),
        node::net::PeerEndpoint{"probation", "127.0.0.1",
                                static_cast<std::uint16_t>(partnership_->peer_port("probation")),
                                policy.Party("probation")->cert_sha256},
        {});
    EXPECT_TRUE(client) << client.error().message;
    auto reply = (*client)->Post(node::exchange::MessagePath(kind), sealed->wire);
    EXPECT_TRUE(reply) << reply.error().message;
    return reply ? *reply : node::net::PeerReply{};
  }

  static std::string ErrorCode(const std::string& wire) {
    const auto envelope = nlohmann::json::parse(wire, nullptr, false);
    if (!envelope.is_object() || !envelope.contains("body")) return "not an envelope";
    if (!envelope["body"].contains("error")) return "";
    return envelope["body"]["error"].value("code", "");
  }

  // The entries of `kind` in `node`'s audit log, in log order.
  static std::vector<nlohmann::json> Entries(const std::string& node, const std::string& kind) {
    const auto out = temp_->path() / "export.json";
    const auto exported =
        testing::RunTandem({"audit", "export", "--data-dir", partnership_->data_dir(node).string(),
                            "--key-file", partnership_->key_file(node).string(), "--kind", kind,
                            "--format", "json", "--out", out.string()},
                           {}, temp_->path());
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    std::vector<nlohmann::json> entries;
    const std::string text = testing::Slurp(out);
    const auto whole = nlohmann::json::parse(text, nullptr, false);
    const auto add = [&](const nlohmann::json& row) {
      entries.push_back(row.contains("entry") ? row["entry"] : row);
    };
    if (!whole.is_discarded()) {
      const auto& rows = whole.is_array() ? whole : whole.value("entries", nlohmann::json::array());
      for (const auto& row : rows) add(row);
    } else {  // one object per line
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) add(nlohmann::json::parse(line));
      }
    }
    return entries;
  }

  // The ISA versions of probation's exchange-in entries, in log order.
  static std::vector<std::int64_t> ProbationInboundVersions() {
    std::vector<std::int64_t> versions;
    for (const auto& entry : Entries("probation", "exchange-in")) {
      versions.push_back(entry.value("isa_version", std::int64_t{-1}));
    }
    return versions;
  }

  static TempDir* temp_;
  static Partnership* partnership_;
  static crypto::SigningKey* identity_;
  static std::string v1_;
  static node::exchange::CurrentPolicy* policy_;
  static node::isa::QuotaCounter* quotas_;
  static node::audit::AuditLog* audit_;
  static node::exchange::NonceCache nonces_;
  static node::runtime::Metrics metrics_;
  static node::exchange::ExchangeContext context_;
  static node::exchange::PeerExchange* exchange_;
};

TempDir* IsaReloadTest::temp_ = nullptr;
Partnership* IsaReloadTest::partnership_ = nullptr;
crypto::SigningKey* IsaReloadTest::identity_ = nullptr;
std::string IsaReloadTest::v1_;
node::exchange::CurrentPolicy* IsaReloadTest::policy_ = nullptr;
node::isa::QuotaCounter* IsaReloadTest::quotas_ = nullptr;
node::audit::AuditLog* IsaReloadTest::audit_ = nullptr;
node::exchange::NonceCache IsaReloadTest::nonces_;
node::runtime::Metrics IsaReloadTest::metrics_;
node::exchange::ExchangeContext IsaReloadTest::context_;
node::exchange::PeerExchange* IsaReloadTest::exchange_ = nullptr;

// One test, in steps: the suite's nodes carry state from one step to the next.
TEST_F(IsaReloadTest, ANewVersionIsPutInForceWithoutARestartAndAnyOtherIsRefused) {
  const auto v1 = policy_->Get();
  const std::string proof_body = R"({"leaf_index":0,"tree_size":1})";
  // Under version 1 inclusion proofs are allowed.
  ASSERT_TRUE(exchange_->Call("probation", "audit-witness", "checkpoint-request", "{}"));
  auto before =
      exchange_->Call("probation", "audit-witness", "inclusion-proof-request", proof_body);
  ASSERT_TRUE(before) << before.error().message;

  // Version 2 installed but not yet reloaded: the nodes still work under version 1.
  const std::string v2_json = DraftVersion2();
  Install("probation", v2_json);
  Install("police", v2_json);
  EXPECT_TRUE(exchange_->Call("probation", "audit-witness", "inclusion-proof-request", proof_body));

  // A stream of version-1 requests runs across the reload: each one either finishes under
  // version 1 or, once version 2 is in force, is refused for its version; nothing else.
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, refused_for_version{0}, other{0};
  std::mutex other_mutex;
  std::string other_message;
  std::thread stream([&] {
    while (!stop) {
      auto answer = exchange_->Call("probation", "audit-witness", "checkpoint-request", "{}");
      if (answer) {
        ++ok;
      } else if (answer.error().code == Code::kPermissionDenied &&
                 answer.error().message.find("version 1") != std::string::npos) {
        ++refused_for_version;
      } else {
        ++other;
        std::lock_guard lock(other_mutex);
        other_message = answer.error().message;
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto reloaded = Reload("probation");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  stream.join();
  ASSERT_EQ(reloaded.status, 200) << reloaded.body;
  const auto answer = nlohmann::json::parse(reloaded.body);
  EXPECT_EQ(answer["version"], 2);
  EXPECT_EQ(answer["replaced_version"], 1);
  EXPECT_GT(ok.load(), 0);
  EXPECT_GT(refused_for_version.load(), 0);
  EXPECT_EQ(other.load(), 0) << other_message;

  // police by SIGHUP: afterwards version 2 is already in force there, so a reload is refused.
  partnership_->Signal("police", SIGHUP);
  testing::HttpAnswer again;
  for (int i = 0; i < 50; ++i) {
    again = Reload("police");
    if (again.status == 400) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(again.status, 400) << again.body;
  EXPECT_NE(again.body.find("not newer than version 2 in force"), std::string::npos) << again.body;
  EXPECT_EQ(
      partnership_->Call("police", "POST", "/v1/isa/reload", partnership_->token("police", "dpo"))
          .status,
      403);

  // An envelope stamped with version 1 is now refused, before any handler runs.
  const auto stale = Post(*v1, "audit-witness", "checkpoint-request", "{}");
  EXPECT_EQ(stale.status, 403) << stale.body;
  EXPECT_EQ(ErrorCode(stale.body), "permission_denied");
  EXPECT_NE(stale.body.find("version 1"), std::string::npos) << stale.body;

  // Under version 2 the new rules hold on probation: no inclusion proofs, one OPRF request a day.
  const auto v2 = PolicyOf(v2_json);
  const auto fine = Post(*v2, "audit-witness", "checkpoint-request", "{}");
  EXPECT_EQ(fine.status, 200) << fine.body;
  const auto proof = Post(*v2, "audit-witness", "inclusion-proof-request", proof_body);
  EXPECT_EQ(proof.status, 403) << proof.body;
  EXPECT_EQ(ErrorCode(proof.body), "permission_denied");
  const auto first_oprf = Post(*v2, "oprf-evaluation", "oprf-evaluate", "{}");
  EXPECT_NE(first_oprf.status, 429) << first_oprf.body;
  const auto second_oprf = Post(*v2, "oprf-evaluation", "oprf-evaluate", "{}");
  EXPECT_EQ(second_oprf.status, 429) << second_oprf.body;
  EXPECT_EQ(ErrorCode(second_oprf.body), "resource_exhausted");

  // Every exchange probation recorded after the swap carries version 2; the ones before, 1.
  const auto versions = ProbationInboundVersions();
  ASSERT_FALSE(versions.empty());
  EXPECT_EQ(versions.front(), 1);
  EXPECT_EQ(versions.back(), 2);
  EXPECT_TRUE(std::is_sorted(versions.begin(), versions.end()));

  // The client moves to version 2 too, and works again.
  policy_->Replace(v2);
  EXPECT_TRUE(exchange_->Call("probation", "audit-witness", "checkpoint-request", "{}"));

  // Refused reloads leave version 2 in force and say why.
  const auto expect_refused = [&](const std::string& json, int status, const std::string& why) {
    Overwrite("probation", json);
    const auto refused = Reload("probation");
    EXPECT_EQ(refused.status, status) << refused.body;
    EXPECT_NE(refused.body.find(why), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("version 2 stays in force"), std::string::npos) << refused.body;
    EXPECT_EQ(Post(*v2, "audit-witness", "checkpoint-request", "{}").status, 200);
  };
  auto unsigned_v3 = nlohmann::json::parse(v2_json);
  unsigned_v3["version"] = 3;
  unsigned_v3["signatures"].erase("probation");
  expect_refused(unsigned_v3.dump(), 401, "probation");
  expect_refused(v1_, 400, "not newer");
  const std::string expired_v3 = Draft(3, [](nlohmann::json& isa) {
    isa["valid_from"] = "2020-01-01T00:00:00Z";
    isa["valid_until"] = "2021-01-01T00:00:00Z";
  });
  expect_refused(expired_v3, 403, "expired");
  Overwrite("probation", v2_json);

  // Each node's log says from when it worked under which agreement: version 1 from its start,
  // version 2 from its reload (by the admin route or SIGHUP), once each; neither the refused
  // reloads nor a restart under version 2 add an entry.
  partnership_->Stop("probation");
  ASSERT_EQ(partnership_->Start("probation"), "");
  const std::string id = nlohmann::json::parse(v1_)["id"];
  const auto v2_digest = node::isa::SignedContentSha256(*protocol::ParseIsa(v2_json));
  ASSERT_TRUE(v2_digest) << v2_digest.error().message;
  for (const std::string node : {"probation", "police"}) {
    const auto changes = Entries(node, "isa-change");
    ASSERT_EQ(changes.size(), 2u) << node;
    EXPECT_EQ(changes[0]["isa_version"], 1);
    EXPECT_EQ(changes[0]["processing"],
              "ISA " + id + " version 1 in force, the first agreement recorded at this node");
    EXPECT_EQ(changes[1]["isa_version"], 2);
    EXPECT_EQ(changes[1]["processing"],
              "ISA " + id + " version 2 in force, replacing ISA " + id + " version 1");
    EXPECT_EQ(changes[1]["request_sha256"], *v2_digest);
    for (const auto& change : changes) {
      EXPECT_EQ(change["actor"], node);
      EXPECT_EQ(change["isa_id"], id);
    }
  }
}

}  // namespace
}  // namespace tandem
