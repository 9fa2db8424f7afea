// The HHPP standard purposes and clauses as data: each clause names agency kinds, and the draft
// expands them to the parties of those kinds. A clause with no party on one side is left out,
// and so is a purpose left with no clause.
#include "node/isa/hhpp_draft.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace tandem::node::isa {
namespace {

struct LawfulBasis {
  std::string_view agency_kind;
  std::string_view basis;
};

constexpr std::array<LawfulBasis, 6> kLawfulBases = {{
    {"police",
     "DPA 2018 Part 3 (law enforcement processing by a competent authority): s.31 law "
     "enforcement purposes; s.35 sensitive processing under Schedule 8 (para 1 statutory "
     "purposes, para 3 protecting individuals); s.62 logging. Power to share: Crime and "
     "Disorder Act 1998 s.115."},
    {"probation",
     "DPA 2018 Part 3 (the probation service is a competent authority, Schedule 7): s.35 "
     "sensitive processing under Schedule 8; s.62 logging. Power to share: Offender Management "
     "Act 2007 s.14; Crime and Disorder Act 1998 s.115."},
    {"nhs",
     "UK GDPR Art 6(1)(e) public task; Art 9(2)(h) health and social care and Art 9(2)(g) "
     "substantial public interest with DPA 2018 Schedule 1 para 10 (preventing or detecting "
     "unlawful acts) and para 18 (safeguarding of children and of individuals at risk); Art 10 "
     "with DPA 2018 Schedule 1 Part 3 for criminal offence data. Power to share: Crime and "
     "Disorder Act 1998 s.115."},
    {"housing",
     "UK GDPR Art 6(1)(e) public task; Art 9(2)(g) with DPA 2018 Schedule 1 para 10 "
     "(preventing or detecting unlawful acts) and para 18 (safeguarding of children and of "
     "individuals at risk); Art 10 with DPA 2018 Schedule 1 Part 3 for criminal offence data. "
     "Power to share: Crime and Disorder Act 1998 s.115."},
    {"substance-misuse",
     "UK GDPR Art 6(1)(e) public task; Art 9(2)(h) health and social care and Art 9(2)(g) with "
     "DPA 2018 Schedule 1 para 18 (safeguarding of individuals at risk); Art 10 with DPA 2018 "
     "Schedule 1 Part 3 for criminal offence data. Power to share: Crime and Disorder Act 1998 "
     "s.115. Treatment records hold initials, date of birth, sex and postcode district only."},
    {"victim-advocacy",
     "UK GDPR Art 6(1)(e) public task; Art 9(2)(g) with DPA 2018 Schedule 1 para 18 "
     "(safeguarding of individuals at risk) and para 10; Art 10 with DPA 2018 Schedule 1 Part 3 "
     "for criminal offence data. Power to share: Crime and Disorder Act 1998 s.115. The "
     "victim's identity never leaves this node."},
}};

struct PurposeTemplate {
  std::string_view id;
  std::string_view description;
  std::int64_t retention_days;
  std::int64_t daily_quota_per_peer;
};

// Quotas: hhpp-evaluation-match is sized for a cohort. An evaluation runs one match query per
// adopted person to each partner, and each request to the evaluator's API is an evaluation of
// its own (fresh pseudonyms, fresh handles); 2,000 a day per peer lets a partnership evaluate a
// cohort of up to 1,000 adopted people twice a day (report and outcome set), or a unit's usual
// few hundred several times, while one evaluation-request already carries up to 5,000 people,
// so `evaluation` keeps its 20. The referral purpose's 500 stays for referrals.
constexpr std::array<PurposeTemplate, 7> kPurposes = {{
    {"hhpp-referral-match",
     "Find which partner agencies know a person referred to the High Harm Perpetrator Panel, "
     "by pseudonymous OPRF tokens. A partner answers matched or not, a strength band and an "
     "opaque handle valid for this referral only; a partner that does not know the person "
     "learns nothing it can turn back into an identity.",
     90, 500},
    {"hhpp-case-pack",
     "Each matched agency contributes to the monthly HHPP case pack exactly the fields this "
     "agreement lists for it, for a subject on the panel agenda, with provenance (node, record "
     "date, clause).",
     730, 200},
    {"hhpp-outcomes",
     "Interventions, civil orders and outcomes are recorded by the agency that delivered them "
     "and flow back to the coordinator; the coordinator tells the agencies managing the person "
     "of civil orders and further offending.",
     730, 200},
    {"evaluation",
     "Anonymised outcome sets for evaluating the panel: evaluation-only pseudonyms that cannot "
     "be linked to operational tokens, generalised quasi-identifiers, k-anonymity, small-cell "
     "suppression and rounding; no identifiers and no free text.",
     1825, 20},
    {"hhpp-evaluation-match",
     "Find which partner agencies know each adopted person of an evaluation, by pseudonymous "
     "OPRF tokens, so that the evaluation request can name them. A partner answers matched or "
     "not, a strength band and an opaque handle that only the evaluation request accepts; the "
     "answers are kept only for the evaluation that asked.",
     7, 2000},
    {"oprf-evaluation",
     "Partial evaluations of the partnership's threshold OPRF key, which turns match keys into "
     "tokens. Each is signed, rate-limited by this quota and audited, so that no party can run "
     "a dictionary attack.",
     90, 20000},
    {"audit-witness",
     "Nodes fetch and co-sign each other's audit-log checkpoints after checking that each is "
     "consistent with the last one seen, so that no node can rewrite its history unseen.",
     3650, 50000},
}};

// Which parties a clause side names: agency kinds, or every party.
enum class Side {
  kPolice,
  kPartners,
  kProbation,
  kNhs,
  kHousing,
  kSubstanceMisuse,
  kVictimAdvocacy,
  kEveryone,
  kOprfHolders
};

struct ClauseTemplate {
  std::string_view purpose;
  std::string_view id;
  Side from;
  Side to;
  std::vector<std::string_view> kinds;
  std::vector<std::string_view> data_categories;
  std::vector<std::string_view> fields;
};

const std::vector<ClauseTemplate>& Clauses() {
  static const std::vector<ClauseTemplate> kClauses = {
      {"hhpp-referral-match",
       "3.1",
       Side::kPolice,
       Side::kPartners,
       {"match-query"},
       {"pseudonymous-tokens"},
       {"matched", "band", "handle"}},
      // A partner agency's referral through its own node: its record's tokens, the reason and
      // the referrer; the coordinator answers only whether it knows the person.
      {"hhpp-referral-match",
       "3.2",
       Side::kPartners,
       Side::kPolice,
       {"referral-submit"},
       {"pseudonymous-tokens", "referral"},
       {"known", "referral_id"}},
      {"hhpp-case-pack",
       "4.1",
       Side::kPolice,
       Side::kProbation,
       {"contribution-request"},
       {"criminal-offence-data", "risk-assessment"},
       {"supervision", "start_date", "end_date", "rosh", "ogrs3_2yr", "mappa_category",
        "mappa_level", "accredited_programme"}},
      {"hhpp-case-pack",
       "4.2",
       Side::kPolice,
       Side::kNhs,
       {"contribution-request"},
       {"health", "risk-assessment"},
       {"service", "referral_date", "discharge_date", "risk_flags", "marac_flag"}},
      {"hhpp-case-pack",
       "4.3",
       Side::kPolice,
       Side::kHousing,
       {"contribution-request"},
       {"housing", "antisocial-behaviour"},
       {"tenure", "status", "start_date", "end_date", "homelessness_duty", "asb_cases_open"}},
      // Treatment data holds initials, date of birth, sex and district only: the episode is all
      // it can support.
      {"hhpp-case-pack",
       "4.4",
       Side::kPolice,
       Side::kSubstanceMisuse,
       {"contribution-request"},
       {"health"},
       {"substance", "referral_date", "treatment_start", "discharge_date", "discharge_reason",
        "injecting"}},
      // Risk, counts and children at risk; never who the victim is (no case reference, victim
      // age or sex, or the perpetrator as the victim named them).
      {"hhpp-case-pack",
       "4.5",
       Side::kPolice,
       Side::kVictimAdvocacy,
       {"contribution-request"},
       {"victim-risk"},
       {"referral_date", "risk_level", "dash_score", "children_in_household", "relationship",
        "marac_referral", "case_status", "closed_date"}},
      {"hhpp-outcomes",
       "5.1",
       Side::kPolice,
       Side::kPartners,
       {"outcome-request"},
       {"interventions"},
       {"intervention", "category", "started_on", "ended_on", "completed"}},
      {"hhpp-outcomes",
       "5.2",
       Side::kPartners,
       Side::kPolice,
       {"outcome-request"},
       {"interventions", "civil-orders", "criminal-offence-data"},
       {"intervention", "category", "started_on", "ended_on", "completed", "civil_order",
        "order_made_on", "order_expires_on", "further_offence_count"}},
      {"evaluation",
       "6.1",
       Side::kPolice,
       Side::kPartners,
       {"evaluation-request"},
       {"pseudonymised-outcomes"},
       {"evaluation_pseudonym", "age_band", "district", "month", "offences_before",
        "offences_after", "cchi_before", "cchi_after", "interventions"}},
      // The evaluation's own match: the same answer as 3.1, but its handle opens only the
      // evaluation request (6.1), so an evaluation never spends or uses the referral purpose.
      {"hhpp-evaluation-match",
       "6.2",
       Side::kPolice,
       Side::kPartners,
       {"match-query"},
       {"pseudonymous-tokens"},
       {"matched", "band", "handle"}},
      {"oprf-evaluation",
       "7.1",
       Side::kEveryone,
       Side::kOprfHolders,
       {"oprf-evaluate"},
       {"blinded-elements"},
       {}},
      {"audit-witness",
       "8.1",
       Side::kEveryone,
       Side::kEveryone,
       {"checkpoint-request", "cosign-request", "inclusion-proof-request",
        "consistency-proof-request"},
       {"audit-checkpoints"},
       {}},
  };
  return kClauses;
}

bool OnSide(Side side, std::string_view kind) {
  switch (side) {
    case Side::kPolice:
      return kind == "police";
    case Side::kPartners:
      return kind != "police";
    case Side::kProbation:
      return kind == "probation";
    case Side::kNhs:
      return kind == "nhs";
    case Side::kHousing:
      return kind == "housing";
    case Side::kSubstanceMisuse:
      return kind == "substance-misuse";
    case Side::kVictimAdvocacy:
      return kind == "victim-advocacy";
    case Side::kEveryone:
    case Side::kOprfHolders:
      return true;  // every party holds a share in the draft
  }
  return false;
}

tl::unexpected<Error> PartyError(std::size_t index, std::string_view field, std::string_view why) {
  return Fail(Code::kInvalidArgument, "parties[" + std::to_string(index) + "]." +
                                          std::string(field) + ": " + std::string(why));
}

template <class T>
Result<T> Named(std::string_view value, std::size_t index, std::string_view field) {
  auto made = T::Create(value);
  if (!made)
    return PartyError(index, field, "'" + std::string(value) + "': " + made.error().message);
  return made;
}

}  // namespace

