#include "node/eval/outcome_manifest.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "crypto/digest.h"
#include "node/eval/release_signature.h"
#include "node/signed_json.h"

namespace tandem::node::eval {
namespace {

using nlohmann::json;
constexpr std::string_view kDomain = "tandem-outcome-set-manifest-v1";
constexpr ReleaseKind kKind{kManifestFormat, kDomain, "outcome-set manifest", "manifest"};

std::size_t CsvRows(std::string_view csv) {
  const auto lines = static_cast<std::size_t>(std::ranges::count(csv, '\n'));
  return lines == 0 ? 0 : lines - 1;  // the header
}

}  // namespace

Result<std::string> SignOutcomeManifest(const OutcomeSet& set,
                                        const EvaluationParameters& parameters,
                                        const ManifestContext& context,
                                        const crypto::SigningKey& key) {
  const DisclosureParameters& d = parameters.disclosure;
  json generalisations = json::array();
  json quasi = json::array();
  for (const AppliedGeneralisation& g : set.generalisations) {
    quasi.push_back(g.column);
    generalisations.push_back({{"column", g.column},
                               {"level", g.level},
                               {"applied", g.level_name},
                               {"hierarchy", g.hierarchy}});
  }
  json dp = {{"mechanism", "two-sided geometric"},
             {"epsilon_spent", core::eval::FormatEpsilon(context.noise.spent)},
             {"noised_tables", context.noise.tables},
             {"agreement_budget", context.epsilon_budget}};
  if (context.noise.spent.micros == 0) dp["epsilon_spent"] = "0";
  if (context.noise.remaining) {
    dp["epsilon_remaining"] = core::eval::FormatEpsilon(*context.noise.remaining);
  }
  json manifest = {
      {"format", kManifestFormat},
      {"evaluation_id", parameters.evaluation_id},
      {"isa", {{"id", parameters.isa_id}, {"version", parameters.isa_version}}},
      {"node", context.node_id},
      {"created", context.created},
      {"parameters",
       {{"data_end", parameters.data_end.ToIso()},
        {"before_days", parameters.before_days},
        {"after_days", parameters.after_days},
        {"follow_up_days", parameters.follow_up_days}}},
      {"quasi_identifiers", quasi},
      {"k", set.k},
      {"max_suppressed_share", d.max_suppressed_share},
      {"generalisations", generalisations},
      {"records_in", set.records_in},
      {"rows_suppressed", set.records_suppressed},
      {"equivalence_classes", set.equivalence_classes},
      {"smallest_class", set.smallest_class},
      {"max_reidentification_risk", set.max_risk},
      {"average_reidentification_risk", set.average_risk},
      {"small_cell_rule",
       {{"threshold", d.small_cells.threshold},
        {"rounding_base", d.small_cells.rounding_base},
        {"suppress_zeros", d.small_cells.suppress_zeros},
        {"secondary_suppression", d.small_cells.secondary_suppression}}},
      {"differential_privacy", dp},
      {"csv",
       {{"file", "outcome-set.csv"},
        {"rows", set.rows},
        {"bytes", set.csv.size()},
        {"sha256", crypto::Sha256Hex(set.csv)}}},
  };
  if (auto signed_ = SignJson(manifest, kDomain, context.node_id, key); !signed_) {
    return tl::unexpected(signed_.error());
  }
  return manifest.dump(2) + "\n";
}

Result<VerifiedManifest> VerifyOutcomeManifest(std::string_view text, std::string_view csv,
                                               const protocol::Isa& isa) {
  json manifest = json::parse(text, nullptr, false);
  auto signer = VerifyRelease(manifest, kKind, isa);
  if (!signer) return tl::unexpected(signer.error());
  const auto missing = [](std::string_view member) {
    return Fail(Code::kInvalidArgument, "not an outcome-set manifest: '" + std::string(member) +
                                            "' is missing or malformed");
  };
  const json& file = manifest.value("csv", json::object());
  if (!file.contains("sha256") || !file["sha256"].is_string() || !file.contains("rows") ||
      !file["rows"].is_number_unsigned()) {
    return missing("csv");
  }
  if (crypto::Sha256Hex(csv) != file["sha256"].get<std::string>()) {
    return Fail(Code::kCorruption,
                "the CSV's SHA-256 is not the one the manifest signs: the file was changed");
  }
  const std::size_t rows = CsvRows(csv);
  if (rows != file["rows"].get<std::size_t>()) {
    return Fail(Code::kCorruption, "the CSV has " + std::to_string(rows) +
                                       " rows, the manifest says " +
                                       std::to_string(file["rows"].get<std::size_t>()));
  }
  return VerifiedManifest{StringMember(manifest, "evaluation_id"), *signer, rows};
}

}  // namespace tandem::node::eval
