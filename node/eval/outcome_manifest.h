// The signed manifest of an outcome set (docs/evaluation.md, "Manifest"): what was released,
// under which agreement, with which disclosure control and at what risk, and the SHA-256 of the
// CSV, signed with the releasing node's Ed25519 identity key. The signature covers
// "tandem-outcome-set-manifest-v1" || 0x00 || JCS(manifest without "signature").
// VerifyOutcomeManifest checks it against the ISA, which lists the signer's key: anyone who
// holds the agreement can check that a CSV is the one the node released, unchanged.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/signing.h"
#include "node/eval/evaluation_report.h"
#include "node/eval/outcome_set.h"
#include "protocol/isa.h"

namespace tandem::node::eval {

inline constexpr char kManifestFormat[] = "tandem-outcome-set-manifest/1";

struct ManifestContext {
  std::string node_id;         // the signer, a party of the ISA
  std::string created;         // RFC 3339 UTC timestamp
  NoiseSpent noise;            // differential-privacy budget spent by this evaluation's releases
  std::string epsilon_budget;  // the agreement's total, "" when it allows no noised release
};

// The manifest as indented JSON, signed. kInternal only if canonicalisation fails.
Result<std::string> SignOutcomeManifest(const OutcomeSet& set,
                                        const EvaluationParameters& parameters,
                                        const ManifestContext& context,
                                        const crypto::SigningKey& key);

struct VerifiedManifest {
  std::string evaluation_id;
  std::string signer;
  std::size_t rows = 0;
};

// Success when the manifest parses, names this ISA (id and version), is signed by the key the
// ISA lists for its signer, and `csv` has the SHA-256 and row count it states. Errors:
// kInvalidArgument (not a manifest: the message names the member), kPermissionDenied (another
// agreement, or a signer the ISA does not list), kUnauthenticated (the signature does not
// verify), kCorruption (the CSV differs from the one signed).
Result<VerifiedManifest> VerifyOutcomeManifest(std::string_view manifest, std::string_view csv,
                                               const protocol::Isa& isa);

}  // namespace tandem::node::eval