std::string_view UsualLawfulBasis(std::string_view agency_kind) {
  for (const auto& entry : kLawfulBases) {
    if (entry.agency_kind == agency_kind) return entry.basis;
  }
  return {};
}

Result<std::vector<DraftParty>> ParseDraftParties(std::string_view json) {
  try {
    const auto doc = nlohmann::json::parse(json);
    if (!doc.is_object() || !doc.contains("parties") || !doc.at("parties").is_array()) {
      return Fail(Code::kInvalidArgument,
                  "the parties file must be a JSON object with a \"parties\" array");
    }
    for (const auto& [name, value] : doc.items()) {
      if (name != "parties") {
        return Fail(Code::kInvalidArgument, "parties file: unknown field '" + name + "'");
      }
    }
    static constexpr std::array<std::string_view, 7> kMembers = {
        "id", "agency_kind", "name", "signing_key", "cert_sha256", "endpoint", "lawful_basis"};
    std::vector<DraftParty> parties;
    std::size_t index = 0;
    for (const auto& entry : doc.at("parties")) {
      if (!entry.is_object()) return PartyError(index, "", "must be an object");
      for (const auto& [name, value] : entry.items()) {
        bool known = false;
        for (const auto member : kMembers) known = known || name == member;
        if (!known) return PartyError(index, name, "unknown field");
        if (!value.is_string()) return PartyError(index, name, "must be a string");
      }
      DraftParty party;
      const std::array<std::pair<std::string_view, std::string*>, 6> required = {{
          {"id", &party.id},
          {"agency_kind", &party.agency_kind},
          {"name", &party.name},
          {"signing_key", &party.signing_key},
          {"cert_sha256", &party.cert_sha256},
          {"endpoint", &party.endpoint},
      }};
      for (const auto& [name, out] : required) {
        if (!entry.contains(std::string(name))) return PartyError(index, name, "missing");
        *out = entry.at(std::string(name)).get<std::string>();
      }
      if (entry.contains("lawful_basis")) {
        party.lawful_basis = entry.at("lawful_basis").get<std::string>();
      }
      parties.push_back(std::move(party));
      ++index;
    }
    return parties;
  } catch (const nlohmann::json::exception& e) {
    return Fail(Code::kInvalidArgument, std::string("parties file: not valid JSON: ") + e.what());
  }
}

