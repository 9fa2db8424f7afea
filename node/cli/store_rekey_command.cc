// `tandem store rekey`: moves a node's store and audit log to a new key (node/store/rekey.h).
// The current key comes as for every store command; the new one from --new-key-file or a new
// passphrase (TANDEM_STORE_NEW_PASSPHRASE, or asked twice on a terminal), never the command
// line.
#include <iostream>
#include <memory>
#include <string>

#include "node/audit/local_entry.h"
#include "node/cli/commands.h"
#include "node/cli/store_options.h"
#include "node/store/passphrase.h"
#include "node/store/rekey.h"
#include "protocol/timestamp.h"

namespace tandem::node::cli {
namespace {

constexpr int kExitProblem = 1;

struct RekeyArgs {
  StoreOptions store;
  std::string new_key_file;  // empty = a new passphrase
};

const char* SourceName(store::KeySource source) {
  return source == store::KeySource::kKeyFile ? "a key file" : "a passphrase";
}

void RunRekey(const RekeyArgs& args, CommandContext& ctx) {
  store::KeyOptions replacement;
  if (!args.new_key_file.empty()) replacement.key_file = args.new_key_file;
  const store::KeyOptions current = ToKeyOptions(args.store);
  const std::string processing =
      std::string("change of the data directory's key, from ") +
      SourceName(current.key_file ? store::KeySource::kKeyFile : store::KeySource::kPassphrase) +
      " to " +
      SourceName(replacement.key_file ? store::KeySource::kKeyFile : store::KeySource::kPassphrase);
  auto entry = audit::EncodeLocalChange({.kind = audit::kKeyChangeKind,
                                         .processing = processing,
                                         .sha256_hex = "",
                                         .at = protocol::SystemNow()});
  if (!entry) {
    PrintError("store rekey", entry.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  auto done = store::RekeyDataDir(args.store.data_dir, current, replacement, *entry);
  if (!done) {
    PrintError("store rekey", done.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  std::cout << "Changed the key of " << args.store.data_dir << ":";
  for (const auto& database : done->databases) std::cout << " " << database;
  std::cout << " re-encrypted; it now opens with " << SourceName(done->to)
            << " (before: " << SourceName(done->from) << "), as store-key.json says.\n"
            << "Backups made before now still need the old key.\n";
}

}  // namespace

void AddStoreRekeyCommand(CLI::App& store, CommandContext& ctx) {
  auto args = std::make_shared<RekeyArgs>();
  CLI::App* rekey = store.add_subcommand(
      "rekey", "Re-encrypt the store and audit log under a new key (the node must be stopped)");
  AddStoreOptions(rekey, args->store);
  rekey->add_option("--new-key-file", args->new_key_file,
                    std::string("The new key file (32 raw bytes or 64 hex digits, mode 0600). "
                                "Without it the new passphrase is read from ") +
                        store::kNewPassphraseVariable + " or asked for twice on the terminal");
  rekey->footer(
      "The current key comes from --key-file or the passphrase, as for every store command. "
      "A crash leaves the old or the new key working, never neither; the next command finishes "
      "or undoes the change and says which. Exit status: 0 changed, 1 nothing changed.");
  rekey->callback([args, &ctx] { RunRekey(*args, ctx); });
}

}  // namespace tandem::node::cli
