// Placeholder until the import command lands.
#include "node/cli/commands.h"

namespace tandem::node::cli {

void AddImportCommand(CLI::App& app, CommandContext& ctx) {
  app.add_subcommand("import", "(not yet available)")->callback([&ctx] { ctx.exit_code = 2; });
}

}  // namespace tandem::node::cli
