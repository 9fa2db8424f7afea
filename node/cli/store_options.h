// Command-line options shared by the commands that open a node's store (import, store):
// --data-dir and --key-file, and how they become a store::KeyOptions; the options naming one
// record on request. The passphrase is never an option: it comes from TANDEM_STORE_PASSPHRASE
// or a no-echo prompt on a terminal.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/result.h"
#include "node/importer/record_request.h"
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

// What the commands about one record on a data subject's request take (`store erase`,
// `subject-access`, `restrict`): the store, the record and the controller's reference for the
// request.
struct RecordRequestOptions {
  StoreOptions store;
  std::string export_kind;
  std::string ref;
  std::string request;
};

// Adds the store options, --export, --ref and --request (described by `request_help`), all
// required but --key-file.
void AddRecordRequestOptions(CLI::App* command, RecordRequestOptions& options,
                             const std::string& request_help);

// The request the options name, made now; kInvalidArgument for an --export that names no export
// kind, saying which kinds there are.
Result<importer::RecordRequest> RecordRequestOption(const RecordRequestOptions& options);

// Prints "tandem <command>: <message>" to stderr.
void PrintError(std::string_view command, std::string_view message);

}  // namespace tandem::node::cli
