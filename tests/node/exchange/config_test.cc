#include "node/runtime/config.h"

#include <gtest/gtest.h>

namespace tandem::node::runtime {
namespace {

constexpr char kGood[] = R"(
node_id = "police"
data_dir = "police-data"
[store]
key_file = "/etc/tandem/police.key"
[peer_listen]
address = "0.0.0.0"
port = 9443
[local_listen]
address = "127.0.0.1"
port = 8443
[tls]
ca_cert = "tls/ca.crt"
cert = "tls/node.crt"
key = "tls/node.key"
[server]
threads = 8
)";

TEST(NodeConfigTest, ReadsEveryKeyAndResolvesRelativePaths) {
  auto config = ParseNodeConfig(kGood, "/etc/tandem");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->node_id, "police");
  EXPECT_EQ(config->data_dir, "/etc/tandem/police-data");
  EXPECT_EQ(config->store_key_file, std::filesystem::path("/etc/tandem/police.key"));
  EXPECT_EQ(config->peer_listen.port, 9443);
  EXPECT_EQ(config->local_listen.address, "127.0.0.1");
  EXPECT_EQ(config->tls_cert, "/etc/tandem/police-data/tls/node.crt");
  EXPECT_EQ(config->server_threads, 8);
  EXPECT_EQ(config->max_body_bytes, std::size_t{1} << 20);
}

TEST(NodeConfigTest, ReadsThePageCacheBoundsAndRefusesZero) {
  auto defaults = ParseNodeConfig(kGood, "/");
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->store_cache_mib, 64);
  EXPECT_EQ(defaults->audit_cache_mib, 64);
  const std::string small = std::string(kGood) + "[audit]\ncache_mib = 4\n";
  auto config = ParseNodeConfig(small, "/");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->audit_cache_mib, 4);
  auto zero = ParseNodeConfig(std::string(kGood) + "[audit]\ncache_mib = 0\n", "/");
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().message.find("audit.cache_mib"), std::string::npos);
}

TEST(NodeConfigTest, ReadsTheHandlerThreadsAndConnectionsPerPeer) {
  auto config = ParseNodeConfig(
      std::string(kGood) + "handler_threads = 8\n[client]\nconnections_per_peer = 3\n", "/");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->handler_threads, 8);
  EXPECT_EQ(config->connections_per_peer, 3);
  auto none = ParseNodeConfig(std::string(kGood) + "handler_threads = 0\n", "/");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("server.handler_threads"), std::string::npos);
}

TEST(NodeConfigTest, ResolvesThePanelsRfgvFileAgainstTheConfigurationsFolder) {
  auto defaults = ParseNodeConfig(kGood, "/etc/tandem");
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_FALSE(defaults->rfgv_file);
  auto config =
      ParseNodeConfig(std::string(kGood) + "[panel]\nrfgv_file = \"rfgv.json\"\n", "/etc/tandem");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->rfgv_file, std::filesystem::path("/etc/tandem/rfgv.json"));
}

TEST(NodeConfigTest, ResolvesThePanelsOffenceTableFileAgainstTheConfigurationsFolder) {
  auto defaults = ParseNodeConfig(kGood, "/etc/tandem");
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_FALSE(defaults->offence_table_file);
  auto config = ParseNodeConfig(
      std::string(kGood) + "[panel]\noffence_table_file = \"cchi/offences.csv\"\n", "/etc/tandem");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->offence_table_file, std::filesystem::path("/etc/tandem/cchi/offences.csv"));
  auto wrong = ParseNodeConfig(std::string(kGood) + "[panel]\noffence_table_file = 7\n", "/");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("panel.offence_table_file"), std::string::npos);
}

TEST(NodeConfigTest, RefusesAnUnknownKeyByName) {
  const std::string text = std::string(kGood) + "\n[tls]\n";  // duplicate table: syntax error
  auto dup = ParseNodeConfig(text, "/");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("line"), std::string::npos);
  auto typo = ParseNodeConfig(std::string(kGood) + "\n[audit]\ncheckpoint_interval = 5\n", "/");
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("audit.checkpoint_interval"), std::string::npos);
}

// Found by the config fuzz target: a dotted key of thousands of parts nests tables as deep, and
// the key check went down every level until the stack overflowed.
TEST(NodeConfigTest, RefusesADeeplyNestedKeyAtItsFirstUnknownPart) {
  std::string deep = "a";
  for (int i = 0; i < 20000; ++i) deep += ".c";
  auto nested = ParseNodeConfig(deep + " = 1\n" + kGood, "/");
  ASSERT_FALSE(nested);
  EXPECT_NE(nested.error().message.find("configuration key 'a' is not known"), std::string::npos);
  auto under_section = ParseNodeConfig(std::string(kGood) + "\n[tls.extra]\nx = 1\n", "/");
  ASSERT_FALSE(under_section);
  EXPECT_NE(under_section.error().message.find("'tls.extra' is not known"), std::string::npos);
}

TEST(NodeConfigTest, NamesAMissingOrMistypedKey) {
  auto missing = ParseNodeConfig("node_id = \"police\"\n", "/");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("data_dir"), std::string::npos);
  std::string bad_port = kGood;
  bad_port.replace(bad_port.find("9443"), 4, "99999");
  auto port = ParseNodeConfig(bad_port, "/");
  ASSERT_FALSE(port);
  EXPECT_NE(port.error().message.find("peer_listen.port"), std::string::npos);
  std::string bad_id = kGood;
  bad_id.replace(bad_id.find("\"police\""), 8, "\"po lice\"");
  EXPECT_FALSE(ParseNodeConfig(bad_id, "/"));
}

}  // namespace
}  // namespace tandem::node::runtime
