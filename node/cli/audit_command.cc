// `tandem audit verify|show|export`: a DPO's view of the node's audit log (audit.db in the
// data directory, keyed with the store key): verify recomputes the whole tree and checks every
// checkpoint and co-signature; show prints entries as a table; export writes them as CSV or
// JSON. Filters: dates, peer, purpose, kind, subject token. Never prints anything but what the
// log holds (tokens, field names, ids; no personal data is in it).
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/signing.h"
#include "node/audit/audit_log.h"
#include "node/audit/export_rows.h"
#include "node/audit/messages.h"
#include "node/audit/verify.h"
#include "node/cli/commands.h"
#include "node/cli/store_options.h"
#include "node/identity_key.h"
#include "node/store/data_dir.h"

namespace tandem::node::cli {
namespace {

constexpr int kExitProblem = 1;
constexpr int kExitError = 2;

struct FilterArgs {
  std::string from, to, peer, purpose, kind, subject_token;
};

struct AuditArgs {
  StoreOptions store;
  FilterArgs filter;
  std::string node_key;
  std::vector<std::string> trusted;
  std::string format = "csv";
  std::string out;
};

void AddFilterOptions(CLI::App* command, FilterArgs& filter) {
  command->add_option("--from", filter.from,
                      "Only entries on or after this date (YYYY-MM-DD, UTC)");
  command->add_option("--to", filter.to, "Only entries on or before this date (YYYY-MM-DD, UTC)");
  command->add_option("--peer", filter.peer, "Only exchanges with this peer node id");
  command->add_option("--purpose", filter.purpose, "Only entries for this purpose");
  command->add_option("--kind", filter.kind, "Only entries of this kind (e.g. exchange-in)");
  command->add_option("--subject-token", filter.subject_token,
                      "Only entries about the subject with this token (hex)");
}

Result<protocol::Seconds> ParseDate(std::string_view option, const std::string& date) {
  auto at = protocol::ParseTimestamp(date + "T00:00:00Z");
  if (!at || date.size() != 10) {
    return Fail(Code::kInvalidArgument,
                std::string(option) + ": '" + date + "' is not a date (YYYY-MM-DD)");
  }
  return *at;
}

Result<audit::EntryFilter> ToFilter(const FilterArgs& args) {
  audit::EntryFilter filter;
  if (!args.from.empty()) {
    auto from = ParseDate("--from", args.from);
    if (!from) return tl::unexpected(from.error());
    filter.from = *from;
  }
  if (!args.to.empty()) {
    auto to = ParseDate("--to", args.to);
    if (!to) return tl::unexpected(to.error());
    filter.to = *to + std::chrono::days(1);
  }
  filter.peer = args.peer;
  filter.purpose = args.purpose;
  filter.kind = args.kind;
  if (!args.subject_token.empty()) filter.subject_tokens = {args.subject_token};
  return filter;
}

// The store key, with the data directory's opener lock: keep it while the log is open.
Result<store::DataDirKey> StoreKey(const StoreOptions& options) {
  return store::ReadDataDirKey(options.data_dir, ToKeyOptions(options));
}

std::filesystem::path AuditPath(const StoreOptions& options) {
  return std::filesystem::path(options.data_dir) / audit::kAuditFileName;
}

// The node's verifying key: --node-key, else derived from identity.key in the data directory
// (read as the node reads it: an unreadable or loosely permitted key is an error), else none
// (VerifyLog then uses the key recorded in the log and says so).
Result<std::optional<crypto::VerifyingKey>> NodeKey(const AuditArgs& args) {
  if (!args.node_key.empty()) {
    auto key = crypto::VerifyingKey::FromHex(args.node_key);
    if (!key) return Fail(Code::kInvalidArgument, "--node-key: " + key.error().message);
    return std::optional<crypto::VerifyingKey>(*key);
  }
  auto key = ReadIdentityKey(std::filesystem::path(args.store.data_dir) / kIdentityKeyFileName);
  if (!key) {
    if (key.error().code == Code::kNotFound) return std::optional<crypto::VerifyingKey>();
    return Fail(key.error().code, key.error().message + " (or give the key with --node-key)");
  }
  return std::optional<crypto::VerifyingKey>(key->verifying_key());
}

// A checkpoint from a file holding a checkpoint or a co-signature (whose checkpoint is used).
Result<audit::SignedCheckpoint> ReadTrusted(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Code::kNotFound, "cannot read " + file);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto checkpoint = audit::DecodeCheckpoint(text);
  if (checkpoint) return checkpoint;
  auto cosignature = audit::DecodeCosignature(text);
  if (cosignature) return cosignature->checkpoint;
  return Fail(Code::kInvalidArgument, file + ": " + checkpoint.error().message);
}

std::string Time(protocol::Seconds at) {
  auto text = protocol::FormatTimestamp(at);
  return text ? *text : "-";
}

void RunVerify(const AuditArgs& args, CommandContext& ctx) {
  auto fail = [&](const std::string& message) {
    PrintError("audit verify", message);
    ctx.exit_code = kExitProblem;
  };
  auto key = StoreKey(args.store);
  if (!key) return fail(key.error().message);
  audit::VerifyOptions options;
  auto node_key = NodeKey(args);
  if (!node_key) return fail(node_key.error().message);
  options.node_key = *node_key;
  for (const auto& file : args.trusted) {
    auto checkpoint = ReadTrusted(file);
    if (!checkpoint) return fail(checkpoint.error().message);
    options.trusted_checkpoints.push_back(*checkpoint);
  }
  auto report = audit::VerifyLog(AuditPath(args.store), &key->key, options);
  if (!report) return fail(report.error().message);
  std::cout << "Audit log of " << report->node << " in " << args.store.data_dir << "\n"
            << "  entries         " << report->entries << "\n"
            << "  checkpoints     " << report->checkpoints << "\n"
            << "  co-signatures   " << report->cosignatures << "\n";
  if (report->last_checkpoint) {
    std::cout << "  last checkpoint size " << report->last_checkpoint->tree_size << " at "
              << Time(report->last_checkpoint->at) << "\n";
  } else {
    std::cout << "  last checkpoint none\n";
  }
  std::cout << "  identity key    "
            << (report->key_from_log ? "as recorded in the log (no identity.key or --node-key)"
                                     : "the node's identity key")
            << "\n";
  if (report->ok()) {
    std::cout << "  verified        every entry, tree hash, checkpoint and co-signature\n";
    return;
  }
  std::cout << "  PROBLEMS        " << report->problem_count << "\n";
  for (const auto& problem : report->problems) std::cout << "    " << problem << "\n";
  if (report->problem_count > report->problems.size()) {
    std::cout << "    ... and " << report->problem_count - report->problems.size() << " more\n";
  }
  ctx.exit_code = kExitProblem;
}

std::string Padded(std::string text, std::size_t width) {
  if (text.size() > width) text = text.substr(0, width - 1) + "~";
  text.resize(width, ' ');
  return text;
}

void RunShow(const AuditArgs& args, CommandContext& ctx) {
  auto fail = [&](const std::string& message) {
    PrintError("audit show", message);
    ctx.exit_code = kExitError;
  };
  auto filter = ToFilter(args.filter);
  if (!filter) return fail(filter.error().message);
  auto key = StoreKey(args.store);
  if (!key) return fail(key.error().message);
  // Processing comes last and whole: for imports and key changes it says what was done to
  // how many records (docs/audit-log.md, "Local processing").
  std::cout << Padded("index", 9) << Padded("at (UTC)", 22) << Padded("kind", 15)
            << Padded("actor", 18) << Padded("purpose", 22) << Padded("ISA clause", 20)
            << Padded("recipient", 18) << Padded("subjects", 9) << Padded("outcome", 20)
            << "processing\n";
  std::uint64_t shown = 0;
  auto listed = audit::ForEachEntry(
      AuditPath(args.store), &key->key, *filter, [&](const audit::StoredEntry& row) -> Status {
        const auto& e = row.entry;
        const std::string clause =
            e.isa_id.empty() ? "-"
                             : e.isa_id + " v" + std::to_string(e.isa_version) + " " + e.isa_clause;
        std::cout << Padded(std::to_string(row.index), 9) << Padded(Time(e.at), 22)
                  << Padded(e.kind, 15) << Padded(e.actor, 18)
                  << Padded(e.purpose.empty() ? "-" : e.purpose, 22) << Padded(clause, 20)
                  << Padded(e.recipient.empty() ? "-" : e.recipient, 18)
                  << Padded(std::to_string(e.subject_tokens.size()), 9) << Padded(e.outcome, 20)
                  << e.processing << "\n";
        ++shown;
        return Ok();
      });
  if (!listed) return fail(listed.error().message);
  std::cout << shown << (shown == 1 ? " entry" : " entries") << "\n";
}

void RunExport(const AuditArgs& args, CommandContext& ctx) {
  auto fail = [&](const std::string& message) {
    PrintError("audit export", message);
    ctx.exit_code = kExitError;
  };
  auto filter = ToFilter(args.filter);
  if (!filter) return fail(filter.error().message);
  auto key = StoreKey(args.store);
  if (!key) return fail(key.error().message);
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  if (!out) return fail("cannot write " + args.out);
  const bool csv = args.format == "csv";
  if (csv) {
    audit::WriteCsvHeader(out);
  } else {
    out << "[";
  }
  std::uint64_t written = 0;
  auto listed = audit::ForEachEntry(AuditPath(args.store), &key->key, *filter,
                                    [&](const audit::StoredEntry& row) -> Status {
                                      if (csv) {
                                        audit::WriteCsvRow(out, row);
                                      } else {
                                        auto json = audit::EntryJson(row);
                                        if (!json) return tl::unexpected(json.error());
                                        out << (written == 0 ? "\n" : ",\n") << *json;
                                      }
                                      ++written;
                                      return Ok();
                                    });
  if (!listed) return fail(listed.error().message);
  if (!csv) out << "\n]\n";
  out.close();
  if (!out) return fail("cannot write " + args.out);
  std::cout << "Wrote " << written << (written == 1 ? " entry" : " entries") << " to " << args.out
            << "\n";
}

}  // namespace

void AddAuditCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* audit = app.add_subcommand("audit", "Verify, read and export the node's audit log");
  audit->require_subcommand(1);

  auto verify_args = std::make_shared<AuditArgs>();
  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Recompute the whole Merkle tree from the stored entries and check every checkpoint "
      "signature and root and every co-signature");
  AddStoreOptions(verify, verify_args->store);
  verify->add_option("--node-key", verify_args->node_key,
                     "The node's Ed25519 public key (64 hex digits); default: from identity.key "
                     "in the data directory");
  verify->add_option("--trusted-checkpoint", verify_args->trusted,
                     "A checkpoint (or co-signature) of this node obtained elsewhere, e.g. from a "
                     "witness; catches a log rolled back or rewritten. Repeatable");
  verify->footer("Exit status: 0 verified, 1 a problem was found or the log cannot be read.");
  verify->callback([verify_args, &ctx] { RunVerify(*verify_args, ctx); });

  auto show_args = std::make_shared<AuditArgs>();
  CLI::App* show = audit->add_subcommand("show", "Print audit entries as a table");
  AddStoreOptions(show, show_args->store);
  AddFilterOptions(show, show_args->filter);
  show->callback([show_args, &ctx] { RunShow(*show_args, ctx); });

  auto export_args = std::make_shared<AuditArgs>();
  CLI::App* exported = audit->add_subcommand(
      "export", "Write audit entries (DPA 2018 s.62 records) to a CSV or JSON file");
  AddStoreOptions(exported, export_args->store);
  AddFilterOptions(exported, export_args->filter);
  exported->add_option("--format", export_args->format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}));
  exported->add_option("--out", export_args->out, "The file to write")->required();
  exported->callback([export_args, &ctx] { RunExport(*export_args, ctx); });
}

}  // namespace tandem::node::cli
