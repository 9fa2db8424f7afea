// `tandem identity init --out FILE`: makes a new Ed25519 identity key (never overwriting one)
// and prints its public key; `tandem identity show --key FILE`: prints the public key of an
// existing key file. The public key (64 hex digits) is what the ISA lists as signing_key.
#include <iostream>
#include <memory>
#include <string>

#include "node/cli/commands.h"
#include "node/identity_key.h"

namespace tandem::node::cli {
namespace {

struct IdentityOptions {
  std::string out;
  std::string key;
};

int RunInit(const IdentityOptions& options) {
  auto key = crypto::SigningKey::Generate();
  if (!key) {
    std::cerr << "tandem identity init: " << key.error().message << "\n";
    return 1;
  }
  if (auto st = WriteIdentityKey(options.out, *key); !st) {
    std::cerr << "tandem identity init: " << st.error().message << "\n";
    return 1;
  }
  std::cout << key->verifying_key().Hex() << "\n";
  return 0;
}

int RunShow(const IdentityOptions& options) {
  auto key = ReadIdentityKey(options.key);
  if (!key) {
    std::cerr << "tandem identity show: " << key.error().message << "\n";
    return 1;
  }
  std::cout << key->verifying_key().Hex() << "\n";
  return 0;
}

}  // namespace

void AddIdentityCommand(CLI::App& app, CommandContext& ctx) {
  auto* identity = app.add_subcommand("identity", "The node's Ed25519 identity key");
  identity->require_subcommand(1);
  auto options = std::make_shared<IdentityOptions>();

  auto* init = identity->add_subcommand(
      "init", "Create a new identity key file (mode 0600) and print its public key");
  init->add_option("--out", options->out, "the key file to create (must not exist)")->required();
  init->callback([&ctx, options] { ctx.exit_code = RunInit(*options); });

  auto* show = identity->add_subcommand("show", "Print the public key of an identity key file");
  show->add_option("--key", options->key, "the identity key file")->required();
  show->callback([&ctx, options] { ctx.exit_code = RunShow(*options); });
}

}  // namespace tandem::node::cli
