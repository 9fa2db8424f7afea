#include "node/eval/report_release.h"

#include "crypto/digest.h"
#include "node/eval/release_signature.h"
#include "node/eval/report_html.h"
#include "node/eval/report_json.h"
#include "node/signed_json.h"

namespace tandem::node::eval {
namespace {

using nlohmann::json;
constexpr std::string_view kDomain = "tandem-evaluation-report-v1";
constexpr ReleaseKind kKind{kReportFormat, kDomain, "evaluation report", "report"};
constexpr std::string_view kHtmlFile = "report.html";

}  // namespace

Result<ReportFiles> ReleaseReport(json report, const ReportSigner& signer) {
  report["node"] = signer.node_id;
  report["created"] = signer.created;
  std::string html = RenderReportHtml(report);
  report["html"] = {
      {"file", kHtmlFile}, {"bytes", html.size()}, {"sha256", crypto::Sha256Hex(html)}};
  if (auto signed_ = SignJson(report, kDomain, signer.node_id, signer.key); !signed_) {
    return tl::unexpected(signed_.error());
  }
  return ReportFiles{report.dump(2) + "\n", std::move(html)};
}

Result<VerifiedReport> VerifyReport(std::string_view text, std::optional<std::string_view> html,
                                    const protocol::Isa& isa) {
  json report = json::parse(text, nullptr, false);
  auto signer = VerifyRelease(report, kKind, isa);
  if (!signer) return tl::unexpected(signer.error());
  VerifiedReport verified{StringMember(report, "evaluation_id"), *signer,
                          StringMember(report, "created"), false};
  if (!html) return verified;
  const auto page = report.find("html");
  if (page == report.end() || !page->is_object() || StringMember(*page, "sha256").empty()) {
    return Fail(Code::kInvalidArgument, "not an evaluation report: 'html' is missing or malformed");
  }
  if (crypto::Sha256Hex(*html) != StringMember(*page, "sha256")) {
    return Fail(Code::kCorruption,
                "the page's SHA-256 is not the one the report signs: the HTML was changed");
  }
  verified.html_checked = true;
  return verified;
}

}  // namespace tandem::node::eval
