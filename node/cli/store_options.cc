#include "node/cli/store_options.h"

#include <iostream>

#include "node/store/passphrase.h"

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

void PrintError(std::string_view command, std::string_view message) {
  std::cerr << "tandem " << command << ": " << message << "\n";
}

}  // namespace tandem::node::cli
