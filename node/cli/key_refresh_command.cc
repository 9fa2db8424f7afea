// `tandem key refresh-deal | refresh-apply [--check]`: a proactive refresh of the partnership
// OPRF key's shares (docs/oprf.md, "Rotation"). Each holder deals a refresh file; once the files
// of every holder are gathered in one folder, each holder checks the round and reports the
// fingerprint of the new public key; when every check passed with the same fingerprint, each
// holder applies the round to the share in its store.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "node/cli/commands.h"
#include "node/cli/store_options.h"
#include "node/identity_key.h"
#include "node/isa/isa_installer.h"
#include "node/store/atomic_file.h"
#include "node/store/data_dir.h"
#include "node/tokens/refresh_dealing.h"
#include "node/tokens/refresh_round.h"
#include "protocol/timestamp.h"

namespace tandem::node::cli {
namespace {

constexpr int kExitProblem = 1;
constexpr std::uintmax_t kMaxDealingBytes = 1 << 20;

// What both commands need from the data directory: the stored share, the identity key (checked
// against the ISA) and the holders' identity keys from the ISA.
struct Holder {
  std::unique_ptr<store::Store> store;
  tokens::NodeShare share;
  crypto::SigningKey identity;
  std::vector<crypto::VerifyingKey> holder_keys;
};

Result<Holder> OpenHolder(const StoreOptions& options) {
  const std::filesystem::path dir = options.data_dir;
  auto opened = store::OpenDataDir(dir, ToKeyOptions(options), {});
  if (!opened) return tl::unexpected(opened.error());
  auto share = tokens::LoadNodeShare(*opened->store);
  if (!share) return tl::unexpected(share.error());
  if (!*share) {
    return Fail(Code::kNotFound,
                "this node holds no OPRF key share; import one with tandem key import-share");
  }
  auto identity = ReadIdentityKey(dir / kIdentityKeyFileName);
  if (!identity) return Fail(identity.error().code, "identity key: " + identity.error().message);
  auto isa = isa::IsaInstaller::Load(dir);
  if (!isa) return Fail(isa.error().code, "the installed ISA: " + isa.error().message);
  auto keys = tokens::HolderIdentityKeys((*share)->partnership, *isa);
  if (!keys) return tl::unexpected(keys.error());
  if ((*keys)[(*share)->share.holder() - 1] != identity->verifying_key()) {
    return Fail(Code::kPermissionDenied,
                "identity.key is not the key the ISA lists for '" + (*share)->node + "'");
  }
  return Holder{std::move(opened->store), std::move(**share), std::move(*identity),
                std::move(*keys)};
}

struct DealArgs {
  StoreOptions store;
  std::string out;
};

void RunDeal(const DealArgs& args, CommandContext& ctx) {
  const auto fail = [&ctx](std::string_view message) {
    PrintError("key refresh-deal", message);
    ctx.exit_code = kExitProblem;
  };
  auto holder = OpenHolder(args.store);
  if (!holder) return fail(holder.error().message);
  const auto& key = holder->share.partnership;
  const std::filesystem::path path =
      std::filesystem::path(args.out) /
      tokens::RefreshDealingFileName(key.key.epoch(), holder->share.node);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return fail(path.string() +
                " exists: this node has dealt this round already, and a second, different "
                "dealing would split the round; hand out that file");
  }
  auto text =
      tokens::DealRefreshFile(key, holder->share.node, holder->holder_keys, holder->identity);
  if (!text) return fail(text.error().message);
  if (auto written = store::WriteFileAtomically(path, *text, 0644); !written) {
    return fail(written.error().message);
  }
  std::cout << "Dealt " << holder->share.node << "'s refresh of epoch " << key.key.epoch() << " to "
            << path.string() << "\n"
            << "  (signed; each sub-share in it is sealed to its holder's identity key, so it may\n"
               "  travel by any channel). Gather the files of all "
            << key.key.holders() << " holders in one folder; each holder then runs\n"
            << "  tandem key refresh-apply --data-dir DIR --dealings FOLDER\n";
}

// The dealing files for `epoch` in `folder`, as text.
Result<std::vector<std::string>> ReadDealings(const std::filesystem::path& folder,
                                              std::uint32_t epoch) {
  const std::string prefix = "refresh-" + std::to_string(epoch) + "-";
  std::error_code ec;
  std::filesystem::directory_iterator it(folder, ec);
  if (ec) return Fail(Code::kNotFound, "cannot read the folder " + folder.string());
  std::vector<std::filesystem::path> paths;
  bool other_epochs = false;
  for (const auto& entry : it) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".json")) {
      paths.push_back(entry.path());
    } else if (name.starts_with("refresh-")) {
      other_epochs = true;
    }
  }
  if (paths.empty()) {
    return Fail(Code::kNotFound,
                "no dealing of epoch " + std::to_string(epoch) + " (" + prefix +
                    "<node>.json) in " + folder.string() + ", and this node's share is of epoch " +
                    std::to_string(epoch) +
                    (other_epochs ? "; the dealings there are of another round (already applied "
                                    "here, if of an earlier epoch)"
                                  : ""));
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& path : paths) {
    if (!std::filesystem::is_regular_file(path, ec) ||
        std::filesystem::file_size(path, ec) > kMaxDealingBytes || ec) {
      return Fail(Code::kInvalidArgument,
                  path.string() + " is not a dealing file (not a regular file, or over 1 MiB)");
    }
    std::ifstream in(path, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof()) return Fail(Code::kUnavailable, "cannot read " + path.string());
    texts.push_back(std::move(text));
  }
  return texts;
}

