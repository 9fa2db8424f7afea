// Placeholder until the oprf command lands.
#include "node/cli/commands.h"

namespace tandem::node::cli {

void AddOprfCommand(CLI::App& app, CommandContext& ctx) {
  app.add_subcommand("oprf", "(not yet available)")->callback([&ctx] { ctx.exit_code = 2; });
}

}  // namespace tandem::node::cli
