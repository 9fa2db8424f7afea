// The `tandem` command line: each subcommand registers itself on the root CLI11 app.
// A command reports failure by setting `exit_code` and printing a message a person can act
// on to stderr; it never prints an identifier or a secret it did not read from the user.
#pragma once

#include <CLI/CLI.hpp>

namespace tandem::node::cli {

// Shared between main() and the subcommands' callbacks.
struct CommandContext {
  int exit_code = 0;
};

void AddSynthCommand(CLI::App& app, CommandContext& ctx);             // synth_command.cc
void AddImportCommand(CLI::App& app, CommandContext& ctx);            // import_command.cc
void AddStoreCommand(CLI::App& app, CommandContext& ctx);             // store_command.cc
void AddStoreRekeyCommand(CLI::App& store, CommandContext& ctx);      // store_rekey_command.cc
void AddStoreRestrictCommands(CLI::App& store, CommandContext& ctx);  // store_restrict_command.cc
void AddOprfCommand(CLI::App& app, CommandContext& ctx);              // oprf_command.cc
void AddLinkCommand(CLI::App& app, CommandContext& ctx);              // link_command.cc
void AddLinkThresholdsCommand(CLI::App& app, CommandContext& ctx);    // link_thresholds_command.cc
void AddLinkageQualityCommand(CLI::App& app, CommandContext& ctx);    // linkage_quality_command.cc
void AddIsaCommand(CLI::App& app, CommandContext& ctx);               // isa_command.cc
void AddIdentityCommand(CLI::App& app, CommandContext& ctx);          // identity_command.cc
void AddAuditCommand(CLI::App& app, CommandContext& ctx);             // audit_command.cc
void AddKeyCommand(CLI::App& app, CommandContext& ctx);               // key_command.cc
void AddKeyRefreshCommands(CLI::App& key, CommandContext& ctx);       // key_refresh_command.cc
void AddNodeCommand(CLI::App& app, CommandContext& ctx);              // node_command.cc
void AddEvalCommand(CLI::App& app, CommandContext& ctx);              // eval_command.cc

}  // namespace tandem::node::cli
