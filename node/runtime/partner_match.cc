#include "node/runtime/partner_match.h"

#include <nlohmann/json.hpp>

#include "agency-adapters/match_keys.h"
#include "crypto/hex.h"
#include "node/runtime/match_answer_codec.h"
#include "node/tokens/identity_json.h"

namespace tandem::node::runtime {

using nlohmann::json;

std::string RecordTokens::QueryJson() const {
  json query = json::array();
  for (std::size_t i = 0; i < tokens_hex.size(); ++i) {
    query.push_back({{"key", key_types[i]}, {"token", tokens_hex[i]}});
  }
  return json{{"tokens", query}}.dump();
}

Result<RecordTokens> TokeniseRecord(endpoints::SharedStore& store,
                                    const tokens::Tokeniser& tokeniser,
                                    std::string_view export_kind, std::string_view ref) {
  auto record = store.With([&](store::Store& s) { return s.GetRecord(export_kind, ref); });
  if (!record) return tl::unexpected(record.error());
  if (!*record || (*record)->identity.empty()) {
    return Fail(Code::kNotFound, "no person record with that export and reference");
  }
  auto identity = tokens::ParseStoredIdentity((*record)->identity);
  if (!identity) return tl::unexpected(identity.error());
  adapters::MatchKeyValues values;
  const auto table = adapters::MatchKeyTable();
  if (auto derived =
          adapters::DeriveMatchKeys(table, adapters::MatchKeySource{&*identity, {}}, values);
      !derived) {
    return tl::unexpected(derived.error());
  }
  if (values.empty()) return Fail(Code::kInvalidArgument, "the record gives no match key");
  std::vector<std::span<const std::uint8_t>> inputs;
  for (std::size_t i = 0; i < values.size(); ++i) inputs.push_back(values.input(i));
  auto tokens = tokeniser.Tokenise(inputs);
  if (!tokens) return tl::unexpected(tokens.error());
  RecordTokens out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.key_types.emplace_back(table[values.key_index(i)].name);
    out.tokens_hex.push_back(crypto::EncodeHex((*tokens)[i].bytes));
  }
  return out;
}

std::vector<std::string> MatchPartners(const PartnerMatchContext& context) {
  const auto policy = context.policy->Get();
  std::vector<std::string> partners;
  for (const protocol::IsaParty& party : policy->isa().parties) {
    const std::string& peer = party.id.value();
    if (peer == context.self || !policy->Allows(context.self, peer, context.purpose, kMatchKind)) {
      continue;
    }
    partners.push_back(peer);
  }
  return partners;
}

namespace {

// The answer's result into `match`, or why it cannot be read.
Status ReadAnswer(std::string_view result_json, PartnerMatch& match) {
  auto answer = DecodeMatchAnswer(result_json);
  if (!answer) return tl::unexpected(answer.error());
  match.band = std::move(answer->band);
  match.agreed = std::move(answer->agreed);
  match.handle = std::move(answer->handle);
  return Ok();
}

}  // namespace

std::vector<PartnerMatch> MatchAcrossPartners(const PartnerMatchContext& context,
                                              const RecordTokens& tokens,
                                              const std::vector<std::string>& partners) {
  const std::vector<std::string> asked = partners.empty() ? MatchPartners(context) : partners;
  const std::string query = tokens.QueryJson();
  std::vector<PartnerMatch> answers;
  for (const std::string& peer : asked) {
    PartnerMatch match;
    match.node = peer;
    auto answer = context.peers->Call(peer, context.purpose, kMatchKind, query, tokens.tokens_hex);
    if (!answer) {
      match.error = answer.error();
    } else if (auto read = ReadAnswer(answer->result_json, match); !read) {
      match.error = read.error();
    }
    answers.push_back(std::move(match));
  }
  return answers;
}

}  // namespace tandem::node::runtime
