// `tandem store summary` and `tandem store check`: what a node's store holds (counts and
// times, never identifiers) and whether it is intact. `tandem store rekey` is in
// store_rekey_command.cc.
#include <iostream>
#include <memory>
#include <string>

#include "node/cli/commands.h"
#include "node/cli/store_options.h"
#include "node/store/data_dir.h"

namespace tandem::node::cli {
namespace {

constexpr int kExitProblem = 1;

std::string Padded(std::string text, std::size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}

void RunSummary(const StoreOptions& options, CommandContext& ctx) {
  auto opened = store::OpenDataDir(options.data_dir, ToKeyOptions(options), {});
  if (!opened) {
    PrintError("store summary", opened.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  auto summary = opened->store->Summarise();
  if (!summary) {
    PrintError("store summary", summary.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  auto waiting = opened->store->CountQueuedAuditEntries();
  if (!waiting) {
    PrintError("store summary", waiting.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  std::cout << "Store in " << options.data_dir << ": schema version "
            << opened->store->schema_version() << ", encrypted\n";
  if (*waiting > 0) {
    std::cout << *waiting << (*waiting == 1 ? " audit entry waits" : " audit entries wait")
              << " for the node to move into its audit log (docs/audit-log.md).\n";
  }
  if (summary->empty()) {
    std::cout << "No records yet.\n";
    return;
  }
  std::cout << Padded("export kind", 20) << Padded("records", 11) << Padded("imports", 9)
            << "last import (UTC)\n";
  for (const auto& kind : *summary) {
    std::cout << Padded(kind.export_kind, 20) << Padded(std::to_string(kind.records), 11)
              << Padded(std::to_string(kind.imports), 9)
              << (kind.last_import_at.empty() ? "-" : kind.last_import_at) << "\n";
  }
}

void RunCheck(const StoreOptions& options, CommandContext& ctx) {
  auto opened = store::OpenDataDir(options.data_dir, ToKeyOptions(options), {});
  if (!opened) {
    PrintError("store check", opened.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  auto report = opened->store->Check();
  if (!report) {
    PrintError("store check", report.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  std::cout << "Store in " << options.data_dir << "\n"
            << "  schema version  " << report->schema_version << "\n"
            << "  cipher          SQLCipher " << report->cipher_version
            << " (AES-256, HMAC per page, raw 256-bit key)\n"
            << "  pages           " << report->page_count << " of " << report->page_size
            << " bytes\n";
  if (report->problems.empty()) {
    std::cout << "  integrity       ok (every page decrypted and authenticated)\n";
    return;
  }
  std::cout << "  integrity       " << report->problems.size() << " problems:\n";
  for (const auto& problem : report->problems) std::cout << "    " << problem << "\n";
  ctx.exit_code = kExitProblem;
}

}  // namespace

void AddStoreCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* store = app.add_subcommand("store", "Look at a node's encrypted store, change its key");
  store->require_subcommand(1);

  auto summary_options = std::make_shared<StoreOptions>();
  CLI::App* summary = store->add_subcommand(
      "summary", "Per export kind: record count, imports and last import time (no identifiers)");
  AddStoreOptions(summary, *summary_options);
  summary->callback([summary_options, &ctx] { RunSummary(*summary_options, ctx); });

  auto check_options = std::make_shared<StoreOptions>();
  CLI::App* check = store->add_subcommand(
      "check", "Open the store and read every page: integrity, references between tables, cipher");
  check->footer("Exit status: 0 intact, 1 a problem was found or the store cannot be opened.");
  AddStoreOptions(check, *check_options);
  check->callback([check_options, &ctx] { RunCheck(*check_options, ctx); });

  AddStoreRekeyCommand(*store, ctx);
}

}  // namespace tandem::node::cli