struct ApplyArgs {
  StoreOptions store;
  std::string dealings;
  bool check = false;
};

void RunApply(const ApplyArgs& args, CommandContext& ctx) {
  const auto fail = [&ctx](std::string_view message) {
    PrintError("key refresh-apply", std::string(message) + "; nothing was changed");
    ctx.exit_code = kExitProblem;
  };
  auto holder = OpenHolder(args.store);
  if (!holder) return fail(holder.error().message);
  const std::uint32_t epoch = holder->share.partnership.key.epoch();
  auto texts = ReadDealings(args.dealings, epoch);
  if (!texts) return fail(texts.error().message);
  const auto dealers = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += " " + name;
    return out;
  };
  if (args.check) {
    auto checked =
        tokens::CheckRefreshRound(holder->share, *texts, holder->holder_keys, holder->identity);
    if (!checked) return fail(checked.error().message);
    std::cout << "The refresh round of epoch " << epoch << " checks out for " << holder->share.node
              << " (dealings of" << dealers(checked->summary.dealers) << "); nothing was changed.\n"
              << "New public key fingerprint (SHA-256): " << checked->summary.public_key_sha256
              << "\nApply the round only when every holder's check passed with this "
                 "fingerprint.\n";
    return;
  }
  auto now = protocol::FormatTimestamp(protocol::SystemNow());
  if (!now) return fail(now.error().message);
  auto applied = tokens::ApplyRefreshRound(*holder->store, holder->share, *texts,
                                           holder->holder_keys, holder->identity, *now);
  if (!applied) return fail(applied.error().message);
  std::cout << "Refreshed " << holder->share.node << "'s OPRF key share: epoch " << epoch << " -> "
            << applied->epoch << ", from the dealings of" << dealers(applied->dealers)
            << ".\nThe old share is overwritten; tokens do not change.\n"
            << "New public key fingerprint (SHA-256): " << applied->public_key_sha256 << "\n"
            << "Restart the node to use the new share; until every holder has, partial\n"
               "evaluations between holders of different epochs are refused.\n";
}

}  // namespace

void AddKeyRefreshCommands(CLI::App& key, CommandContext& ctx) {
  auto deal_args = std::make_shared<DealArgs>();
  CLI::App* deal = key.add_subcommand(
      "refresh-deal",
      "Deal this holder's part of a share refresh round: a signed file with sub-shares sealed "
      "to each holder");
  AddStoreOptions(deal, deal_args->store);
  deal->add_option("--out", deal_args->out, "Folder for refresh-<epoch>-<node>.json")
      ->required()
      ->check(CLI::ExistingDirectory);
  deal->callback([deal_args, &ctx] { RunDeal(*deal_args, ctx); });

  auto apply_args = std::make_shared<ApplyArgs>();
  CLI::App* apply = key.add_subcommand(
      "refresh-apply",
      "Apply a refresh round (the dealing files of every holder) to this node's share");
  AddStoreOptions(apply, apply_args->store);
  apply->add_option("--dealings", apply_args->dealings, "Folder holding every holder's dealing")
      ->required();
  apply->add_flag("--check", apply_args->check,
                  "Check the round and print the new public key's fingerprint; change nothing");
  apply->callback([apply_args, &ctx] { RunApply(*apply_args, ctx); });
}

}  // namespace tandem::node::cli
