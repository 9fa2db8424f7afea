// `tandem key ceremony | import-share | show`: the partnership OPRF key. The ceremony deals
// the key t-of-n to the named holders (a trusted dealer that wipes the key; run once, on an
// offline machine) and writes public-key.json and one share file per holder; a node imports
// its share into its encrypted store; `show` prints the public figures, never the share. The
// share refresh commands are in key_refresh_command.cc.
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/hex.h"
#include "node/cli/commands.h"
#include "node/cli/store_options.h"
#include "node/store/data_dir.h"
#include "node/tokens/key_ceremony.h"
#include "node/tokens/key_files.h"
#include "node/tokens/node_share.h"
#include "protocol/timestamp.h"

namespace tandem::node::cli {
namespace {

constexpr int kExitProblem = 1;

std::vector<std::string> SplitHolders(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(item);
  return out;
}

struct CeremonyArgs {
  std::uint32_t threshold = 3;
  std::string holders;
  std::string out;
};

void RunCeremony(const CeremonyArgs& args, CommandContext& ctx) {
  tokens::CeremonyOptions options;
  options.threshold = args.threshold;
  options.holders = SplitHolders(args.holders);
  options.out_dir = args.out;
  auto result = tokens::RunKeyCeremony(options);
  if (!result) {
    PrintError("key ceremony", result.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  std::cout << "Dealt a " << result->key.key.threshold() << "-of-" << result->key.key.holders()
            << " partnership OPRF key (epoch " << result->key.key.epoch()
            << "); the key itself was wiped.\n"
            << "  " << result->public_key_file.string() << "  (public: give it to every node)\n";
  for (std::size_t i = 0; i < result->share_files.size(); ++i) {
    std::cout << "  " << result->share_files[i].string() << "  (secret: only for "
              << result->key.names[i] << ", mode 0600)\n";
  }
  std::cout << "Hand each share file to its node by a private channel; each node runs\n"
               "  tandem key import-share --data-dir DIR --share FILE --delete\n"
               "Then delete every copy of the share files from this machine.\n";
}

struct ImportArgs {
  StoreOptions store;
  std::string share;
  bool remove = false;
};

void RunImport(const ImportArgs& args, CommandContext& ctx) {
  auto share = tokens::ReadShareFile(args.share);
  if (!share) {
    PrintError("key import-share", share.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  auto opened = store::OpenDataDir(args.store.data_dir, ToKeyOptions(args.store),
                                   store::DataDirOptions{.create_if_missing = true});
  if (!opened) {
    PrintError("key import-share", opened.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  auto now = protocol::FormatTimestamp(protocol::SystemNow());
  if (!now) {
    PrintError("key import-share", now.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  if (auto imported =
          tokens::ImportShare(*opened->store, *share, *now, tokens::ShareChange::kImport);
      !imported) {
    PrintError("key import-share", imported.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  std::cout << "Stored the OPRF key share of " << share->node << " (holder "
            << share->share.holder() << " of " << share->partnership.key.holders() << ", epoch "
            << share->share.epoch() << ") in the encrypted store.\n";
  if (args.remove) {
    std::error_code ec;
    if (!std::filesystem::remove(args.share, ec) || ec) {
      PrintError("key import-share", "the share is stored but " + args.share +
                                         " could not be deleted: " + ec.message() +
                                         "; delete it yourself");
      ctx.exit_code = kExitProblem;
      return;
    }
    std::cout << "Deleted " << args.share << ".\n";
  } else {
    std::cout << "Now delete " << args.share
              << " (and every copy of it): the store holds the share.\n";
  }
}

void RunShow(const StoreOptions& options, CommandContext& ctx) {
  auto opened = store::OpenDataDir(options.data_dir, ToKeyOptions(options), {});
  if (!opened) {
    PrintError("key show", opened.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  auto loaded = tokens::LoadNodeShare(*opened->store);
  if (!loaded) {
    PrintError("key show", loaded.error().message);
    ctx.exit_code = kExitProblem;
    return;
  }
  if (!*loaded) {
    PrintError("key show",
               "this node holds no OPRF key share; import one with tandem key import-share");
    ctx.exit_code = kExitProblem;
    return;
  }
  const auto& s = **loaded;
  const auto& key = s.partnership.key;
  std::cout << "node " << s.node << ": holder " << s.share.holder() << " of " << key.holders()
            << ", threshold " << key.threshold() << ", epoch " << key.epoch() << " ("
            << s.partnership.dealing << "), imported " << s.imported_at << "\n"
            << "group public key " << crypto::EncodeHex(key.group_public_key()) << "\n"
            << "public shares:\n";
  for (std::uint32_t i = 1; i <= key.holders(); ++i) {
    std::cout << "  " << i << " " << s.partnership.names[i - 1] << " "
              << crypto::EncodeHex(key.public_shares()[i - 1])
              << (i == s.share.holder() ? "  (this node)" : "") << "\n";
  }
}

}  // namespace

void AddKeyCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* key =
      app.add_subcommand("key", "The partnership OPRF key: ceremony, import, show, share refresh");
  key->require_subcommand(1);

  auto ceremony_args = std::make_shared<CeremonyArgs>();
  CLI::App* ceremony = key->add_subcommand(
      "ceremony",
      "Deal the partnership OPRF key t-of-n (trusted dealer that wipes the key; run once on an "
      "offline machine) and write public-key.json and one share file per holder");
  ceremony->add_option("--threshold", ceremony_args->threshold, "Holders needed to evaluate")
      ->required();
  ceremony
      ->add_option("--holders", ceremony_args->holders,
                   "Node ids of the holders, comma-separated, in holder order")
      ->required();
  ceremony->add_option("--out", ceremony_args->out, "New or empty directory for the files")
      ->required();
  ceremony->callback([ceremony_args, &ctx] { RunCeremony(*ceremony_args, ctx); });

  auto import_args = std::make_shared<ImportArgs>();
  CLI::App* import_share = key->add_subcommand(
      "import-share", "Store this node's OPRF key share (from the ceremony) in its store");
  AddStoreOptions(import_share, import_args->store);
  import_share->add_option("--share", import_args->share, "The share-<node>.json file")->required();
  import_share->add_flag("--delete", import_args->remove, "Delete the share file once stored");
  import_share->callback([import_args, &ctx] { RunImport(*import_args, ctx); });

  auto show_args = std::make_shared<StoreOptions>();
  CLI::App* show =
      key->add_subcommand("show", "Print this node's holder index, epoch and the public key");
  AddStoreOptions(show, *show_args);
  show->callback([show_args, &ctx] { RunShow(*show_args, ctx); });

  AddKeyRefreshCommands(*key, ctx);
}

}  // namespace tandem::node::cli
