// Command-line options shared by the commands that open a node's store (import, store):
// --data-dir and --key-file, and how they become a store::KeyOptions. The passphrase is never
// an option: it comes from TANDEM_STORE_PASSPHRASE or a no-echo prompt on a terminal.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "node/store/data_dir.h"

namespace tandem::node::cli {

struct StoreOptions {
  std::string data_dir;
  std::string key_file;  // empty = passphrase
};

// Adds --data-dir (required) and --key-file to `command`.
void AddStoreOptions(CLI::App* command, StoreOptions& options);

// The key option, with notices (an interrupted key change finished or undone) going to stderr.
store::KeyOptions ToKeyOptions(const StoreOptions& options);

// Prints "tandem <command>: <message>" to stderr.
void PrintError(std::string_view command, std::string_view message);

}  // namespace tandem::node::cli
