#include "node/panel/case_pack_assembler.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <utility>

namespace tandem::node::panel {
namespace {

using core::panel::AgencyContribution;
using core::panel::CasePack;
using core::panel::ContributionStatus;
using nlohmann::json;

// Fields that name or identify a person, of every export (agency-exports.md): never in a pack,
// whatever an ISA lists. For victim advocacy they are the victim's identity and the perpetrator
// as the victim described them.
constexpr std::array<std::string_view, 31> kIdentifyingFields = {
    "surname",          "forename",
    "middle_names",     "dob",
    "date_of_birth",    "sex",
    "gender",           "gender_code",
    "pnc_id",           "nhs_number",
    "ni_number",        "address",
    "postcode",         "postcode_district",
    "aliases",          "family_name",
    "given_name",       "lead_tenant_name",
    "first_initial",    "surname_initial",
    "nominal_id",       "crn",
    "local_patient_id", "tenancy_ref",
    "client_ref",       "case_ref",
    "victim_age",       "victim_sex",
    "perpetrator_name", "perpetrator_dob",
    "perpetrator_age",
};

// The column that dates a record of each export: the record date of its fields' provenance.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kRecordDateColumn = {{
    {"probation_cases", "start_date"},
    {"nhs_mental_health", "referral_date"},
    {"housing_tenancies", "start_date"},
    {"treatment_episodes", "referral_date"},
    {"idva_cases", "referral_date"},
}};

// The member as text; empty when it is missing or not a string (a partner's number where text
// belongs must not throw).
std::string TextMember(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string ValueText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

AgencyContribution Contribution(std::string node, core::AgencyKind agency,
                                ContributionStatus status, std::string note) {
  AgencyContribution c;
  c.node = std::move(node);
  c.agency = agency;
  c.status = status;
  c.note = std::move(note);
  return c;
}

// The status an exchange error gives a partner: the ISA refusing is not-allowed; anything else
// (unreachable, timed out, a bad answer, a refusal for load) leaves the pack incomplete.
ContributionStatus StatusOf(const Error& error) {
  return error.code == Code::kPermissionDenied ? ContributionStatus::kNotAllowedByIsa
                                               : ContributionStatus::kUnavailable;
}

// Children at risk as a count: the largest number a matched contribution reports in a
// children_in_household field (victim advocacy's, clause 4.5); police exports hold none.
int ChildrenReported(const std::vector<core::panel::AgencyContribution>& contributions) {
  int children = 0;
  for (const core::panel::AgencyContribution& contribution : contributions) {
    if (contribution.status != core::panel::ContributionStatus::kMatched) continue;
    for (const core::panel::PackField& field : contribution.fields) {
      if (field.name != "children_in_household") continue;
      int count = 0;
      const char* end = field.value.data() + field.value.size();
      if (std::from_chars(field.value.data(), end, count).ptr == end && count > children) {
        children = count;
      }
    }
  }
  return children;
}

}  // namespace

bool IdentifiesAPerson(std::string_view field_name) {
  return std::ranges::find(kIdentifyingFields, field_name) != kIdentifyingFields.end();
}

Result<std::vector<core::panel::PackField>> ContributionFields(
    std::string_view partner, std::string_view result_json, const std::vector<std::string>& allowed,
    const core::Date& prepared_on, int* refused) {
  const json result = json::parse(result_json, nullptr, false);
  if (!result.is_object() || !result.contains("fields") || !result["fields"].is_object() ||
      !result.contains("provenance") || !result["provenance"].is_object()) {
    return Fail(Code::kUnauthenticated, "the partner's contribution is not the contribution shape");
  }
  const json& provenance = result["provenance"];
  const std::string node = TextMember(provenance, "node");
  const std::string clause = TextMember(provenance, "clause");
  const std::string export_kind = TextMember(provenance, "export");
  if (node != partner || clause.empty()) {
    return Fail(Code::kUnauthenticated,
                "the partner's contribution names another node or no ISA clause");
  }
  const json& fields = result["fields"];
  core::Date record_date = prepared_on;
  for (const auto& [kind, column] : kRecordDateColumn) {
    if (kind != export_kind || !fields.contains(std::string(column))) continue;
    const json& value = fields[std::string(column)];
    if (!value.is_string()) continue;
    if (auto date = core::Date::FromIso(value.get<std::string>())) record_date = *date;
  }
  std::vector<core::panel::PackField> out;
  int left_out = 0;
  for (const auto& [name, value] : fields.items()) {
    const bool listed = std::ranges::find(allowed, name) != allowed.end();
    if (!listed || IdentifiesAPerson(name)) ++left_out;
  }
  for (const std::string& name : allowed) {
    if (IdentifiesAPerson(name) || !fields.contains(name)) continue;
    const json& value = fields[name];
    if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) continue;
    out.push_back({name, ValueText(value), {node, record_date, clause}});
  }
  if (refused != nullptr) *refused = left_out;
  return out;
}

