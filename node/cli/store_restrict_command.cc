// `tandem store restrict`: restricts the processing of one named record on request, or lifts the
// restriction (node/importer/record_restriction.h); `tandem store restrictions`: the restrictions
// in force at this node, for the data protection officer's review.
#include <iostream>
#include <memory>
#include <string>

#include "core/counted.h"
#include "node/cli/commands.h"
#include "node/cli/record_request_target.h"
#include "node/cli/store_options.h"
#include "node/importer/record_restriction.h"

namespace tandem::node::cli {
namespace {

constexpr int kExitProblem = 1;

struct RestrictOptions {
  RecordRequestOptions record;
  bool lift = false;
};

void RunRestrict(const RestrictOptions& options, CommandContext& ctx) {
  const auto fail = [&](const std::string& message) {
    PrintError("store restrict", message);
    ctx.exit_code = kExitProblem;
  };
  const RecordRequestOptions& record = options.record;
  auto target = OpenRecordRequestTarget(record);
  if (!target) return fail(target.error().message);
  store::Store& target_store = *target->opened.store;
  const importer::RecordRequest& request = target->request;
  if (options.lift) {
    auto lifted = importer::LiftRestriction(target_store, request);
    if (!lifted) return fail(lifted.error().message);
    std::cout << "Lifted the restriction of processing of 1 " << record.export_kind
              << " record (placed on request " << lifted->request_ref << " on " << lifted->since
              << "): the node matches and discloses it again under the ISA. The lifting (request "
              << record.request
              << ") waits in the store for the node to move into its audit log.\n";
    return;
  }
  auto recipients = RecipientsBefore(*target, "restriction");
  if (!recipients) return fail(recipients.error().message);
  auto restricted = importer::RestrictRecord(target_store, request);
  if (!restricted) return fail(restricted.error().message);
  std::cout << "Restricted the processing of 1 " << record.export_kind << " record";
  if (restricted->occurrences > 0) {
    std::cout << " and the " << restricted->occurrences << " police_occurrences naming it";
  }
  std::cout << ": the node keeps it but no longer matches, discloses, ranks or counts it, from "
               "its next request. The restriction (request "
            << record.request
            << ") waits in the store for the node to move into its audit log. Lift it with "
               "--lift.\n";
  if (restricted->panel_referrals > 0) {
    std::cout << "The panel book at this node names the person ("
              << core::Counted(restricted->panel_referrals, "referral")
              << "): the case packs about them are withheld from the panel until the "
                 "restriction is lifted.\n";
  }
  PrintRecipients(std::cout, *recipients, "restriction");
}

void RunList(const StoreOptions& options, CommandContext& ctx) {
  const auto fail = [&](const std::string& message) {
    PrintError("store restrictions", message);
    ctx.exit_code = kExitProblem;
  };
  auto opened = store::OpenDataDir(options.data_dir, ToKeyOptions(options), {});
  if (!opened) return fail(opened.error().message);
  auto restrictions = opened->store->Restrictions();
  if (!restrictions) return fail(restrictions.error().message);
  if (restrictions->empty()) {
    std::cout << "No record is restricted.\n";
    return;
  }
  std::cout << "export kind,ref,request,since\n";
  for (const store::Restriction& r : *restrictions) {
    std::cout << r.export_kind << "," << r.ref << "," << r.request_ref << "," << r.since << "\n";
  }
}

}  // namespace

void AddStoreRestrictCommands(CLI::App& store, CommandContext& ctx) {
  auto restrict_options = std::make_shared<RestrictOptions>();
  CLI::App* restrict = store.add_subcommand(
      "restrict", "Restrict the processing of one named record on request, or lift it, audited");
  restrict->footer(
      "A restricted record stays in the store and its imports go on, but the node no longer "
      "matches it, discloses it, ranks it or counts it in an evaluation; a police nominal's "
      "occurrences with it. The audit entry names the request, never the record. Exit status: 0 "
      "done, 1 refused or not found.");
  AddRecordRequestOptions(restrict, restrict_options->record,
                          "the controller's reference for the request (goes into the audit log)");
  restrict->add_flag("--lift", restrict_options->lift, "lift the record's restriction instead");
  restrict->callback([restrict_options, &ctx] { RunRestrict(*restrict_options, ctx); });

  auto list_options = std::make_shared<StoreOptions>();
  CLI::App* list = store.add_subcommand(
      "restrictions",
      "List the records whose processing is restricted (CSV: export kind, reference, request, "
      "since), for review");
  AddStoreOptions(list, *list_options);
  list->callback([list_options, &ctx] { RunList(*list_options, ctx); });
}

}  // namespace tandem::node::cli
