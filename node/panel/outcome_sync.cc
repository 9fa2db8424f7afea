#include "node/panel/outcome_sync.h"

#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "node/net/http_error.h"
#include "node/panel/delivered_interventions.h"
#include "node/panel/outcome_answer.h"
#include "node/panel/panel_service.h"

namespace tandem::node::panel {
namespace {

using core::panel::InterventionRecord;
using nlohmann::json;

// What makes two records the same delivered intervention.
using Key = std::tuple<std::string, std::string, int, std::int32_t>;

Key KeyOf(const InterventionRecord& r) {
  return {r.case_id, r.intervention_id, static_cast<int>(r.delivered_by),
          r.started_on.DaysSinceEpoch()};
}

}  // namespace

Result<OutcomeSyncReport> SyncOutcomes(const OutcomeSyncContext& context) {
  OutcomeSyncReport report;
  auto managed = context.managed();
  if (!managed) return tl::unexpected(managed.error());
  auto held = context.recorded();
  if (!held) return tl::unexpected(held.error());
  std::set<Key> known;
  for (const InterventionRecord& r : *held) known.insert(KeyOf(r));

  const runtime::PartnerMatchContext& matching = context.matching;
  const auto policy = matching.policy->Get();
  std::vector<std::string> partners;
  for (const std::string& peer : runtime::MatchPartners(matching)) {
    if (policy->Allows(matching.self, peer, kOutcomesPurpose, kOutcomeKind)) {
      partners.push_back(peer);
    }
  }
  for (const ManagedSubject& subject : *managed) {
    ++report.cases;
    if (partners.empty()) break;
    auto tokens = runtime::TokeniseRecord(*matching.store, *matching.tokeniser,
                                          subject.subject_export, subject.subject_ref);
    if (!tokens) {
      report.problems.push_back(subject.case_id + ": " + tokens.error().message);
      continue;
    }
    for (const runtime::PartnerMatch& match :
         runtime::MatchAcrossPartners(matching, *tokens, partners)) {
      const std::string where = subject.case_id + ": " + match.node + ": ";
      if (match.error) {
        report.problems.push_back(where + match.error->message);
        continue;
      }
      if (!match.matched()) continue;
      const protocol::IsaParty* party = policy->Party(match.node);
      const auto agency = party ? core::ParseAgencyKind(party->agency_kind) : std::nullopt;
      if (!agency) continue;
      ++report.partners_asked;
      auto answer = matching.peers->Call(match.node, kOutcomesPurpose, kOutcomeKind,
                                         json{{"handle", match.handle}}.dump(), tokens->tokens_hex);
      if (!answer) {
        report.problems.push_back(where + answer.error().message);
        continue;
      }
      auto records = DecodeOutcomeAnswer(answer->result_json, subject.case_id, *agency);
      if (!records) {
        report.problems.push_back(where + records.error().message);
        continue;
      }
      for (const InterventionRecord& record : *records) {
        ++report.received;
        if (known.contains(KeyOf(record))) {
          ++report.already_recorded;
          continue;
        }
        if (auto recorded = context.record(record); !recorded) {
          report.problems.push_back(where + record.intervention_id + ": " +
                                    recorded.error().message);
          continue;
        }
        known.insert(KeyOf(record));
        ++report.recorded;
      }
    }
  }
  return report;
}

OutcomeSyncContext PanelServiceOutcomeSync(runtime::PartnerMatchContext matching,
                                           PanelService& service) {
  OutcomeSyncContext context;
  context.matching = std::move(matching);
  context.managed = [&service]() -> Result<std::vector<ManagedSubject>> {
    std::vector<ManagedSubject> subjects;
    auto read = service.Read([&](const core::panel::PanelBook& book,
                                 std::span<const core::panel::RankingRun>) -> Status {
      for (const core::panel::CaseRecord& c : book.cases()) {
        if (c.state == core::panel::CaseState::kManaged) {
          subjects.push_back({c.id, "police_nominals", c.subject_key});
        }
      }
      return Ok();
    });
    if (!read) return tl::unexpected(read.error());
    return subjects;
  };
  context.recorded = [&service]() -> Result<std::vector<InterventionRecord>> {
    std::vector<InterventionRecord> records;
    auto read = service.Read([&](const core::panel::PanelBook& book,
                                 std::span<const core::panel::RankingRun>) -> Status {
      records = book.interventions();
      return Ok();
    });
    if (!read) return tl::unexpected(read.error());
    return records;
  };
  context.record = [&service](const InterventionRecord& record) {
    return service.RecordIntervention(record, {.received_for = std::string(kOutcomesPurpose)});
  };
  return context;
}

runtime::LocalRoute OutcomeSyncRoute(const OutcomeSyncContext& context) {
  auto one_at_a_time = std::make_shared<std::mutex>();
  return {"POST",
          "/v1/panel/outcomes/sync",
          {exchange::Role::kCoordinator},
          [&context, one_at_a_time](const net::HttpRequest&, const exchange::ApiUser*) {
            std::lock_guard lock(*one_at_a_time);
            auto report = SyncOutcomes(context);
            if (!report) return net::ErrorResponse(report.error());
            net::HttpResponse response;
            response.body = json{{"cases", report->cases},
                                 {"partners_asked", report->partners_asked},
                                 {"received", report->received},
                                 {"recorded", report->recorded},
                                 {"already_recorded", report->already_recorded},
                                 {"problems", report->problems}}
                                .dump();
            return response;
          }};
}

}  // namespace tandem::node::panel
