// `tandem eval`: the evaluator's outputs, through the node's local API with an evaluator token.
//   report          --config NODE.toml --token FILE --out DIR [--params FILE]
//                   writes DIR/report.json and DIR/report.html
//   outcome-set     --config NODE.toml --token FILE --out DIR [--params FILE]
//                   writes DIR/outcome-set.csv and DIR/manifest.json
//   verify-manifest --manifest FILE --csv FILE --isa ISA.json
//                   checks the manifest's signature against the ISA and the CSV against it
//   verify-report   --report FILE [--html FILE] --isa ISA.json
//                   checks the report's signature against the ISA and the page against it
// --params is a JSON object with the request members of docs/evaluation.md (evaluation_id,
// data_end, k, quasi_identifiers, epsilon_per_table, ...).
// Exit codes: 0 success, 1 refused (by the node, or a manifest or report that does not
// verify, or a file over its limit: 1 MiB for a manifest, 1 GiB for a CSV, 64 MiB for a report
// or its page), 2 a file or the node cannot be read or reached.
#include <httplib.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "node/cli/commands.h"
#include "node/eval/outcome_manifest.h"
#include "node/eval/report_release.h"
#include "node/isa/isa_file.h"
#include "node/runtime/config.h"
#include "node/runtime/node.h"
#include "node/store/atomic_file.h"
#include "node/store/bounded_file.h"
#include "protocol/isa.h"

