// Entry point of the `tandem` executable: parses the command line and runs one subcommand.
#include <CLI/CLI.hpp>

#include "node/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Tandem: privacy-preserving data sharing for high harm perpetrator panels",
               "tandem"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tandem 0.1.0");

  tandem::node::cli::CommandContext ctx;
  tandem::node::cli::AddSynthCommand(app, ctx);
  tandem::node::cli::AddImportCommand(app, ctx);
  tandem::node::cli::AddStoreCommand(app, ctx);
  tandem::node::cli::AddOprfCommand(app, ctx);

  CLI11_PARSE(app, argc, argv);
  return ctx.exit_code;
}
