#include "node/panel/pack_store.h"

#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "agency-adapters/record.h"
#include "node/panel/panel_journal.h"
#include "node/panel/render_json.h"

namespace tandem::node::panel {
namespace {

using core::panel::CasePack;
using core::panel::ContributionStatus;
using nlohmann::json;

constexpr std::array<ContributionStatus, 4> kStatuses = {
    ContributionStatus::kMatched, ContributionStatus::kNoMatch, ContributionStatus::kUnavailable,
    ContributionStatus::kNotAllowedByIsa};

// Reading fails with a message naming the member; the caller turns it into kCorruption.
struct Reader {
  std::string error;

  const json* Member(const json& object, const char* name) {
    if (!error.empty()) return nullptr;
    if (!object.is_object() || !object.contains(name)) {
      error = std::string("member '") + name + "' is missing";
      return nullptr;
    }
    return &object.at(name);
  }
  std::string String(const json& object, const char* name) {
    const json* value = Member(object, name);
    if (value == nullptr) return {};
    if (!value->is_string()) {
      error = std::string("member '") + name + "' is not a string";
      return {};
    }
    return value->get<std::string>();
  }
  int Int(const json& object, const char* name) {
    const json* value = Member(object, name);
    if (value == nullptr) return 0;
    if (!value->is_number_integer()) {
      error = std::string("member '") + name + "' is not an integer";
      return 0;
    }
    return value->get<int>();
  }
  bool Bool(const json& object, const char* name) {
    const json* value = Member(object, name);
    if (value == nullptr) return false;
    if (!value->is_boolean()) {
      error = std::string("member '") + name + "' is not true or false";
      return false;
    }
    return value->get<bool>();
  }
  core::Date Date(const json& object, const char* name) {
    const std::string text = String(object, name);
    if (error.empty()) {
      if (auto date = core::Date::FromIso(text)) return *date;
      error = std::string("member '") + name + "' is not a date";
    }
    return core::Date::FromDaysSinceEpoch(0);
  }
  core::AgencyKind Agency(const json& object) {
    const std::string text = String(object, "agency");
    if (auto kind = core::ParseAgencyKind(text)) return *kind;
    if (error.empty()) error = "member 'agency' is not an agency";
    return core::AgencyKind::kPolice;
  }
  ContributionStatus Status(const json& object) {
    const std::string text = String(object, "status");
    for (const ContributionStatus status : kStatuses) {
      if (core::panel::ContributionStatusName(status) == text) return status;
    }
    if (error.empty()) error = "member 'status' is not a contribution status";
    return ContributionStatus::kNoMatch;
  }
  const json& Array(const json& object, const char* name) {
    static const json kEmpty = json::array();
    const json* value = Member(object, name);
    if (value == nullptr) return kEmpty;
    if (!value->is_array()) {
      error = std::string("member '") + name + "' is not an array";
      return kEmpty;
    }
    return *value;
  }
};

core::panel::MonthHarm Month(Reader& r, const json& item) {
  core::panel::MonthHarm month;
  const std::string text = r.String(item, "month");
  if (r.error.empty()) {
    if (auto first = core::Date::FromIso(text + "-01")) {
      month.year = first->year();
      month.month = first->month();
    } else {
      r.error = "member 'month' is not YYYY-MM";
    }
  }
  month.cchi_days = r.Int(item, "cchi_days");
  month.occurrences = r.Int(item, "occurrences");
  return month;
}

CasePack Read(Reader& r, const json& doc) {
  CasePack pack;
  pack.pack_id = r.String(doc, "pack_id");
  pack.subject_ref = r.String(doc, "subject_ref");
  pack.case_id = r.String(doc, "case_id");
  pack.meeting_id = r.String(doc, "meeting_id");
  pack.prepared_on = r.Date(doc, "prepared_on");
  pack.complete = r.Bool(doc, "complete");
  if (const json* referral = r.Member(doc, "referral")) {
    pack.referral = {r.String(*referral, "referral_id"), r.String(*referral, "pathway"),
                     r.String(*referral, "source"),      r.String(*referral, "reason"),
                     r.String(*referral, "referrer"),    r.Date(*referral, "referred_on")};
  }
  if (const json* t = r.Member(doc, "triage")) {
    auto& triage = pack.triage;
    triage.total = r.Int(*t, "total");
    triage.recency = r.Int(*t, "recency");
    triage.frequency = r.Int(*t, "frequency");
    triage.gravity = r.Int(*t, "gravity");
    triage.victims = r.Int(*t, "victims");
    triage.threshold = r.Int(*t, "threshold");
    triage.serial = r.Bool(*t, "serial");
    triage.put_forward = r.Bool(*t, "put_forward");
    for (const json& line : r.Array(*t, "explanation")) {
      if (line.is_string()) triage.explanation.push_back(line.get<std::string>());
    }
  }
  for (const json& item : r.Array(doc, "harm_by_month"))
    pack.harm_by_month.push_back(Month(r, item));
  pack.known_victims = r.Int(doc, "known_victims_count");
  pack.children_at_risk = r.Int(doc, "children_at_risk_count");
  for (const json& item : r.Array(doc, "contributions")) {
    core::panel::AgencyContribution c;
    c.node = r.String(item, "node");
    c.agency = r.Agency(item);
    c.status = r.Status(item);
    c.match_band = r.String(item, "match_band");
    c.note = r.String(item, "note");
    for (const json& f : r.Array(item, "fields")) {
      core::panel::PackField field;
      field.name = r.String(f, "name");
      field.value = r.String(f, "value");
      if (const json* p = r.Member(f, "provenance")) {
        field.provenance = {r.String(*p, "node"), r.Date(*p, "record_date"),
                            r.String(*p, "isa_clause")};
      }
      c.fields.push_back(std::move(field));
    }
    pack.contributions.push_back(std::move(c));
  }
  for (const json& item : r.Array(doc, "missing")) {
    pack.missing.push_back(
        {r.String(item, "node"), r.Agency(item), r.Status(item), r.String(item, "why")});
  }
  if (doc.contains("erasure")) {  // only on a pack whose contributed values were erased
    const json& e = doc.at("erasure");
    const core::Date on = r.Date(e, "erased_on");
    if (e.is_object() && e.contains("request")) {
      std::string request = r.String(e, "request");
      if (r.error.empty()) {
        pack.erasure = core::panel::ContributionErasure{.erased_on = on, .request = request};
      }
    } else {
      std::string purpose = r.String(e, "purpose");
      const json* days = r.Member(e, "retention_days");
      if (days != nullptr && !days->is_number_integer() && r.error.empty()) {
        r.error = "member 'retention_days' is not an integer";
      }
      if (r.error.empty()) {
        pack.erasure =
            core::panel::ContributionErasure{.erased_on = on,
                                             .purpose = std::move(purpose),
                                             .retention_days = days->get<std::int64_t>()};
      }
    }
  }
  return pack;
}

Status ForEachPack(store::Store& store, const std::function<Status(CasePack)>& visit) {
  const std::array<std::string_view, 1> kinds = {kCasePackJournalKind};
  return store.ForEachJournalEntry(kinds, [&](const store::JournalEntry& entry) -> Status {
    auto pack = ParseCasePackJson(entry.body);
    if (!pack) return DamagedEntry(entry, pack.error().message);
    return visit(std::move(*pack));
  });
}

}  // namespace

Result<CasePack> ParseCasePackJson(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) return Fail(Code::kCorruption, "a case pack is not a JSON object");
  Reader reader;
  CasePack pack = Read(reader, doc);
  if (!reader.error.empty()) return Fail(Code::kCorruption, "case pack: " + reader.error);
  return pack;
}