namespace tandem::node::cli {
namespace {

using nlohmann::json;

struct EvalOptions {
  std::string config;
  std::string token;
  std::string out;
  std::string params;
  std::string manifest;
  std::string csv;
  std::string report;
  std::string html;
  std::string isa;
};

// Limits of what the commands read: the node's small files and the request parameters, and the
// releases the verify commands check.
constexpr std::size_t kMaxSmallFileBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxManifestBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxCsvBytes = std::size_t{1} << 30;
constexpr std::size_t kMaxReportBytes = std::size_t{64} << 20;

Result<std::string> ReadFile(const std::string& path) {
  return store::ReadBoundedFile(path, kMaxSmallFileBytes);
}

// `path` read whole (at most `limit` bytes); on failure says why and sets `exit_code`: 1 for a
// file over the limit, 2 for one that cannot be read.
std::optional<std::string> ReadInput(const std::string& path, std::size_t limit, int& exit_code) {
  auto text = store::ReadBoundedFile(path, limit);
  if (text) return std::move(*text);
  std::cerr << "tandem eval: " << text.error().message << "\n";
  exit_code = text.error().code == Code::kInvalidArgument ? 1 : 2;
  return std::nullopt;
}

Status WriteFile(const std::filesystem::path& path, const std::string& text) {
  auto writer = store::AtomicFileWriter::Create(path, 0600);
  if (!writer) return tl::unexpected(writer.error());
  if (auto written = (*writer)->Write(text); !written) return written;
  return (*writer)->Commit();
}

// The local port: the configured one, or the one the running node wrote to ports.json.
Result<int> LocalPort(const runtime::NodeConfig& config) {
  if (config.local_listen.port != 0) return config.local_listen.port;
  auto ports = ReadFile((config.data_dir / runtime::kPortsFileName).string());
  if (!ports) return Fail(Code::kUnavailable, "the node is not running (no ports.json)");
  const json parsed = json::parse(*ports, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("local") || !parsed["local"].is_number_integer()) {
    return Fail(Code::kUnavailable, "ports.json is damaged");
  }
  return parsed["local"].get<int>();
}

// POSTs `body` to `path` on the node's local listener as the token's user; the answer's JSON.
Result<json> CallNode(const EvalOptions& options, const std::string& path) {
  auto config = runtime::LoadNodeConfig(options.config);
  if (!config) return tl::unexpected(config.error());
  auto token = ReadFile(options.token);
  if (!token) return tl::unexpected(token.error());
  while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
  std::string body = "{}";
  if (!options.params.empty()) {
    auto params = ReadFile(options.params);
    if (!params) return tl::unexpected(params.error());
    if (!json::parse(*params, nullptr, false).is_object()) {
      return Fail(Code::kInvalidArgument, options.params + " is not a JSON object");
    }
    body = *params;
  }
  auto port = LocalPort(*config);
  if (!port) return tl::unexpected(port.error());
  httplib::SSLClient client("localhost", *port);
  client.set_ca_cert_path(config->tls_ca_cert.c_str());
  client.enable_server_certificate_verification(true);
  client.set_read_timeout(600, 0);
  const httplib::Headers headers = {{"Authorization", "Bearer " + *token}};
  auto answer = client.Post(path.c_str(), headers, body, "application/json");
  if (!answer) {
    return Fail(Code::kUnavailable, "cannot reach the node's local listener on port " +
                                        std::to_string(*port) + ": " +
                                        httplib::to_string(answer.error()));
  }
  const json parsed = json::parse(answer->body, nullptr, false);
  if (answer->status != 200) {
    std::string message = parsed.is_object() && parsed.contains("error")
                              ? parsed["error"].dump()
                              : "HTTP " + std::to_string(answer->status);
    return Fail(Code::kPermissionDenied, "the node refused: " + message);
  }
  if (!parsed.is_object()) return Fail(Code::kUnavailable, "the node's answer is not JSON");
  return parsed;
}

int Report(const EvalOptions& options, bool outcome_set) {
  auto answer = CallNode(options, outcome_set ? "/v1/eval/outcome-set" : "/v1/eval/report");
  if (!answer) {
    std::cerr << "tandem eval: " << answer.error().message << "\n";
    return answer.error().code == Code::kPermissionDenied ? 1 : 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  const std::filesystem::path out(options.out);
  std::vector<std::pair<std::string, std::string>> files;
  try {
    if (outcome_set) {
      files = {{"outcome-set.csv", (*answer)["csv"].get<std::string>()},
               {"manifest.json", (*answer)["manifest"].get<std::string>()}};
    } else {
      files = {{"report.json", (*answer)["report"].dump(2) + "\n"},
               {"report.html", (*answer)["html"].get<std::string>()}};
    }
  } catch (const json::exception&) {
    std::cerr << "tandem eval: the node's answer lacks the expected members\n";
    return 2;
  }
  for (const auto& [name, text] : files) {
    if (auto written = WriteFile(out / name, text); !written) {
      std::cerr << "tandem eval: " << written.error().message << "\n";
      return 2;
    }
    std::cout << (out / name).string() << "\n";
  }
  std::cout << "evaluation " << answer->value("evaluation_id", "") << "\n";
  return 0;
}

// The ISA in `path`; on failure says why, sets `exit_code` (1 for a file over the limit, 2
// otherwise) and returns nothing.
std::optional<protocol::Isa> ReadIsa(const std::string& path, int& exit_code) {
  auto isa = node::isa::ReadIsaFile(path);
  if (isa) return std::move(*isa);
  std::cerr << "tandem eval: " << isa.error().message << "\n";
  const bool over_limit = isa.error().message.starts_with(path + " is over the limit");
  exit_code = over_limit ? 1 : 2;
  return std::nullopt;
}

int VerifyManifest(const EvalOptions& options) {
  int exit_code = 0;
  const auto manifest = ReadInput(options.manifest, kMaxManifestBytes, exit_code);
  if (!manifest) return exit_code;
  const auto csv = ReadInput(options.csv, kMaxCsvBytes, exit_code);
  if (!csv) return exit_code;
  const auto isa = ReadIsa(options.isa, exit_code);
  if (!isa) return exit_code;
  auto verified = eval::VerifyOutcomeManifest(*manifest, *csv, *isa);
  if (!verified) {
    std::cerr << "tandem eval: manifest does not verify: " << verified.error().message << "\n";
    return 1;
  }
  std::cout << "manifest verified: evaluation " << verified->evaluation_id << ", signed by "
            << verified->signer << ", " << verified->rows << " rows\n";
  return 0;
}

int VerifyReport(const EvalOptions& options) {
  int exit_code = 0;
  const auto report = ReadInput(options.report, kMaxReportBytes, exit_code);
  if (!report) return exit_code;
  std::optional<std::string> html;
  if (!options.html.empty()) {
    html = ReadInput(options.html, kMaxReportBytes, exit_code);
    if (!html) return exit_code;
  }
  const auto isa = ReadIsa(options.isa, exit_code);
  if (!isa) return exit_code;
  auto verified = eval::VerifyReport(*report, html, *isa);
  if (!verified) {
    std::cerr << "tandem eval: report does not verify: " << verified.error().message << "\n";
    return 1;
  }
  std::cout << "report verified: evaluation " << verified->evaluation_id << ", signed by "
            << verified->signer << " at " << verified->created
            << (verified->html_checked ? ", with its page" : " (page not checked)") << "\n";
  return 0;
}

}  // namespace

void AddEvalCommand(CLI::App& app, CommandContext& ctx) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* eval = app.add_subcommand("eval", "Evaluation report and anonymised outcome set");
  eval->require_subcommand(1);
  for (const bool outcome_set : {false, true}) {
    CLI::App* sub = eval->add_subcommand(
        outcome_set ? "outcome-set" : "report",
        outcome_set ? "Write the anonymised outcome set and its signed manifest"
                    : "Write the evaluation report as JSON and HTML");
    sub->add_option("--config", options->config, "the node's configuration file")->required();
    sub->add_option("--token", options->token, "file holding an evaluator API token")->required();
    sub->add_option("--out", options->out, "output directory")->required();
    sub->add_option("--params", options->params, "JSON file of evaluation parameters");
    sub->callback([options, &ctx, outcome_set] { ctx.exit_code = Report(*options, outcome_set); });
  }
  CLI::App* verify =
      eval->add_subcommand("verify-manifest", "Check an outcome set against its signed manifest");
  verify->add_option("--manifest", options->manifest, "manifest.json")->required();
  verify->add_option("--csv", options->csv, "outcome-set.csv")->required();
  verify->add_option("--isa", options->isa, "the signed ISA (JSON)")->required();
  verify->callback([options, &ctx] { ctx.exit_code = VerifyManifest(*options); });
  CLI::App* verify_report =
      eval->add_subcommand("verify-report", "Check an evaluation report against its signature");
  verify_report->add_option("--report", options->report, "report.json")->required();
  verify_report->add_option("--html", options->html, "report.html, to check it too");
  verify_report->add_option("--isa", options->isa, "the signed ISA (JSON)")->required();
  verify_report->callback([options, &ctx] { ctx.exit_code = VerifyReport(*options); });
}

}  // namespace tandem::node::cli
