// A node's configuration file (TOML; deploy/node.example.toml is the annotated example). The
// configuration says where things are and how the server listens; who the partners are, their
// addresses, keys and certificate pins come from the signed ISA, never from here.
//
// Relative paths in the file are resolved against the file's own folder, except the TLS files,
// which are resolved against the data directory. Free functions; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::node::runtime {

struct ListenAddress {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port (tests); the bound port is written to the data dir
};

struct NodeConfig {
  std::string node_id;
  std::filesystem::path data_dir;
  // The store key file; when absent, the passphrase comes from TANDEM_STORE_PASSPHRASE.
  std::optional<std::filesystem::path> store_key_file;
  // The partnership's RFGV matrix (node/panel/rfgv_file.h) for the coordinator's triage; absent:
  // the documented local default (deploy/panel/rfgv.default.json).
  std::optional<std::filesystem::path> rfgv_file;
  // The partnership's offence table (agency-adapters/offence_table_reader.h) the coordinator's
  // triage, ranking, harm history and evaluation weigh harm by; absent: the approximate table
  // of docs/domain.md (deploy/panel/offences.approximate.csv).
  std::optional<std::filesystem::path> offence_table_file;
  ListenAddress peer_listen;   // partner nodes, mutual TLS
  ListenAddress local_listen;  // the agency's own users, TLS + API tokens
  std::filesystem::path tls_ca_cert;
  std::filesystem::path tls_cert;
  std::filesystem::path tls_key;
  int server_threads = 2;         // network threads (TLS, HTTP parsing)
  int handler_threads = 64;       // request handlers: mostly waiting on durable audit commits
  int connections_per_peer = 16;  // keep-alive connections this node opens to each peer
  std::size_t max_body_bytes = std::size_t{1} << 20;
  std::chrono::seconds read_timeout{10};
  std::chrono::milliseconds checkpoint_interval{1000};
  // SQLite page caches, which fill up to these bounds as the databases are read: the store's
  // connections, and the audit log's proof reader (random reads of the tree's lower levels).
  std::int64_t store_cache_mib = 64;
  std::int64_t audit_cache_mib = 64;
};

// Parses configuration text; `base` resolves relative paths. kInvalidArgument naming the key
// and, for TOML syntax errors, the line and column; unknown keys are refused so that a typo
// does not silently fall back to a default.
Result<NodeConfig> ParseNodeConfig(std::string_view text, const std::filesystem::path& base);

// Reads and parses the file. kNotFound when it does not exist; kUnavailable when unreadable.
Result<NodeConfig> LoadNodeConfig(const std::filesystem::path& file);

}  // namespace tandem::node::runtime
