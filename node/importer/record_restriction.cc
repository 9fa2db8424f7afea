#include "node/importer/record_restriction.h"

#include "node/audit/local_entry.h"
#include "node/panel/panel_journal.h"

namespace tandem::node::importer {
namespace {

// Queues the `restriction` entry saying `processing`, then commits.
Status LogAndCommit(store::Store& store, store::Store::Transaction& txn,
                    const std::string& processing, protocol::Seconds at) {
  auto entry = audit::EncodeLocalChange(
      {.kind = audit::kRestrictionKind, .processing = processing, .at = at});
  if (!entry) return tl::unexpected(entry.error());
  if (auto queued = store.QueueAuditEntry(*entry); !queued) return queued;
  return txn.Commit();
}

}  // namespace

Result<RestrictionReport> RestrictRecord(store::Store& store, const RecordRequest& request) {
  if (auto checked = CheckRecordRequest(request); !checked) {
    return tl::unexpected(checked.error());
  }
  const std::string kind(adapters::ExportKindName(request.kind));
  auto since = protocol::FormatTimestamp(request.at);
  if (!since) return tl::unexpected(since.error());
  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  auto found = store.FindRecord(kind, request.ref);
  if (!found) return tl::unexpected(found.error());
  if (!found->has_value()) {
    return Fail(Code::kNotFound,
                "the store holds no " + kind + " record with that reference; nothing was changed");
  }
  if (auto added = store.AddRestriction({kind, request.ref, request.request_ref, *since}); !added) {
    return Fail(added.error().code, added.error().message + "; nothing was changed");
  }
  RestrictionReport report;
  std::string processing = "restriction of processing of 1 " + kind + " record";
  if (request.kind == adapters::ExportKind::kPoliceNominals) {
    auto naming = store.OccurrencesNaming(request.ref);
    if (!naming) return tl::unexpected(naming.error());
    report.occurrences = static_cast<std::int64_t>(naming->size());
    auto referrals = panel::ReferralsNaming(store, request.ref);
    if (!referrals) return tl::unexpected(referrals.error());
    report.panel_referrals = *referrals;
    if (report.occurrences > 0) {
      processing +=
          " and the " + std::to_string(report.occurrences) + " police_occurrences naming it";
    }
  }
  processing += ", on request " + request.request_ref;
  if (auto done = LogAndCommit(store, *txn, processing, request.at); !done) {
    return tl::unexpected(done.error());
  }
  return report;
}

Result<store::Restriction> LiftRestriction(store::Store& store, const RecordRequest& request) {
  if (auto checked = CheckRecordRequest(request); !checked) {
    return tl::unexpected(checked.error());
  }
  const std::string kind(adapters::ExportKindName(request.kind));
  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  auto restriction = store.GetRestriction(kind, request.ref);
  if (!restriction) return tl::unexpected(restriction.error());
  if (!restriction->has_value()) {
    return Fail(Code::kNotFound, "the store holds no restriction of a " + kind +
                                     " record with that reference; nothing was changed");
  }
  if (auto removed = store.RemoveRestriction(kind, request.ref); !removed) {
    return tl::unexpected(removed.error());
  }
  const store::Restriction& lifted = **restriction;
  const std::string processing = "lifting of the restriction of processing of 1 " + kind +
                                 " record placed on request " + lifted.request_ref + " on " +
                                 lifted.since + ", on request " + request.request_ref;
  if (auto done = LogAndCommit(store, *txn, processing, request.at); !done) {
    return tl::unexpected(done.error());
  }
  return lifted;
}

}  // namespace tandem::node::importer