Result<protocol::Isa> DraftHhppIsa(const std::vector<DraftParty>& parties,
                                   const DraftOptions& options) {
  auto isa_id = protocol::IsaId::Create(options.id);
  if (!isa_id) return Fail(Code::kInvalidArgument, "--id: " + isa_id.error().message);
  std::vector<protocol::IsaParty> isa_parties;
  std::vector<protocol::NodeId> everyone;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    const DraftParty& p = parties[i];
    auto id = Named<protocol::NodeId>(p.id, i, "id");
    if (!id) return tl::unexpected(id.error());
    auto key = crypto::VerifyingKey::FromHex(p.signing_key);
    if (!key) return PartyError(i, "signing_key", key.error().message);
    std::string basis =
        p.lawful_basis ? *p.lawful_basis : std::string(UsualLawfulBasis(p.agency_kind));
    isa_parties.push_back(protocol::IsaParty{*id, p.agency_kind, p.name, *key, p.cert_sha256,
                                             p.endpoint, std::move(basis)});
    everyone.push_back(*id);
  }

  const auto side = [&](Side s) {
    std::vector<protocol::NodeId> ids;
    for (const auto& party : isa_parties) {
      if (OnSide(s, party.agency_kind)) ids.push_back(party.id);
    }
    return ids;
  };

  std::vector<protocol::IsaPurpose> purposes;
  for (const auto& purpose : kPurposes) {
    std::vector<protocol::IsaClause> clauses;
    for (const auto& tmpl : Clauses()) {
      if (tmpl.purpose != purpose.id) continue;
      auto from = side(tmpl.from);
      auto to = side(tmpl.to);
      if (from.empty() || to.empty()) continue;
      std::vector<protocol::MessageKind> kinds;
      for (const auto kind : tmpl.kinds) kinds.push_back(*protocol::MessageKind::Create(kind));
      clauses.push_back(
          protocol::IsaClause{std::string(tmpl.id),
                              std::move(from),
                              std::move(to),
                              std::move(kinds),
                              {tmpl.data_categories.begin(), tmpl.data_categories.end()},
                              {tmpl.fields.begin(), tmpl.fields.end()}});
    }
    if (clauses.empty()) continue;
    purposes.push_back(protocol::IsaPurpose{
        *protocol::PurposeId::Create(purpose.id), std::string(purpose.description),
        purpose.retention_days, options.daily_quota.value_or(purpose.daily_quota_per_peer),
        std::move(clauses)});
  }

  const auto threshold =
      options.oprf_threshold.value_or(static_cast<std::uint32_t>(everyone.size() / 2 + 1));
  protocol::Isa isa{*std::move(isa_id),
                    options.version,
                    options.valid_from,
                    options.valid_until,
                    std::move(isa_parties),
                    std::move(purposes),
                    threshold,
                    everyone,
                    protocol::DisclosureControl{5, 10, 5, 1.0},
                    {}};
  if (auto st = protocol::ValidateIsa(isa); !st) return tl::unexpected(st.error());
  return isa;
}

}  // namespace tandem::node::isa
