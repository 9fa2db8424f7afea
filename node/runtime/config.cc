#include "node/runtime/config.h"

#include <toml++/toml.h>

#include <array>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "protocol/ids.h"

namespace tandem::node::runtime {
namespace {

// Every key the file may hold, with its table; anything else is refused.
const std::set<std::string, std::less<>> kKnownKeys = {
    "node_id",
    "data_dir",
    "store.key_file",
    "panel.rfgv_file",
    "panel.offence_table_file",
    "peer_listen.address",
    "peer_listen.port",
    "local_listen.address",
    "local_listen.port",
    "tls.ca_cert",
    "tls.cert",
    "tls.key",
    "server.threads",
    "server.handler_threads",
    "server.max_body_bytes",
    "server.read_timeout_seconds",
    "client.connections_per_peer",
    "audit.checkpoint_interval_ms",
    "store.cache_mib",
    "audit.cache_mib",
};

// Whether a table of this name may appear: some known key lies under it.
bool IsKnownSection(const std::string& name) {
  const std::string dotted = name + ".";
  const auto next = kKnownKeys.lower_bound(dotted);
  return next != kKnownKeys.end() && next->starts_with(dotted);
}

// Goes into a table only when it is a known section, so the depth is the schema's, however deep
// the file's tables nest (a dotted key of thousands of parts is refused at its first unknown part).
Status CheckKeys(const toml::table& table, const std::string& prefix) {
  for (const auto& [key, value] : table) {
    const std::string name = prefix + std::string(key.str());
    const toml::table* section = value.as_table();
    if (section != nullptr ? !IsKnownSection(name) : !kKnownKeys.contains(name)) {
      return Fail(Code::kInvalidArgument, "configuration key '" + name + "' is not known");
    }
    if (section != nullptr) {
      if (auto nested = CheckKeys(*section, name + "."); !nested) return nested;
    }
  }
  return Ok();
}

Result<std::string> RequiredString(const toml::table& root, std::string_view path) {
  const auto node = root.at_path(path);
  if (!node) return Fail(Code::kInvalidArgument, "configuration needs '" + std::string(path) + "'");
  const auto value = node.value<std::string>();
  if (!value || value->empty()) {
    return Fail(Code::kInvalidArgument,
                "configuration '" + std::string(path) + "' must be a non-empty string");
  }
  return *value;
}

Result<std::int64_t> OptionalInteger(const toml::table& root, std::string_view path,
                                     std::int64_t fallback, std::int64_t min, std::int64_t max) {
  const auto node = root.at_path(path);
  if (!node) return fallback;
  const auto value = node.value_exact<std::int64_t>();
  if (!value || *value < min || *value > max) {
    return Fail(Code::kInvalidArgument, "configuration '" + std::string(path) +
                                            "' must be an integer from " + std::to_string(min) +
                                            " to " + std::to_string(max));
  }
  return *value;
}

Result<ListenAddress> ReadListen(const toml::table& root, std::string_view table) {
  ListenAddress listen;
  auto address = RequiredString(root, std::string(table) + ".address");
  if (!address) return tl::unexpected(address.error());
  listen.address = *address;
  auto port = OptionalInteger(root, std::string(table) + ".port", -1, 0, 65535);
  if (!port) return tl::unexpected(port.error());
  if (*port < 0) {
    return Fail(Code::kInvalidArgument, "configuration needs '" + std::string(table) + ".port'");
  }
  listen.port = static_cast<std::uint16_t>(*port);
  return listen;
}

std::filesystem::path Resolve(const std::filesystem::path& base, const std::string& path) {
  const std::filesystem::path p(path);
  return p.is_absolute() ? p : base / p;
}

}  // namespace

Result<NodeConfig> ParseNodeConfig(std::string_view text, const std::filesystem::path& base) {
  // Debian builds toml++ with exceptions: a syntax error is thrown, and caught here.
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "configuration line " << error.source().begin.line << ", column "
            << error.source().begin.column << ": " << error.description();
    return Fail(Code::kInvalidArgument, message.str());
  }
  if (auto keys = CheckKeys(root, ""); !keys) return tl::unexpected(keys.error());