Result<CasePack> CasePackAssembler::Assemble(const PackRequest& request) const {
  CasePack pack;
  pack.pack_id = request.pack_id;
  pack.subject_ref = request.subject_ref;
  pack.case_id = request.case_id;
  pack.meeting_id = request.meeting_id;
  pack.prepared_on = request.prepared_on;
  pack.referral = request.referral;
  pack.triage = request.triage;
  pack.harm_by_month = request.harm_by_month;
  pack.known_victims = request.known_victims;
  pack.children_at_risk = request.children_at_risk;

  const auto policy = matching_.policy->Get();
  const std::string& self = matching_.self;
  // One slot per partner, in ISA party order; the ones to ask are matched first.
  std::vector<AgencyContribution> slots;
  std::vector<std::string> to_match;
  std::vector<std::size_t> slot_of;
  for (const protocol::IsaParty& party : policy->isa().parties) {
    const std::string& peer = party.id.value();
    if (peer == self) continue;
    const auto agency = core::ParseAgencyKind(party.agency_kind);
    if (!agency) continue;
    if (!policy->Allows(self, peer, kCasePackPurpose, kContributionKind)) {
      slots.push_back(Contribution(peer, *agency, ContributionStatus::kNotAllowedByIsa,
                                   "the agreement has no hhpp-case-pack clause for this agency"));
      continue;
    }
    slots.push_back(Contribution(peer, *agency, ContributionStatus::kUnavailable, ""));
    to_match.push_back(peer);
    slot_of.push_back(slots.size() - 1);
  }

  if (!to_match.empty()) {
    auto tokens = runtime::TokeniseRecord(*matching_.store, *matching_.tokeniser,
                                          request.subject_export, request.subject_ref);
    if (!tokens) {
      const Code code = tokens.error().code;
      if (code != Code::kUnavailable && code != Code::kUnauthenticated) {
        return tl::unexpected(tokens.error());
      }
      // Too few key holders answered: no partner can be asked.
      for (const std::size_t slot : slot_of) {
        slots[slot].note = "the subject could not be matched: " + tokens.error().message;
      }
    } else {
      const auto matches = runtime::MatchAcrossPartners(matching_, *tokens, to_match);
      for (std::size_t i = 0; i < matches.size(); ++i) {
        const runtime::PartnerMatch& match = matches[i];
        AgencyContribution& slot = slots[slot_of[i]];
        if (match.error) {
          slot.status = StatusOf(*match.error);
          slot.note = match.error->message;
          continue;
        }
        if (!match.matched()) {
          slot.status = ContributionStatus::kNoMatch;
          continue;
        }
        slot.match_band = match.band;
        const std::string body = json{{"handle", match.handle}}.dump();
        auto answer = matching_.peers->Call(match.node, kCasePackPurpose, kContributionKind, body,
                                            tokens->tokens_hex);
        if (!answer) {
          if (answer.error().code == Code::kNotFound) {
            slot.status = ContributionStatus::kNoMatch;
            slot.match_band.clear();
            slot.note = "the partner no longer holds the matched record";
          } else {
            slot.status = StatusOf(answer.error());
            slot.note = answer.error().message;
          }
          continue;
        }
        int refused = 0;
        auto fields = ContributionFields(
            match.node, answer->result_json,
            policy->AllowedFields(self, match.node, kCasePackPurpose, kContributionKind),
            request.prepared_on, &refused);
        if (!fields) {
          slot.note = fields.error().message;
          continue;
        }
        slot.status = ContributionStatus::kMatched;
        slot.fields = std::move(*fields);
        if (refused > 0) {
          slot.note = std::to_string(refused) +
                      " field(s) left out: not in the agreement's clause, or identifying a person";
        }
      }
    }
  }
  pack.contributions = std::move(slots);
  pack.children_at_risk = std::max(pack.children_at_risk, ChildrenReported(pack.contributions));
  if (auto finalised = core::panel::FinalisePack(pack); !finalised) {
    return tl::unexpected(finalised.error());
  }
  auto at = protocol::FormatTimestamp(clock_());
  if (!at) return tl::unexpected(at.error());
  auto journalled =
      matching_.store->With([&](store::Store& s) { return JournalCasePack(s, pack, *at); });
  if (!journalled) return tl::unexpected(journalled.error());
  return pack;
}

}  // namespace tandem::node::panel
