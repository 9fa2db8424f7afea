// What the commands about one record on a data subject's request share (`store erase`,
// `restrict`, `subject-access`): the data directory opened with its key, so that both the store
// and the audit log can be read, and the recipients a change must be told to.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/cli/store_options.h"
#include "node/importer/record_recipients.h"
#include "node/importer/record_request.h"
#include "node/store/data_dir.h"
#include "node/store/store.h"

namespace tandem::node::cli {

// A data directory's existing store, opened. `key` holds the opener lock for as long as the
// store is open (the store is declared after it, so it closes first).
struct OpenedRecordStore {
  std::filesystem::path dir;
  store::DataDirKey key;
  std::unique_ptr<store::Store> store;

  // The directory's audit log, keyed as the store is.
  importer::AuditLogFile AuditLog() const {
    return {.path = dir / store::kAuditDatabaseFileName, .key = &key.key};
  }
};

// kNotFound when the directory holds no store; otherwise the errors of ReadDataDirKey and
// Store::Open (a wrong key among them).
Result<OpenedRecordStore> OpenRecordStore(const StoreOptions& options);

// What `store erase` and `store restrict` work on.
struct RecordRequestTarget {
  importer::RecordRequest request;
  OpenedRecordStore opened;
};
// RecordRequestOption, then OpenRecordStore; their errors.
Result<RecordRequestTarget> OpenRecordRequestTarget(const RecordRequestOptions& options);

// The partners the target's record was told to, read before `change` (an "erasure", a
// "restriction") alters it; nullopt when the directory holds no audit log. Errors of the reads,
// prefixed so that the caller can say nothing was changed.
Result<std::optional<std::vector<importer::Recipient>>> RecipientsBefore(
    const RecordRequestTarget& target, std::string_view change);

// Tells the operator whom to notify of `change` (UK GDPR Art. 19, DPA 2018 s.48): one line per
// recipient with its exchanges and the last, or that there is none, or that no log was read.
void PrintRecipients(std::ostream& out,
                     const std::optional<std::vector<importer::Recipient>>& recipients,
                     std::string_view change);

}  // namespace tandem::node::cli
