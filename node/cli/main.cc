// Entry point of the `tandem` executable: parses the command line and runs one subcommand.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "node/cli/commands.h"
#include "node/process_hardening.h"

int main(int argc, char** argv) {
  // Before anything reads a key or an identifier: no core dumps, no ptrace by the same user.
  if (auto hardened = tandem::node::HardenProcess(); !hardened) {
    (void)std::fprintf(stderr, "tandem: warning: %s\n", hardened.error().message.c_str());
  }

  CLI::App app{"Tandem: privacy-preserving data sharing for high harm perpetrator panels",
               "tandem"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tandem 0.1.0");

  tandem::node::cli::CommandContext ctx;
  tandem::node::cli::AddSynthCommand(app, ctx);
  tandem::node::cli::AddImportCommand(app, ctx);
  tandem::node::cli::AddStoreCommand(app, ctx);
  tandem::node::cli::AddOprfCommand(app, ctx);
  tandem::node::cli::AddLinkCommand(app, ctx);
  tandem::node::cli::AddLinkThresholdsCommand(app, ctx);
  tandem::node::cli::AddLinkageQualityCommand(app, ctx);
  tandem::node::cli::AddKeyCommand(app, ctx);
  tandem::node::cli::AddIsaCommand(app, ctx);
  tandem::node::cli::AddIdentityCommand(app, ctx);
  tandem::node::cli::AddAuditCommand(app, ctx);
  tandem::node::cli::AddNodeCommand(app, ctx);
  tandem::node::cli::AddEvalCommand(app, ctx);

  // CLI11 would only say that a subcommand is required; name the word it did not know.
  if (argc > 1 && argv[1][0] != '-') {
    const auto known = app.get_subcommands([&](CLI::App* sub) { return sub->check_name(argv[1]); });
    if (known.empty()) {
      (void)std::fprintf(stderr, "tandem: unknown command '%s'; run 'tandem --help' for the list\n",
                         argv[1]);
      return 2;
    }
  }

  CLI11_PARSE(app, argc, argv);
  return ctx.exit_code;
}
