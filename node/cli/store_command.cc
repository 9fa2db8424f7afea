// Placeholder until the store command lands.
#include "node/cli/commands.h"

namespace tandem::node::cli {

void AddStoreCommand(CLI::App& app, CommandContext& ctx) {
  app.add_subcommand("store", "(not yet available)")->callback([&ctx] { ctx.exit_code = 2; });
}

}  // namespace tandem::node::cli
