// The evaluation report as released (docs/evaluation.md, "The signed report"): report.json
// names the node that released it and when, carries the SHA-256 of report.html (drawn from
// that JSON before the digest and signature were added) and the node's Ed25519 signature over
//   "tandem-evaluation-report-v1" || 0x00 || JCS(report without "signature")   (RFC 8785).
// VerifyReport checks it against the ISA, which lists the signer's key, so anyone who holds the
// agreement can tell that a report, and its page, are the ones the node released, unchanged.
// Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/signing.h"
#include "protocol/isa.h"

namespace tandem::node::eval {

struct ReportFiles {
  std::string json;  // report.json
  std::string html;  // report.html
};

struct ReportSigner {
  std::string node_id;  // a party of the ISA the report names
  std::string created;  // RFC 3339 UTC timestamp
  const crypto::SigningKey& key;
};

// `report` as ReportToJson made it, with anything the releasing node adds (its partners'
// answers), signed. kInternal only if canonicalisation fails.
Result<ReportFiles> ReleaseReport(nlohmann::json report, const ReportSigner& signer);

struct VerifiedReport {
  std::string evaluation_id;
  std::string signer;
  std::string created;
  bool html_checked = false;
};

// Success when `report` is a report naming this ISA, signed by the key the ISA lists for its
// signer, and `html` (when given) is the page it signs. Errors as VerifyRelease
// (release_signature.h), and kCorruption when the page differs from the one signed.
Result<VerifiedReport> VerifyReport(std::string_view report, std::optional<std::string_view> html,
                                    const protocol::Isa& isa);

}  // namespace tandem::node::eval
