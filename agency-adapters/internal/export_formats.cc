#include "agency-adapters/internal/export_formats.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/check.h"

namespace tandem::adapters::internal {
namespace {

using DF = DateFormat;
using SV = std::string_view;
constexpr Need kReq = Need::kRequired;
constexpr Need kOpt = Need::kOptional;

// ---- Code lists -----------------------------------------------------------------------------

constexpr std::array<SV, 8> kWarningMarkers = {"VI", "WE", "DA", "ST", "SX", "MH", "DR", "SH"};
constexpr std::array<SV, 4> kRoles = {"SUSPECT", "OFFENDER", "VICTIM", "WITNESS"};
// The offence table of domain.md.
constexpr std::array<SV, 26> kOffences = {"MURDER",
                                          "ATTEMPTED_MURDER",
                                          "RAPE",
                                          "GBH_WITH_INTENT",
                                          "SEXUAL_ASSAULT",
                                          "GBH",
                                          "NON_FATAL_STRANGULATION",
                                          "ROBBERY",
                                          "DRUG_SUPPLY",
                                          "BURGLARY_DWELLING",
                                          "WEAPON_POSSESSION",
                                          "ABH",
                                          "CONTROLLING_COERCIVE",
                                          "THREATS_TO_KILL",
                                          "ARSON",
                                          "CHILD_CRUELTY",
                                          "STALKING",
                                          "BREACH_PROTECTIVE_ORDER",
                                          "HARASSMENT",
                                          "COMMON_ASSAULT",
                                          "MALICIOUS_COMMS",
                                          "PUBLIC_ORDER",
                                          "DRUG_POSSESSION",
                                          "CRIMINAL_DAMAGE",
                                          "THEFT_OTHER",
                                          "THEFT_SHOP"};
constexpr std::array<SV, 2> kYesNo = {"Y", "N"};
constexpr std::array<SV, 6> kOutcomes = {
    "CHARGED", "CONVICTED", "CAUTIONED", "COMMUNITY_RESOLUTION", "NFA", "UNDER_INVESTIGATION"};
constexpr std::array<SV, 5> kSupervision = {"COMMUNITY_ORDER", "SUSPENDED_SENTENCE", "LICENCE",
                                            "POST_SENTENCE_SUPERVISION", "NONE"};
constexpr std::array<SV, 4> kRosh = {"LOW", "MEDIUM", "HIGH", "VERY_HIGH"};
constexpr std::array<SV, 4> kProgrammes = {"BUILDING_CHOICES", "KAIZEN", "HORIZON",
                                           "THINKING_SKILLS"};
constexpr std::array<SV, 6> kServices = {"CMHT", "CRISIS", "FORENSIC", "IAPT", "LIAISON", "ED"};
constexpr std::array<SV, 3> kRiskFlags = {"RISK_TO_OTHERS", "RISK_TO_SELF", "SAFEGUARDING"};
constexpr std::array<SV, 5> kTenures = {"SECURE", "INTRODUCTORY", "TEMPORARY", "PRIVATE_RENTED",
                                        "NONE"};
constexpr std::array<SV, 4> kTenancyStatus = {"ACTIVE", "ARREARS", "EVICTION_PROCEEDINGS", "ENDED"};
constexpr std::array<SV, 4> kHomelessnessDuty = {"NONE", "PREVENTION", "RELIEF", "MAIN"};
constexpr std::array<SV, 6> kSubstances = {"OPIATES", "CRACK",    "COCAINE",
                                           "ALCOHOL", "CANNABIS", "OTHER"};
constexpr std::array<SV, 4> kDischargeReasons = {"COMPLETED", "DROPPED_OUT", "TRANSFERRED",
                                                 "PRISON"};
constexpr std::array<SV, 3> kVictimSex = {"F", "M", "X"};
constexpr std::array<SV, 4> kRelationships = {"PARTNER", "EX_PARTNER", "FAMILY", "OTHER"};
constexpr std::array<SV, 3> kRiskLevels = {"STANDARD", "MEDIUM", "HIGH"};
constexpr std::array<SV, 2> kCaseStatus = {"OPEN", "CLOSED"};

constexpr std::array<SexCode, 3> kPoliceSex = {
    {{"M", Sex::kMale}, {"F", Sex::kFemale}, {"U", Sex::kUnknown}}};
constexpr std::array<SexCode, 3> kProbationGender = {
    {{"MALE", Sex::kMale}, {"FEMALE", Sex::kFemale}, {"UNKNOWN", Sex::kUnknown}}};
// NHS data dictionary person gender code: 9 is "indeterminate" (not known is 0).
constexpr std::array<SexCode, 4> kNhsGender = {
    {{"1", Sex::kMale}, {"2", Sex::kFemale}, {"9", Sex::kOther}, {"0", Sex::kUnknown}}};
constexpr std::array<SexCode, 3> kTreatmentSex = {
    {{"M", Sex::kMale}, {"F", Sex::kFemale}, {"X", Sex::kOther}}};

// ---- Column helpers -------------------------------------------------------------------------

constexpr ColumnSpec Ref(SV name, SV prefix, int min_digits, int max_digits, Need need = kReq) {
  return {.name = name,
          .need = need,
          .parse = ParseReference,
          .prefix = prefix,
          .min_digits = min_digits,
          .max_digits = max_digits};
}
constexpr ColumnSpec Codes(SV name, Need need, std::span<const SV> codes) {
  return {.name = name, .need = need, .parse = ParseCode, .codes = codes};
}
constexpr ColumnSpec CodeList(SV name, std::span<const SV> codes) {
  return {.name = name, .need = kOpt, .parse = ParseCodeList, .codes = codes};
}
constexpr ColumnSpec Date(SV name, Need need, DF format, IdentityFiller fill = nullptr) {
  return {
      .name = name, .need = need, .parse = ParseDateColumn, .fill = fill, .date_format = format};
}
constexpr ColumnSpec Number(SV name, long min, long max, IdentityFiller fill = nullptr) {
  return {.name = name,
          .need = kOpt,
          .parse = ParseWholeNumber,
          .fill = fill,
          .min_value = min,
          .max_value = max};
}
constexpr ColumnSpec SexColumn(SV name, std::span<const SexCode> codes) {
  return {.name = name, .need = kOpt, .parse = ParseSex, .fill = FillSex, .sex_codes = codes};
}
constexpr ColumnSpec Column(SV name, Need need, ColumnParser parse, IdentityFiller fill = nullptr) {
  return {.name = name, .need = need, .parse = parse, .fill = fill};
}

constexpr long kMaxCount = 999;
constexpr long kMaxAge = 120;

// ---- The formats ----------------------------------------------------------------------------

constexpr std::array<ColumnSpec, 11> kPoliceNominals = {
    Ref("nominal_id", "N", 7, 7),
    Column("surname", kReq, ParseName, FillSurname),
    Column("forename", kReq, ParseName, FillForenames),
    Column("middle_names", kOpt, ParseName, FillMiddleNames),
    Date("dob", kOpt, DF::kIso, FillDob),
    SexColumn("sex", kPoliceSex),
    Column("pnc_id", kOpt, ParsePncColumn, FillPnc),
    Column("address", kOpt, ParseText),
    Column("postcode", kOpt, ParsePostcodeColumn, FillPostcode),
    Column("aliases", kOpt, ParseAliases, FillAliases),
    CodeList("warning_markers", kWarningMarkers),
};

constexpr std::array<ColumnSpec, 9> kPoliceOccurrences = {
    Ref("occurrence_id", "OC", 1, 12),     Ref("nominal_id", "N", 7, 7),
    Codes("role", kReq, kRoles),           Codes("offence_code", kReq, kOffences),
    Date("committed_on", kOpt, DF::kIso),  Date("reported_on", kReq, DF::kIso),
    Codes("domestic_abuse", kReq, kYesNo), Ref("victim_ref", "V", 1, 12, kOpt),
    Codes("outcome", kReq, kOutcomes),
};
constexpr std::array<DateOrderRule, 1> kOccurrenceDates = {{{"committed_on", "reported_on"}}};

constexpr std::array<ColumnSpec, 15> kProbationCases = {
    Ref("crn", "@", 6, 6),
    Column("pnc_id", kOpt, ParsePncColumn, FillPnc),
    Column("surname", kReq, ParseName, FillSurname),
    Column("forename", kReq, ParseName, FillForenames),
    Date("dob", kOpt, DF::kDayMonthYear, FillDob),
    SexColumn("gender", kProbationGender),
    Column("postcode", kOpt, ParsePostcodeColumn, FillPostcode),
    Codes("supervision", kReq, kSupervision),
    Date("start_date", kReq, DF::kDayMonthYear),
    Date("end_date", kOpt, DF::kDayMonthYear),
    Codes("rosh", kOpt, kRosh),
    Number("ogrs3_2yr", 0, 99),
    Number("mappa_category", 0, 3),
    Number("mappa_level", 0, 3),
    Codes("accredited_programme", kOpt, kProgrammes),
};
constexpr std::array<DateOrderRule, 2> kProbationDates = {{
    {"dob", "start_date"},
    {"start_date", "end_date"},
}};
// "0 = not MAPPA" for both: one is 0 exactly when the other is.
constexpr std::array<ConditionRule, 2> kProbationConditions = {{
    {"mappa_level", "0", "mappa_category", "0"},
    {"mappa_category", "0", "mappa_level", "0"},
}};

constexpr std::array<ColumnSpec, 12> kNhsMentalHealth = {
    Ref("local_patient_id", "RX", 1, 12),
    Column("nhs_number", kOpt, ParseNhsColumn, FillNhs),
    Column("family_name", kReq, ParseName, FillSurname),
    Column("given_name", kReq, ParseName, FillForenames),
    Date("date_of_birth", kOpt, DF::kDayMonthYear, FillDob),
    SexColumn("gender_code", kNhsGender),
    Column("postcode", kOpt, ParsePostcodeColumn, FillPostcode),
    Codes("service", kReq, kServices),
    Date("referral_date", kReq, DF::kDayMonthYear),
    Date("discharge_date", kOpt, DF::kDayMonthYear),
    CodeList("risk_flags", kRiskFlags),
    Codes("marac_flag", kOpt, kYesNo),
};
constexpr std::array<DateOrderRule, 2> kNhsDates = {{
    {"date_of_birth", "referral_date"},
    {"referral_date", "discharge_date"},
}};

constexpr std::array<ColumnSpec, 12> kHousingTenancies = {
    Ref("tenancy_ref", "T", 1, 12),
    Column("lead_tenant_name", kReq, ParseTenantName, FillTenantName),
    Date("date_of_birth", kOpt, DF::kDayMonYear, FillDob),
    Column("ni_number", kOpt, ParseNiColumn, FillNi),
    Column("address", kOpt, ParseText),
    Column("postcode", kOpt, ParsePostcodeColumn, FillPostcode),
    Codes("tenure", kReq, kTenures),
    Codes("status", kReq, kTenancyStatus),
    Date("start_date", kReq, DF::kDayMonYear),
    Date("end_date", kOpt, DF::kDayMonYear),
    Codes("homelessness_duty", kOpt, kHomelessnessDuty),
    Number("asb_cases_open", 0, kMaxCount),
};
constexpr std::array<DateOrderRule, 2> kHousingDates = {{
    {"date_of_birth", "start_date"},
    {"start_date", "end_date"},
}};
constexpr std::array<ConditionRule, 1> kHousingConditions = {{
    {"end_date", "*", "status", "ENDED"},
}};

constexpr std::array<ColumnSpec, 12> kTreatmentEpisodes = {
    Ref("client_ref", "C", 1, 12),
    Column("first_initial", kOpt, ParseInitial, FillFirstInitial),
    Column("surname_initial", kOpt, ParseInitial, FillSurnameInitial),
    Date("dob", kOpt, DF::kIso, FillDob),
    SexColumn("sex", kTreatmentSex),
    Column("postcode_district", kOpt, ParseDistrictColumn, FillDistrict),
    Codes("substance", kReq, kSubstances),
    Date("referral_date", kReq, DF::kIso),
    Date("treatment_start", kOpt, DF::kIso),
    Date("discharge_date", kOpt, DF::kIso),
    Codes("discharge_reason", kOpt, kDischargeReasons),
    Codes("injecting", kOpt, kYesNo),
};
constexpr std::array<DateOrderRule, 4> kTreatmentDates = {{
    {"dob", "referral_date"},
    {"referral_date", "treatment_start"},
    {"referral_date", "discharge_date"},
    {"treatment_start", "discharge_date"},
}};
// A discharge has a date and a reason, or neither (still in treatment).
constexpr std::array<ConditionRule, 2> kTreatmentConditions = {{
    {"discharge_date", "*", "discharge_reason", "*"},
    {"discharge_reason", "*", "discharge_date", "*"},
}};

constexpr std::array<ColumnSpec, 14> kIdvaCases = {
    Ref("case_ref", "IDVA-", 1, 12),
    Date("referral_date", kReq, DF::kDayMonthYear),
    Number("victim_age", 0, kMaxAge),
    Codes("victim_sex", kOpt, kVictimSex),
    Number("children_in_household", 0, kMaxCount),
    Column("perpetrator_name", kOpt, ParseText, FillDescribedName),
    Date("perpetrator_dob", kOpt, DF::kDayMonthYear, FillDob),
    Number("perpetrator_age", 0, kMaxAge, FillEstimatedAge),
    Codes("relationship", kOpt, kRelationships),
    Codes("risk_level", kReq, kRiskLevels),
    Number("dash_score", 0, 24),
    Codes("marac_referral", kOpt, kYesNo),
    Codes("case_status", kReq, kCaseStatus),
    Date("closed_date", kOpt, DF::kDayMonthYear),
};
constexpr std::array<DateOrderRule, 2> kIdvaDates = {{
    {"perpetrator_dob", "referral_date"},
    {"referral_date", "closed_date"},
}};
constexpr std::array<ConditionRule, 2> kIdvaConditions = {{
    {"closed_date", "*", "case_status", "CLOSED"},
    {"closed_date", "", "case_status", "OPEN"},
}};

constexpr std::array<ExportFormat, 7> kFormats = {{
    {ExportKind::kPoliceNominals, kPoliceNominals, "nominal_id", "nominal_id", true},
    {ExportKind::kPoliceOccurrences, kPoliceOccurrences, "occurrence_id", "nominal_id", false,
     kOccurrenceDates},
    {ExportKind::kProbationCases, kProbationCases, "crn", "crn", true, kProbationDates,
     kProbationConditions},
    {ExportKind::kNhsMentalHealth, kNhsMentalHealth, "local_patient_id", "local_patient_id", true,
     kNhsDates},
    {ExportKind::kHousingTenancies, kHousingTenancies, "tenancy_ref", "tenancy_ref", true,
     kHousingDates, kHousingConditions},
    {ExportKind::kTreatmentEpisodes, kTreatmentEpisodes, "client_ref", "client_ref", true,
     kTreatmentDates, kTreatmentConditions},
    {ExportKind::kIdvaCases, kIdvaCases, "case_ref", "case_ref", true, kIdvaDates, kIdvaConditions},
}};

}  // namespace

std::span<const ExportFormat> AllExportFormats() { return kFormats; }

std::vector<const ExportFormat*> ExportFormatsOf(core::AgencyKind agency) {
  std::vector<const ExportFormat*> out;
  for (const ExportFormat& f : kFormats) {
    if (ExportAgency(f.kind) == agency) out.push_back(&f);
  }
  return out;
}

const ExportFormat& ExportFormatOf(ExportKind kind) {
  for (const ExportFormat& f : kFormats) {
    if (f.kind == kind) return f;
  }
  TANDEM_CHECK(false);
  return kFormats[0];
}

std::string HeaderLine(const ExportFormat& format) {
  std::string line;
  for (const ColumnSpec& c : format.columns) {
    if (!line.empty()) line.push_back(',');
    line += c.name;
  }
  return line;
}

int ColumnIndex(const ExportFormat& format, std::string_view column) {
  for (std::size_t i = 0; i < format.columns.size(); ++i) {
    if (format.columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace tandem::adapters::internal
