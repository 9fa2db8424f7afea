// Placeholder until the synth command lands.
#include "node/cli/commands.h"

namespace tandem::node::cli {

void AddSynthCommand(CLI::App& app, CommandContext& ctx) {
  app.add_subcommand("synth", "(not yet available)")->callback([&ctx] { ctx.exit_code = 2; });
}

}  // namespace tandem::node::cli
