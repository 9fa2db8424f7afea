// The panel journal: every accepted command of the coordinator's panel book (refer, triage,
// ranking run, plan meeting, decide, review, action added / completed, plan agreed,
// intervention recorded, case closed, monitoring return, catalogue extended, offender manager
// allocated) is one entry of kind `panel-command` in the store's append-only panel_journal. The
// book, the ranking history and the triage summaries are rebuilt at start by replaying the entries
// in order.
//
// A command is {"command": "<name>", "args": {...}}; ApplyCommand is the one place a command
// changes the state, so the live path and the replay are the same code. Commands carry the
// results of anything read from outside the book (the triage assessment, the ranking run, the
// occurrences behind a monitoring return), so replaying never reads the store's records and
// gives the same book whatever was imported since. Pure functions; PanelState is
// thread-compatible.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/panel/case_pack.h"
#include "core/panel/panel_book.h"
#include "core/panel/ranking.h"
#include "core/result.h"
#include "node/panel/panel_json.h"
#include "node/store/store.h"

namespace tandem::node::panel {

inline constexpr char kPanelCommandKind[] = "panel-command";

// What the journal rebuilds.
struct PanelState {
  core::panel::PanelBook book;
  core::panel::RankingHistory ranking;
  std::map<std::string, core::panel::PackTriage> triage;  // the latest triage of each case
};

struct PanelCommand {
  std::string name;  // "refer", "triage", "ranking-run", ...
  Json args;         // an object; its members are the command's (docs/panel.md)
};

// The command's JSON text, as the journal stores it.
std::string EncodeCommand(const PanelCommand& command);

// A journal body as a command. kInvalidArgument when it is not a JSON object
// {"command": <known name>, "args": {...}}.
Result<PanelCommand> DecodeCommand(std::string_view body);

// Whether the command changes the ranking history (the service copies only what a command
// changes before applying it).
bool ChangesRanking(std::string_view command_name);

// Applies `command` to `state` and returns what it produced (a referral receipt, an action id,
// a monitoring return; {} when nothing). On an error the state may be partly changed: apply to
// a copy when it must stay as it was. Errors: kInvalidArgument naming the member for malformed
// arguments; the book's errors (kNotFound, kInvalidArgument) for a refused command.
Result<Json> ApplyCommand(const PanelCommand& command, PanelState& state);

// Rebuilds a state from the `panel-command` entries of `store`, starting from an empty book of
// `config`. kCorruption "panel journal entry <id>: ..." for an entry that does not decode or
// that the book refuses (the journal only holds accepted commands, so either is damage);
// kInvalidArgument for an invalid configuration; the store's errors.
Result<PanelState> ReplayJournal(store::Store& store, core::panel::PanelConfig config);

// How many `refer` commands of the journal in `store` name `subject_key` (a police nominal's
// reference): whether the panel book at this node holds a case of that person. kCorruption
// "panel journal entry <id>: ..." for an entry that does not decode; the store's errors.
Result<int> ReferralsNaming(store::Store& store, std::string_view subject_key);

// The error for a journal entry that does not read: kCorruption, "panel journal entry N: what".
tl::unexpected<Error> DamagedEntry(const store::JournalEntry& entry, std::string_view what);

}  // namespace tandem::node::panel