Result<std::int64_t> JournalCasePack(store::Store& store, const CasePack& pack,
                                     std::string_view recorded_at) {
  return store.AppendJournal(kCasePackJournalKind, recorded_at, RenderCasePackJson(pack));
}

Result<std::vector<CasePack>> LatestPacks(store::Store& store, std::string_view meeting_id) {
  std::vector<CasePack> packs;
  std::map<std::string, std::size_t, std::less<>> index;
  auto read = ForEachPack(store, [&](CasePack pack) -> Status {
    if (pack.meeting_id != meeting_id) return Ok();
    if (const auto it = index.find(pack.pack_id); it != index.end()) {
      packs[it->second] = std::move(pack);
    } else {
      index.emplace(pack.pack_id, packs.size());
      packs.push_back(std::move(pack));
    }
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return packs;
}

Result<std::vector<CasePack>> PackVersions(store::Store& store, std::string_view pack_id) {
  std::vector<CasePack> versions;
  auto read = ForEachPack(store, [&](CasePack pack) -> Status {
    if (pack.pack_id == pack_id) versions.push_back(std::move(pack));
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  return versions;
}

Result<bool> SubjectRestricted(store::Store& store, std::string_view subject_ref) {
  auto restriction = store.GetRestriction(
      adapters::ExportKindName(adapters::ExportKind::kPoliceNominals), subject_ref);
  if (!restriction) return tl::unexpected(restriction.error());
  return restriction->has_value();
}

}  // namespace tandem::node::panel
