// TLS identity of a node: the files it presents and trusts (TlsFiles), the SHA-256 fingerprint
// form in which an ISA pins a node's certificate, and the table that maps pinned fingerprints to
// the node ids of the partnership (PeerPins). A peer is trusted only when its certificate chains
// to the partnership CA AND its fingerprint is pinned; HttpsServer and PeerClient enforce both.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tandem::node::net {

// A node's tls/ directory: the partnership CA certificate (the only trust anchor), the node's
// certificate (server and client) and its private key (PEM, unencrypted, mode 0600).
struct TlsFiles {
  std::filesystem::path ca_cert, cert, key;

  // ca.crt, node.crt and node.key in `dir` (the layout deploy/pki/issue-node-cert writes).
  static TlsFiles InDirectory(const std::filesystem::path& dir);
};

// SHA-256 of the DER form of the first certificate in a PEM file: 64 lower-case hex digits, the
// form the ISA pins (and deploy/pki/issue-node-cert prints). Errors: kNotFound when the file
// does not exist, kInvalidArgument when it holds no PEM certificate.
Result<std::string> CertificateFingerprint(const std::filesystem::path& pem_cert);

// Which pinned certificate belongs to which party. Thread-safe: readers (every handshake and
// request) share a lock; Replace swaps the whole table when an ISA is installed, so a
// fingerprint that is no longer pinned stops authenticating new handshakes and new requests on
// open connections.
class PeerPins {
 public:
  PeerPins() = default;
  explicit PeerPins(std::map<std::string, std::string> fingerprint_to_node);
  PeerPins(const PeerPins&) = delete;
  PeerPins& operator=(const PeerPins&) = delete;

  // Replaces the table: fingerprint (64 lower-case hex digits) → node id.
  void Replace(std::map<std::string /*fingerprint*/, std::string /*node id*/> pins);

  // The node id pinned to `fingerprint`, or nullopt when it is not pinned.
  std::optional<std::string> PartyFor(std::string_view fingerprint) const;

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::string, std::less<>> pins_;
};

}  // namespace tandem::node::net
