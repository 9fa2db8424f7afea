// The coordinator's panel (docs/panel.md): the panel book of core/panel/ kept durable in the
// store's panel journal, with triage and the ranking algorithm computed from the police
// occurrences in the same store. Every accepted command is applied to a copy of the state,
// journalled (kind `panel-command`) and recorded in the audit log in one store transaction,
// and only then becomes the state: a command that cannot be journalled or audited leaves the
// book as it was and returns the error. Subjects are police nominal references (export
// `police_nominals`); they stay on this node.
//
// Thread-safe: one mutex serialises commands and reads. Lock order: this service, then the
// shared store; Read's callback runs under the service's lock and may use the store.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/panel/panel_book.h"
#include "core/panel/ranking.h"
#include "core/panel/triage.h"
#include "core/result.h"
#include "node/audit/audit_log.h"
#include "node/endpoints/shared_store.h"
#include "node/panel/book_retention.h"
#include "node/panel/pack_request.h"
#include "node/panel/panel_journal.h"
#include "protocol/isa.h"
#include "protocol/timestamp.h"

namespace tandem::node::panel {

struct PanelServiceOptions {
  core::panel::RankingParameters ranking;
  // Every accepted command is also an audit entry (kind `panel-command`, DPA 2018 s.62 fields)
  // when set. Must outlive the service.
  audit::AuditLog* audit = nullptr;
  // The ISA the panel works under (id, version), cited by each audit entry; empty id: none.
  std::function<std::pair<std::string, std::int64_t>()> isa;
  // For journal and audit times. Default: the system clock.
  std::function<protocol::Seconds()> clock;
};

// Who asked: the API user's name (audit `actor`); for what a partner sent (a referral through
// its node, an intervention outcome sync received), the ISA purpose it was received for: the
// command is journalled marked with it, and its received values are erased when that purpose's
// retention ends (book_retention.h).
struct Actor {
  std::string name = "coordinator";
  std::string received_for;
};

struct TriageOutcome {
  core::panel::TriageAssessment assessment;
  core::panel::PackTriage summary;
};

struct ReferralOutcome {
  core::panel::ReferralReceipt receipt;
  // Set when the referral opened or reopened a case and triage ran.
  std::optional<core::panel::PackTriage> triage;
  // Set when triage should have run but could not (the case stays awaiting triage).
  std::optional<Error> triage_error;
};

struct MonitoringReturnReport {
  std::string case_id;
  std::string reason;
  std::optional<core::panel::PackTriage> triage;  // the new triage
  std::optional<Error> triage_error;
};

class PanelService {
 public:
  // Replays the journal into a book of `config`. kInvalidArgument for an invalid configuration
  // (book tables, triage or ranking parameters); kCorruption naming the journal entry that does
  // not replay; the store's errors.
  static Result<std::unique_ptr<PanelService>> Open(endpoints::SharedStore& store,
                                                    core::panel::PanelConfig config,
                                                    core::panel::TriageConfig triage_config,
                                                    PanelServiceOptions options = {});

  PanelService(const PanelService&) = delete;
  PanelService& operator=(const PanelService&) = delete;

  // A referral of the nominal `referral.subject_key`. kNotFound when the store holds no
  // police nominal of that reference; kInvalidArgument as core::panel::ValidateReferral, or a
  // ranking-algorithm referral whose source is not a kept ranking run. A duplicate is recorded
  // and named in the receipt. A new or reopened case is then triaged from the nominal's
  // occurrences at the referral date.
  Result<ReferralOutcome> ReferAndTriage(const core::panel::Referral& referral,
                                         const Actor& actor = {});
  // The contract's form: the receipt of ReferAndTriage.
  Result<core::panel::ReferralReceipt> Refer(const core::panel::Referral& referral,
                                             const Actor& actor = {});

  // (Re-)triages a case awaiting triage from the store at `on`. kNotFound / kInvalidArgument
  // as PanelBook::RecordTriage; kInvalidArgument for an occurrence with an unknown code.
  Result<core::panel::PackTriage> Triage(std::string_view case_id, const core::Date& on,
                                         const Actor& actor = {});

