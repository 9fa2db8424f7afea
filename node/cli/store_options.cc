#include "node/cli/store_options.h"

#include <iostream>

#include "node/store/passphrase.h"
#include "protocol/timestamp.h"

namespace tandem::node::cli {

void AddStoreOptions(CLI::App* command, StoreOptions& options) {
  command
      ->add_option("--data-dir", options.data_dir,
                   "The node's data directory: the encrypted store and its key parameters")
      ->required();
  command->add_option("--key-file", options.key_file,
                      std::string("Open the store with this key file (32 raw bytes or 64 hex "
                                  "digits, mode 0600) instead of a passphrase. Without it the "
                                  "passphrase is read from ") +
                          store::kPassphraseVariable + " or asked for on the terminal");
}

store::KeyOptions ToKeyOptions(const StoreOptions& options) {
  store::KeyOptions key;
  if (!options.key_file.empty()) key.key_file = options.key_file;
  key.notice = [](std::string_view message) { std::cerr << "tandem: " << message << "\n"; };
  return key;
}

void AddRecordRequestOptions(CLI::App* command, RecordRequestOptions& options,
                             const std::string& request_help) {
  AddStoreOptions(command, options.store);
  command->add_option("--export", options.export_kind, "export kind, e.g. police_nominals")
      ->required();
  command->add_option("--ref", options.ref, "the record's reference in its export")->required();
  command->add_option("--request", options.request, request_help)->required();
}

Result<importer::RecordRequest> RecordRequestOption(const RecordRequestOptions& options) {
  const auto kind = adapters::ExportKindFromName(options.export_kind);
  if (!kind) {
    return Fail(Code::kInvalidArgument, "--export '" + options.export_kind +
                                            "' is not an export kind (" +
                                            adapters::ExportKindNames() + ")");
  }
  return importer::RecordRequest{.kind = *kind,
                                 .ref = options.ref,
                                 .request_ref = options.request,
                                 .at = protocol::SystemNow()};
}

void PrintError(std::string_view command, std::string_view message) {
  std::cerr << "tandem " << command << ": " << message << "\n";
}

}  // namespace tandem::node::cli
