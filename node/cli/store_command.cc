// `tandem store summary` and `tandem store check`: what a node's store holds (counts and
// times, never identifiers) and whether it is intact; `tandem store erase`: one named record
// erased on request (node/importer/record_erasure.h); `tandem store subject-access`: a copy of
// what the node holds about one named record (node/importer/subject_access.h). `tandem store
// rekey` is in store_rekey_command.cc, `tandem store restrict` and `restrictions` in
// store_restrict_command.cc.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "agency-adapters/record.h"
#include "core/counted.h"
#include "node/cli/commands.h"
#include "node/cli/record_request_target.h"
#include "node/cli/store_options.h"
#include "node/importer/record_erasure.h"
#include "node/importer/subject_access.h"
#include "node/store/atomic_file.h"
#include "node/store/data_dir.h"

namespace tandem::node::cli {
namespace {

constexpr int kExitProblem = 1;

std::string Padded(std::string text, std::size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}

void RunSummary(const StoreOptions& options, CommandContext& ctx) {
  const auto fail = [&](const std::string& message) {
    PrintError("store summary", message);
    ctx.exit_code = kExitProblem;
  };
  auto opened = store::OpenDataDir(options.data_dir, ToKeyOptions(options), {});
  if (!opened) return fail(opened.error().message);
  auto summary = opened->store->Summarise();
  if (!summary) return fail(summary.error().message);
  auto waiting = opened->store->CountQueuedAuditEntries();
  if (!waiting) return fail(waiting.error().message);
  auto restrictions = opened->store->Restrictions();
  if (!restrictions) return fail(restrictions.error().message);
  std::cout << "Store in " << options.data_dir << ": schema version "
            << opened->store->schema_version() << ", encrypted\n";
  if (*waiting > 0) {
    std::cout << *waiting << (*waiting == 1 ? " audit entry waits" : " audit entries wait")
              << " for the node to move into its audit log (docs/audit-log.md).\n";
  }
  if (!restrictions->empty()) {
    std::cout << restrictions->size() << (restrictions->size() == 1 ? " record is" : " records are")
              << " restricted: kept, not processed (tandem store restrictions lists them).\n";
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

struct EraseOptions {
  RecordRequestOptions record;
  bool even_if_on_the_panel = false;
};

void RunErase(const EraseOptions& options, CommandContext& ctx) {
  const auto fail = [&](const std::string& message) {
    PrintError("store erase", message);
    ctx.exit_code = kExitProblem;
  };
  const RecordRequestOptions& record = options.record;
  auto target = OpenRecordRequestTarget(record);
  if (!target) return fail(target.error().message);
  auto recipients = RecipientsBefore(*target, "erasure");
  if (!recipients) return fail(recipients.error().message);
  auto erased = importer::EraseRecord(
      *target->opened.store,
      {.record = target->request, .even_if_on_the_panel = options.even_if_on_the_panel});
  if (!erased) return fail(erased.error().message);
  std::cout << "Erased 1 " << record.export_kind << " record";
  if (erased->occurrences > 0) {
    std::cout << " and the " << erased->occurrences << " police_occurrences naming it";
  }
  std::cout << ", with its token index rows.";
  if (erased->pack_versions > 0) {
    std::cout << " The values partners contributed to the person's case packs went with it: "
              << core::Counted(erased->pack_values, "value") << " in "
              << core::Counted(erased->pack_versions, "case pack version")
              << " (the case keeps its own parts).";
  }
  std::cout << " The erasure (request " << record.request
            << ") waits in the store for the node to move into its audit log. Remove the record "
               "from the agency's exports too, or their next import brings it back.\n";
  PrintRecipients(std::cout, *recipients, "erasure");
}

struct SubjectAccessOptions {
  RecordRequestOptions record;
  std::string out;
};

void RunSubjectAccess(const SubjectAccessOptions& options, CommandContext& ctx) {
  const auto fail = [&](const std::string& message) {
    PrintError("store subject-access", message);
    ctx.exit_code = kExitProblem;
  };
  const RecordRequestOptions& record = options.record;
  auto request = RecordRequestOption(record);
  if (!request) return fail(request.error().message);
  std::error_code ec;
  if (std::filesystem::symlink_status(options.out, ec).type() !=
      std::filesystem::file_type::not_found) {
    return fail("--out " + options.out +
                " exists; the copy is written to a new file only, never over another");
  }
  // The file is created before anything is logged, so a folder that cannot take it fails first.
  auto writer = store::AtomicFileWriter::Create(options.out, 0600);
  if (!writer) return fail(writer.error().message);
  auto opened = OpenRecordStore(record.store);
  if (!opened) return fail(opened.error().message);
  auto copy = importer::GatherSubjectAccess(
      *opened->store, {.record = std::move(*request), .audit_log = opened->AuditLog()});
  if (!copy) return fail(copy.error().message);
  if (auto written = (*writer)->Write(copy->document.dump(2) + "\n"); !written) {
    return fail("the request is logged, but the copy could not be written: " +
                written.error().message);
  }
  if (auto committed = (*writer)->Commit(); !committed) {
    return fail("the request is logged, but the copy could not be written: " +
                committed.error().message);
  }
  std::cout << "Wrote " << options.out << " (mode 0600): " << copy->contents
            << ". Review it before disclosure: it holds third parties' data. The copy (request "
            << record.request << ") waits in the store for the node to move into its audit log.\n";
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

  auto erase_options = std::make_shared<EraseOptions>();
  CLI::App* erase = store->add_subcommand(
      "erase", "Erase one named record (and its token index rows) on request, audited");
  erase->footer(
      "The audit entry names the request, never the record. A police nominal takes the "
      "occurrences naming it with it. Exit status: 0 erased, 1 refused or not found.");
  AddRecordRequestOptions(
      erase, erase_options->record,
      "the controller's reference for the erasure request (goes into the audit log)");
  erase->add_flag("--even-if-on-the-panel", erase_options->even_if_on_the_panel,
                  "erase a police nominal although a panel case at this node names the person");
  erase->callback([erase_options, &ctx] { RunErase(*erase_options, ctx); });

  auto access_options = std::make_shared<SubjectAccessOptions>();
  CLI::App* access = store->add_subcommand(
      "subject-access",
      "Copy what this node holds about one named record into a new file, for a subject access "
      "request, audited");
  access->footer(
      "The copy holds the record, a police nominal's occurrences, the interventions recorded "
      "here, the audit log's entries naming the person by token (who received what) and, at "
      "the coordinator, the person's panel cases, ranking entries and case packs. "
      "It is for the data protection officer to review: it holds third parties' data. The audit "
      "entry names the request and counts, never the record. Exit status: 0 written, 1 refused "
      "or not found.");
  AddRecordRequestOptions(access, access_options->record,
                          "the controller's reference for the request (goes into the audit log)");
  access->add_option("--out", access_options->out, "the new file to write the copy (JSON) to")
      ->required();
  access->callback([access_options, &ctx] { RunSubjectAccess(*access_options, ctx); });

  AddStoreRestrictCommands(*store, ctx);
  AddStoreRekeyCommand(*store, ctx);
}

}  // namespace tandem::node::cli
