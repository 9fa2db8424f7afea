#include "node/importer/record_erasure.h"

#include <array>
#include <string>

#include "core/counted.h"
#include "node/audit/local_entry.h"
#include "node/panel/pack_subject_erasure.h"
#include "node/panel/panel_journal.h"

namespace tandem::node::importer {
namespace {

// The audit entry's account: what went, and the request, never the record.
std::string Processing(std::string_view kind, const ErasureReport& report,
                       std::string_view request_ref) {
  std::string processing = "erasure of 1 " + std::string(kind) + " record";
  if (report.occurrences > 0) {
    processing +=
        " and the " + std::to_string(report.occurrences) + " police_occurrences naming it";
  }
  if (report.pack_versions > 0) {
    processing += ", and of the values partners contributed to " +
                  core::Counted(report.pack_versions, "case pack version") + " about the person (" +
                  core::Counted(report.pack_values, "value") + ")";
  }
  return processing + ", on request " + std::string(request_ref);
}

}  // namespace

Result<ErasureReport> EraseRecord(store::Store& store, const ErasureRequest& erasure) {
  const RecordRequest& request = erasure.record;
  if (auto checked = CheckRecordRequest(request); !checked) return tl::unexpected(checked.error());
  const std::string_view kind = adapters::ExportKindName(request.kind);
  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  auto found = store.FindRecord(kind, request.ref);
  if (!found) return tl::unexpected(found.error());
  if (!found->has_value()) {
    return Fail(Code::kNotFound, "the store holds no " + std::string(kind) +
                                     " record with that reference; nothing was changed");
  }
  ErasureReport report;
  if (request.kind == adapters::ExportKind::kPoliceNominals) {
    auto referrals = panel::ReferralsNaming(store, request.ref);
    if (!referrals) return tl::unexpected(referrals.error());
    if (*referrals > 0 && !erasure.even_if_on_the_panel) {
      return Fail(Code::kPermissionDenied,
                  "the panel book at this node holds a case of this person (" +
                      std::to_string(*referrals) +
                      " referral(s)): erasing the nominal would leave the case without its "
                      "record, and the book keeps the reference; nothing was changed (give "
                      "--even-if-on-the-panel once the controller has decided so)");
    }
    auto naming = store.OccurrencesNaming(request.ref);
    if (!naming) return tl::unexpected(naming.error());
    auto gone = store.DeleteRecords(
        adapters::ExportKindName(adapters::ExportKind::kPoliceOccurrences), *naming);
    if (!gone) return tl::unexpected(gone.error());
    report.occurrences = *gone;
    if (*referrals > 0) {
      auto packs = panel::EraseSubjectPackValues(
          store, request.ref,
          {.erased_on = core::Date::DayOf(request.at), .request = request.request_ref});
      if (!packs) return tl::unexpected(packs.error());
      report.pack_versions = packs->versions;
      report.pack_values = packs->values;
    }
  }
  const std::array<std::string, 1> refs = {request.ref};
  auto deleted = store.DeleteRecords(kind, refs);
  if (!deleted) return tl::unexpected(deleted.error());
  auto entry =
      audit::EncodeLocalChange({.kind = audit::kErasureKind,
                                .processing = Processing(kind, report, request.request_ref),
                                .at = request.at});
  if (!entry) return tl::unexpected(entry.error());
  if (auto queued = store.QueueAuditEntry(*entry); !queued) return tl::unexpected(queued.error());
  if (auto committed = txn->Commit(); !committed) return tl::unexpected(committed.error());
  store.TruncateWal();
  return report;
}

}  // namespace tandem::node::importer
