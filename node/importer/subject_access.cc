#include "node/importer/subject_access.h"

#include <algorithm>
#include <array>
#include <functional>
#include <set>
#include <vector>

#include "node/audit/export_rows.h"
#include "node/audit/local_entry.h"
#include "node/panel/delivered_interventions.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_journal.h"
#include "node/panel/panel_json.h"

namespace tandem::node::importer {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 2> kNotes = {
    "For the data protection officer, to review before anything is disclosed: this copy holds "
    "third parties' data (victims named in occurrences, referrers, what partners contributed "
    "to case packs), to which the exemptions and restrictions of the Data Protection Act 2018 "
    "apply (s.45(4) for law-enforcement processing).",
    "Exchanges are the entries of this node's audit log that name the person by one of the "
    "record's current match tokens (the log names no one otherwise): an exchange made under "
    "tokens the record no longer has (before its identity changed or the partnership's key was "
    "replaced) is not found this way. Not in this copy: the tokens themselves, which no one can "
    "read back without the partnership's key, and what other agencies hold, which each agency "
    "answers for itself."};

Result<json> ParseStored(std::string_view text, const std::string& what) {
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return Fail(Code::kCorruption, what + " does not read as JSON");
  return parsed;
}

Result<json> RecordJson(const store::StoredRecord& record) {
  auto fields = ParseStored(record.fields, "a stored record's fields");
  if (!fields) return tl::unexpected(fields.error());
  json out = {{"export", record.export_kind}, {"ref", record.ref}, {"fields", *fields}};
  if (!record.identity.empty()) {
    auto identity = ParseStored(record.identity, "a stored record's identity");
    if (!identity) return tl::unexpected(identity.error());
    out["normalised_identity"] = *identity;
  }
  return out;
}

// Calls `keep` with each journal entry of `kind` read as JSON; the entries it accepts are
// returned with their id and time.
Result<json> JournalEntries(store::Store& store, std::string_view kind,
                            const std::function<bool(const json&)>& keep,
                            const std::string& member) {
  json kept = json::array();
  const std::array<std::string_view, 1> kinds = {kind};
  auto read = store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto body = ParseStored(entry.body, "journal entry " + std::to_string(entry.id));
    if (!body) return tl::unexpected(body.error());
    if (!body->is_object()) {
      return Fail(Code::kCorruption,
                  "journal entry " + std::to_string(entry.id) + " is not a JSON object");
    }
    if (keep(*body)) {
      kept.push_back(
          {{"journal_entry", entry.id}, {"recorded_at", entry.recorded_at}, {member, *body}});
    }
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return kept;
}

bool Names(const json& body, const char* member, std::string_view value) {
  const auto found = body.find(member);
  return found != body.end() && found->is_string() && found->get<std::string>() == value;
}

// `entries` as `tandem audit export --format json` gives them.
Result<json> ExchangesJson(std::span<const audit::StoredEntry> entries) {
  json out = json::array();
  for (const audit::StoredEntry& row : entries) {
    auto text = audit::EntryJson(row);
    if (!text) return tl::unexpected(text.error());
    auto entry = ParseStored(*text, "audit log entry " + std::to_string(row.index));
    if (!entry) return tl::unexpected(entry.error());
    out.push_back(std::move(*entry));
  }
  return out;
}

Result<json> RecipientsJson(std::span<const Recipient> recipients) {
  json out = json::array();
  for (const Recipient& recipient : recipients) {
    auto last = protocol::FormatTimestamp(recipient.last);
    if (!last) return tl::unexpected(last.error());
    out.push_back({{"node", recipient.node}, {"exchanges", recipient.exchanges}, {"last", *last}});
  }
  return out;
}

// The panel book's cases of `subject`, its entries in the ranking runs, and the case-pack
// versions of those cases.
Result<json> PanelPart(store::Store& store, const std::string& subject) {
  auto state = panel::ReplayJournal(store, {});
  if (!state) return tl::unexpected(state.error());
  json cases = json::array();
  std::set<std::string> case_ids;
  for (const auto& c : state->book.cases()) {
    if (c.subject_key != subject) continue;
    const auto triage = state->triage.find(c.id);
    cases.push_back(panel::CaseToJson(state->book, c,
                                      triage == state->triage.end() ? nullptr : &triage->second));
    case_ids.insert(c.id);
  }
  json ranking = json::array();
  for (const auto& run : state->ranking.runs()) {
    const bool ranked = std::ranges::any_of(
        run.entries, [&](const core::panel::RankedEntry& e) { return e.subject == subject; });
    if (!ranked) continue;
    json run_json = panel::RankingRunToJson(run);
    for (json& entry : run_json["entries"]) {
      if (!Names(entry, "subject", subject)) continue;
      ranking.push_back({{"run", run_json["id"]},
                         {"run_on", run_json["run_on"]},
                         {"parameters", run_json["parameters"]},
                         {"entry", std::move(entry)}});
    }
  }
  auto packs = JournalEntries(
      store, panel::kCasePackJournalKind,
      [&](const json& pack) {
        const auto case_id = pack.find("case_id");
        return Names(pack, "subject_ref", subject) ||
               (case_id != pack.end() && case_id->is_string() &&
                case_ids.contains(case_id->get<std::string>()));
      },
      "pack");
  if (!packs) return tl::unexpected(packs.error());
  return json{{"cases", std::move(cases)},
              {"ranking", std::move(ranking)},
              {"case_pack_versions", std::move(*packs)}};
}

std::string Count(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "1 police_nominals record, 2 police_occurrences naming it and 1 panel case": what is
// not there is left out.
std::string Contents(const json& document) {
  std::vector<std::string> parts = {"1 " + document["record"]["export"].get<std::string>() +
                                    " record"};
  const auto add = [&](std::size_t n, const std::string& one, const std::string& many) {
    if (n > 0) parts.push_back(Count(n, one, many));
  };
  add(document["records_naming_it"].size(), "police_occurrences record naming it",
      "police_occurrences naming it");
  add(document["delivered_interventions"].size(), "delivered intervention",
      "delivered interventions");
  if (document.contains("panel")) {
    const json& panel = document["panel"];
    add(panel["cases"].size(), "panel case", "panel cases");
    add(panel["ranking"].size(), "ranking entry", "ranking entries");
    add(panel["case_pack_versions"].size(), "case pack version", "case pack versions");
  }
  add(document["exchanges"].size(), "audit log entry", "audit log entries");
  std::string text = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    text += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  return text;
}

}  // namespace

Result<SubjectAccessCopy> GatherSubjectAccess(store::Store& store,
                                              const SubjectAccessRequest& access) {
  const RecordRequest& request = access.record;
  if (auto checked = CheckRecordRequest(request); !checked) {
    return tl::unexpected(checked.error());
  }
  auto produced_at = protocol::FormatTimestamp(request.at);
  if (!produced_at) return tl::unexpected(produced_at.error());
  const std::string kind(adapters::ExportKindName(request.kind));
  auto tokens = RecordTokensHex(store, kind, request.ref);
  if (!tokens) return tl::unexpected(tokens.error());
  auto logged = EntriesNaming(access.audit_log, *tokens);
  if (!logged) return tl::unexpected(logged.error());
  const bool no_log = !logged->has_value();
  const std::span<const audit::StoredEntry> entries =
      no_log ? std::span<const audit::StoredEntry>() : **logged;
  auto exchanges = ExchangesJson(entries);
  if (!exchanges) return tl::unexpected(exchanges.error());
  auto recipients = RecipientsJson(RecipientsIn(entries));
  if (!recipients) return tl::unexpected(recipients.error());

  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  auto record = store.GetRecord(kind, request.ref, store::Restricted::kIncluded);
  if (!record) return tl::unexpected(record.error());
  if (!record->has_value()) {
    return Fail(Code::kNotFound,
                "the store holds no " + kind + " record with that reference; nothing was logged");
  }
  auto record_json = RecordJson(**record);
  if (!record_json) return tl::unexpected(record_json.error());
  json document = {{"format", kSubjectAccessFormat}, {"request", request.request_ref},
                   {"produced_at", *produced_at},    {"record", std::move(*record_json)},
                   {"restriction", nullptr},         {"records_naming_it", json::array()}};
  auto restriction = store.GetRestriction(kind, request.ref);
  if (!restriction) return tl::unexpected(restriction.error());
  if (restriction->has_value()) {
    document["restriction"] = {{"request", (*restriction)->request_ref},
                               {"since", (*restriction)->since}};
  }

  const bool nominal = request.kind == adapters::ExportKind::kPoliceNominals;
  if (nominal) {
    auto naming = store.OccurrencesNaming(request.ref);
    if (!naming) return tl::unexpected(naming.error());
    const std::string occurrences(
        adapters::ExportKindName(adapters::ExportKind::kPoliceOccurrences));
    for (const std::string& ref : *naming) {
      auto occurrence = store.GetRecord(occurrences, ref, store::Restricted::kIncluded);
      if (!occurrence) return tl::unexpected(occurrence.error());
      if (!occurrence->has_value()) continue;
      auto occurrence_json = RecordJson(**occurrence);
      if (!occurrence_json) return tl::unexpected(occurrence_json.error());
      document["records_naming_it"].push_back(std::move(*occurrence_json));
    }
  }
  auto delivered = JournalEntries(
      store, panel::kDeliveredJournalKind,
      [&](const json& body) {
        return Names(body, "export", kind) && Names(body, "ref", request.ref);
      },
      "intervention");
  if (!delivered) return tl::unexpected(delivered.error());
  document["delivered_interventions"] = std::move(*delivered);
  if (nominal) {
    auto panel = PanelPart(store, request.ref);
    if (!panel) return tl::unexpected(panel.error());
    document["panel"] = std::move(*panel);
  }
  document["exchanges"] = std::move(*exchanges);
  document["recipients"] = std::move(*recipients);
  document["notes"] = kNotes;
  if (no_log) document["notes"].push_back("This data directory holds no audit log: no exchanges.");

  SubjectAccessCopy copy{.document = std::move(document), .contents = {}};
  copy.contents = Contents(copy.document);
  const std::string processing =
      "copy for subject access of " + copy.contents + ", on request " + request.request_ref;
  auto entry = audit::EncodeLocalChange(
      {.kind = audit::kSubjectAccessKind, .processing = processing, .at = request.at});
  if (!entry) return tl::unexpected(entry.error());
  if (auto queued = store.QueueAuditEntry(*entry); !queued) return tl::unexpected(queued.error());
  if (auto committed = txn->Commit(); !committed) return tl::unexpected(committed.error());
  return copy;
}

}  // namespace tandem::node::importer