  // Ranks every nominal with occurrences at `run_on` (core/panel/ranking.h) and keeps the run
  // as "RK<n>". kInvalidArgument for a date before the last run.
  Result<core::panel::RankingRun> RunRanking(const core::Date& run_on, const Actor& actor = {});

  Result<core::panel::Meeting> PlanMeeting(std::string meeting_id, const core::Date& on,
                                           const Actor& actor = {});
  Status Decide(const core::panel::Decision& decision, const Actor& actor = {});
  Status RecordReview(std::string_view meeting_id, std::string_view case_id,
                      const Actor& actor = {});
  Result<std::string> AddAction(std::string_view meeting_id, std::string_view case_id,
                                std::string description, core::AgencyKind owner,
                                const core::Date& due, const Actor& actor = {});
  Status CompleteAction(std::string_view action_id, const core::Date& on, const Actor& actor = {});
  // Returns the plan's version.
  Result<int> AgreePlan(const core::panel::ManagementPlan& plan, const Actor& actor = {});
  Status RecordIntervention(const core::panel::InterventionRecord& record, const Actor& actor = {});
  Status CloseCase(std::string_view case_id, std::string_view reason_id, const core::Date& on,
                   std::string note = "", const Actor& actor = {});
  // Allocates a managed case to an offender manager, ending its current allocation
  // (PanelBook::Allocate; journalled as `allocate`). kNotFound / kInvalidArgument as the book.
  Status Allocate(const core::panel::CaseAllocation& allocation, const Actor& actor = {});
  // The panel extends the catalogue (InterventionCatalogue::Add).
  Status ExtendCatalogue(const core::panel::Intervention& intervention, const Actor& actor = {});

  // For every monitored case, whether an occurrence reported since it was monitored returns it
  // to triage (core/panel/monitoring.h); each returned case is journalled and triaged again at
  // `on`. Returns the cases returned.
  Result<std::vector<MonitoringReturnReport>> CheckMonitoring(const core::Date& on,
                                                              const Actor& actor = {});

  // What case-pack assembly needs for each item of a meeting's agenda, prepared on
  // `prepared_on`: the case's first referral, its latest triage, the CCHI harm of the 24
  // months to the meeting by month, and the count of distinct victims. kNotFound for an
  // unknown meeting.
  Result<std::vector<PackRequest>> PackRequests(std::string_view meeting_id,
                                                const core::Date& prepared_on) const;

  // Erases what the ISA's retentions no longer let `self` keep of what partners sent
  // (EraseExpiredBookValues) and, when anything went, rebuilds the book from the rewritten
  // journal, all under the service's lock, so no reader sees an erased value afterwards. Errors
  // of EraseExpiredBookValues and of the replay.
  Result<ErasedCommands> EraseExpired(const protocol::Isa& isa, std::string_view self,
                                      protocol::Seconds now);

  // Read access for others (case packs, evaluation): f runs under the lock.
  Status Read(const std::function<Status(const core::panel::PanelBook&,
                                         std::span<const core::panel::RankingRun>)>& f) const;
  // The same with the triage summaries.
  Status ReadState(const std::function<Status(const PanelState&)>& f) const;

  // The offence table the panel weighs harm by (TriageConfig::offences); fixed at Open.
  const core::OffenceTable& offences() const { return triage_config_.offences; }

 private:
  PanelService(endpoints::SharedStore& store, core::panel::PanelConfig config,
               core::panel::TriageConfig triage_config, PanelServiceOptions options,
               PanelState state);

  // Applies, journals, audits, swaps. Caller holds mutex_.
  Result<Json> Execute(const PanelCommand& command, const Actor& actor);
  Result<TriageOutcome> TriageLocked(const std::string& case_id, const core::Date& on,
                                     const Actor& actor);

  endpoints::SharedStore& store_;
  core::panel::PanelConfig config_;  // the book's at Open, which a replay starts from
  core::panel::TriageConfig triage_config_;
  PanelServiceOptions options_;
  mutable std::mutex mutex_;
  PanelState state_;
};

}  // namespace tandem::node::panel
