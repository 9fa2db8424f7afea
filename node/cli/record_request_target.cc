#include "node/cli/record_request_target.h"

#include <string>

#include "agency-adapters/record.h"
#include "protocol/timestamp.h"

namespace tandem::node::cli {

Result<OpenedRecordStore> OpenRecordStore(const StoreOptions& options) {
  const std::filesystem::path dir(options.data_dir);
  if (!store::HasStore(dir)) return Fail(Code::kNotFound, "there is no store in " + dir.string());
  auto key = store::ReadDataDirKey(dir, ToKeyOptions(options));
  if (!key) return tl::unexpected(key.error());
  OpenedRecordStore opened{.dir = dir, .key = std::move(*key), .store = nullptr};
  auto store = store::Store::Open(opened.dir / store::kStoreFileName, opened.key.key, {});
  if (!store) return tl::unexpected(store.error());
  opened.store = std::move(*store);
  return opened;
}

Result<RecordRequestTarget> OpenRecordRequestTarget(const RecordRequestOptions& options) {
  auto request = RecordRequestOption(options);
  if (!request) return tl::unexpected(request.error());
  auto opened = OpenRecordStore(options.store);
  if (!opened) return tl::unexpected(opened.error());
  return RecordRequestTarget{std::move(*request), std::move(*opened)};
}

Result<std::optional<std::vector<importer::Recipient>>> RecipientsBefore(
    const RecordRequestTarget& target, std::string_view change) {
  auto recipients = importer::RecipientsOfRecord(*target.opened.store, target.opened.AuditLog(),
                                                 adapters::ExportKindName(target.request.kind),
                                                 target.request.ref);
  if (!recipients) {
    return Fail(recipients.error().code,
                "the audit log could not be read for the partners to tell of the " +
                    std::string(change) +
                    ", so nothing was changed: " + recipients.error().message);
  }
  return recipients;
}

void PrintRecipients(std::ostream& out,
                     const std::optional<std::vector<importer::Recipient>>& recipients,
                     std::string_view change) {
  if (!recipients) {
    out << "This data directory holds no audit log, so it cannot say which partners were told "
           "about the person.\n";
    return;
  }
  if (recipients->empty()) {
    out << "The audit log names no exchange about the person: no partner to tell of the " << change
        << ".\n";
    return;
  }
  out << "Partners this node told about the person, to be told of the " << change
      << " (UK GDPR Art. 19, DPA 2018 s.48):\n";
  for (const importer::Recipient& recipient : *recipients) {
    out << "  " << recipient.node << ": " << recipient.exchanges
        << (recipient.exchanges == 1 ? " exchange" : " exchanges") << ", the last at "
        << protocol::FormatTimestamp(recipient.last).value_or("?") << "\n";
  }
}

}  // namespace tandem::node::cli