  NodeConfig config;
  auto node_id = RequiredString(root, "node_id");
  if (!node_id) return tl::unexpected(node_id.error());
  if (auto valid = protocol::NodeId::Create(*node_id); !valid) {
    return Fail(Code::kInvalidArgument, "configuration 'node_id': " + valid.error().message);
  }
  config.node_id = *node_id;
  auto data_dir = RequiredString(root, "data_dir");
  if (!data_dir) return tl::unexpected(data_dir.error());
  config.data_dir = Resolve(base, *data_dir);
  if (const auto key_file = root.at_path("store.key_file")) {
    auto path = RequiredString(root, "store.key_file");
    if (!path) return tl::unexpected(path.error());
    config.store_key_file = Resolve(base, *path);
  }
  if (const auto rfgv_file = root.at_path("panel.rfgv_file")) {
    auto path = RequiredString(root, "panel.rfgv_file");
    if (!path) return tl::unexpected(path.error());
    config.rfgv_file = Resolve(base, *path);
  }
  if (const auto offence_table_file = root.at_path("panel.offence_table_file")) {
    auto path = RequiredString(root, "panel.offence_table_file");
    if (!path) return tl::unexpected(path.error());
    config.offence_table_file = Resolve(base, *path);
  }
  auto peer = ReadListen(root, "peer_listen");
  if (!peer) return tl::unexpected(peer.error());
  config.peer_listen = *peer;
  auto local = ReadListen(root, "local_listen");
  if (!local) return tl::unexpected(local.error());
  config.local_listen = *local;

  const std::array<std::pair<std::string_view, std::filesystem::path NodeConfig::*>, 3> tls_files =
      {{
          {"tls.ca_cert", &NodeConfig::tls_ca_cert},
          {"tls.cert", &NodeConfig::tls_cert},
          {"tls.key", &NodeConfig::tls_key},
      }};
  for (const auto& [key, member] : tls_files) {
    auto path = RequiredString(root, key);
    if (!path) return tl::unexpected(path.error());
    config.*member = Resolve(config.data_dir, *path);
  }

  auto threads = OptionalInteger(root, "server.threads", config.server_threads, 1, 256);
  if (!threads) return tl::unexpected(threads.error());
  config.server_threads = static_cast<int>(*threads);
  auto handlers = OptionalInteger(root, "server.handler_threads", config.handler_threads, 1, 1024);
  if (!handlers) return tl::unexpected(handlers.error());
  config.handler_threads = static_cast<int>(*handlers);
  auto connections =
      OptionalInteger(root, "client.connections_per_peer", config.connections_per_peer, 1, 256);
  if (!connections) return tl::unexpected(connections.error());
  config.connections_per_peer = static_cast<int>(*connections);
  auto body = OptionalInteger(root, "server.max_body_bytes",
                              static_cast<std::int64_t>(config.max_body_bytes), 1024, 64 << 20);
  if (!body) return tl::unexpected(body.error());
  config.max_body_bytes = static_cast<std::size_t>(*body);
  auto timeout =
      OptionalInteger(root, "server.read_timeout_seconds", config.read_timeout.count(), 1, 3600);
  if (!timeout) return tl::unexpected(timeout.error());
  config.read_timeout = std::chrono::seconds(*timeout);
  auto interval = OptionalInteger(root, "audit.checkpoint_interval_ms",
                                  config.checkpoint_interval.count(), 10, 3'600'000);
  if (!interval) return tl::unexpected(interval.error());
  config.checkpoint_interval = std::chrono::milliseconds(*interval);
  auto store_cache = OptionalInteger(root, "store.cache_mib", config.store_cache_mib, 1, 65536);
  if (!store_cache) return tl::unexpected(store_cache.error());
  config.store_cache_mib = *store_cache;
  auto audit_cache = OptionalInteger(root, "audit.cache_mib", config.audit_cache_mib, 1, 65536);
  if (!audit_cache) return tl::unexpected(audit_cache.error());
  config.audit_cache_mib = *audit_cache;
  return config;
}

Result<NodeConfig> LoadNodeConfig(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return Fail(Code::kNotFound, "configuration file " + file.string() + " does not exist");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Code::kUnavailable, "cannot read configuration file " + file.string());
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto config = ParseNodeConfig(text, std::filesystem::absolute(file).parent_path());
  if (!config) {
    return Fail(config.error().code, file.string() + ": " + config.error().message);
  }
  return config;
}

}  // namespace tandem::node::runtime
