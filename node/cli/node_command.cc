// `tandem node`: set up and run a node.
//   node init --data-dir D --node-id ID [--key-file F]   store, audit log and identity key;
//                                                       prints the identity public key
//   node run --config FILE                              serves until SIGINT or SIGTERM;
//                                                       SIGHUP re-reads the installed ISA
//   node user add --data-dir D --name N --role R        issues an API token (printed once)
//   node user revoke --data-dir D --name N
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "node/cli/commands.h"
#include "node/cli/store_options.h"
#include "node/exchange/api_tokens.h"
#include "node/identity_key.h"
#include "node/runtime/node.h"

namespace tandem::node::cli {
namespace {

constexpr std::string_view kName = "node";

struct NodeArgs {
  StoreOptions store;
  std::string node_id;
  std::string config;
  std::string user;
  std::string role;
};

int RunInit(const NodeArgs& args) {
  if (auto id = protocol::NodeId::Create(args.node_id); !id) {
    PrintError(kName, "--node-id: " + id.error().message);
    return 1;
  }
  store::DataDirOptions options;
  options.create_if_missing = true;
  auto opened = store::OpenDataDir(args.store.data_dir, ToKeyOptions(args.store), options);
  if (!opened) {
    PrintError(kName, opened.error().message);
    return 1;
  }
  const std::filesystem::path key_path =
      std::filesystem::path(args.store.data_dir) / kIdentityKeyFileName;
  auto existing = ReadIdentityKey(key_path);
  if (existing) {
    std::cout << existing->verifying_key().Hex() << "\n";
    return 0;
  }
  if (existing.error().code != Code::kNotFound) {
    PrintError(kName, existing.error().message);
    return 1;
  }
  auto key = crypto::SigningKey::Generate();
  if (!key) {
    PrintError(kName, key.error().message);
    return 1;
  }
  if (auto written = WriteIdentityKey(key_path, *key); !written) {
    PrintError(kName, written.error().message);
    return 1;
  }
  std::cout << key->verifying_key().Hex() << "\n";
  return 0;
}

int RunNode(const NodeArgs& args) {
  auto config = runtime::LoadNodeConfig(args.config);
  if (!config) {
    PrintError(kName, config.error().message);
    return 1;
  }
  // Block the stop signals before any thread starts, so that only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);  // not a stop: re-read the installed ISA
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  runtime::NodeOptions options;
  options.notice = [](std::string_view text) { std::cout << "tandem node: " << text << std::endl; };
  auto node = runtime::Node::Start(*config, std::move(options));
  if (!node) {
    PrintError(kName, node.error().message);
    return 1;
  }
  std::cout << "tandem node '" << (*node)->id() << "': peers on port " << (*node)->peer_port()
            << ", local users on port " << (*node)->local_port() << std::endl;
  int received = 0;
  while (sigwait(&stop_signals, &received) == 0 && received == SIGHUP) {
    auto reloaded = (*node)->ReloadIsa();
    if (reloaded) {
      std::cout << "tandem node '" << (*node)->id() << "': ISA '" << reloaded->id << "' version "
                << reloaded->version << " in force (was version " << reloaded->replaced_version
                << ")" << std::endl;
    } else {
      PrintError(kName, reloaded.error().message);
    }
  }
  (*node)->Stop();
  std::cout << "tandem node '" << (*node)->id() << "': stopped" << std::endl;
  return 0;
}

int RunUserAdd(const NodeArgs& args) {
  auto role = exchange::ParseRole(args.role);
  if (!role) {
    PrintError(kName, role.error().message);
    return 1;
  }
  auto token = exchange::ApiTokens::Issue(args.store.data_dir, args.user, *role);
  if (!token) {
    PrintError(kName, token.error().message);
    return 1;
  }
  std::cout << *token << "\n";
  std::cerr << "This token is shown once; the node keeps only its hash. Restart the node to "
               "use it.\n";
  return 0;
}

int RunUserRevoke(const NodeArgs& args) {
  if (auto revoked = exchange::ApiTokens::Revoke(args.store.data_dir, args.user); !revoked) {
    PrintError(kName, revoked.error().message);
    return 1;
  }
  return 0;
}

}  // namespace

void AddNodeCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<NodeArgs>();
  CLI::App* node = app.add_subcommand(std::string(kName), "Set up and run a Tandem node");
  node->require_subcommand(1);

  CLI::App* init = node->add_subcommand(
      "init", "Create the node's store and identity key; print the identity public key");
  AddStoreOptions(init, args->store);
  init->add_option("--node-id", args->node_id, "This node's id in the ISA")->required();
  init->callback([&ctx, args] { ctx.exit_code = RunInit(*args); });

  CLI::App* run = node->add_subcommand("run", "Serve peers and local users until stopped");
  run->add_option("--config", args->config, "Node configuration (TOML)")
      ->required()
      ->check(CLI::ExistingFile);
  run->callback([&ctx, args] { ctx.exit_code = RunNode(*args); });

  CLI::App* user = node->add_subcommand("user", "API tokens of the node's users");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand("add", "Issue a token for a new user (printed once)");
  add->add_option("--data-dir", args->store.data_dir, "The node's data directory")->required();
  add->add_option("--name", args->user, "User name")->required();
  add->add_option("--role", args->role, "coordinator, contributor, dpo, evaluator or admin")
      ->required();
  add->callback([&ctx, args] { ctx.exit_code = RunUserAdd(*args); });
  CLI::App* revoke = user->add_subcommand("revoke", "Revoke a user's token");
  revoke->add_option("--data-dir", args->store.data_dir, "The node's data directory")->required();
  revoke->add_option("--name", args->user, "User name")->required();
  revoke->callback([&ctx, args] { ctx.exit_code = RunUserRevoke(*args); });
}

}  // namespace tandem::node::cli
