// ISA document <-> JSON tree. The member tables below are the field lists of docs/isa.md.
#include "protocol/internal/isa_codec.h"

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace tandem::protocol::internal {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

constexpr std::array<std::string_view, 9> kIsaMembers = {
    "id",       "version", "valid_from",         "valid_until", "parties",
    "purposes", "oprf",    "disclosure_control", "signatures"};
constexpr std::array<std::string_view, 7> kPartyMembers = {
    "id", "agency_kind", "name", "signing_key", "cert_sha256", "endpoint", "lawful_basis"};
constexpr std::array<std::string_view, 5> kPurposeMembers = {"id", "description", "retention_days",
                                                             "daily_quota_per_peer", "clauses"};
constexpr std::array<std::string_view, 6> kClauseMembers = {
    "id", "from", "to", "kinds", "data_categories", "fields"};
constexpr std::array<std::string_view, 2> kOprfMembers = {"threshold", "holders"};
constexpr std::array<std::string_view, 4> kDisclosureMembers = {
    "k", "small_cell_threshold", "rounding_base", "dp_epsilon_budget"};

std::string Join(std::string_view path, std::string_view member) {
  return path.empty() ? std::string(member) : std::string(path) + "." + std::string(member);
}

std::string At(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

std::string_view KindName(JsonKind kind) {
  static constexpr std::array<std::string_view, 6> kNames = {"null",     "a boolean", "a number",
                                                             "a string", "an array",  "an object"};
  return kNames.at(static_cast<std::size_t>(kind));
}

// Refuses an object with a member outside `members`; the first unknown one is named.
template <std::size_t N>
Status OnlyMembers(const JsonNode& object, std::string_view path,
                   const std::array<std::string_view, N>& members) {
  for (const auto& name : object.names) {
    bool known = false;
    for (const auto member : members) known = known || name == member;
    if (!known) return IsaFieldError(Join(path, name), "unknown field");
  }
  return Ok();
}

Result<const JsonNode*> Member(const JsonNode& object, std::string_view path, std::string_view name,
                               JsonKind kind) {
  const std::string field = Join(path, name);
  const JsonNode* node = object.Find(name);
  if (node == nullptr) return IsaFieldError(field, "missing");
  if (node->kind != kind) return IsaFieldError(field, "must be " + std::string(KindName(kind)));
  return node;
}

Result<const JsonNode*> Object(const JsonNode& node, std::string_view path) {
  if (node.kind != JsonKind::kObject) return IsaFieldError(path, "must be an object");
  return &node;
}

Result<std::string> String(const JsonNode& object, std::string_view path, std::string_view name) {
  auto node = Member(object, path, name, JsonKind::kString);
  if (!node) return tl::unexpected(node.error());
  return (*node)->string;
}

// A whole number from 0 to 2^53 - 1 (ranges beyond that are CheckIsa's).
Result<std::int64_t> Integer(const JsonNode& object, std::string_view path, std::string_view name) {
  auto node = Member(object, path, name, JsonKind::kNumber);
  if (!node) return tl::unexpected(node.error());
  const double value = (*node)->number;
  if (std::trunc(value) != value || value < 0 || value > kMaxSafeInteger) {
    return IsaFieldError(Join(path, name), "must be a whole number from 0 to 2^53 - 1");
  }
  return static_cast<std::int64_t>(value);
}

template <class T>
Result<T> NameFrom(const JsonNode& node, const std::string& field) {
  if (node.kind != JsonKind::kString) return IsaFieldError(field, "must be a string");
  auto value = T::Create(node.string);
  if (!value) return IsaFieldError(field, "'" + node.string + "': " + value.error().message);
  return value;
}

template <class T>
Result<T> NameMember(const JsonNode& object, std::string_view path, std::string_view name) {
  auto node = Member(object, path, name, JsonKind::kString);
  if (!node) return tl::unexpected(node.error());
  return NameFrom<T>(**node, Join(path, name));
}

template <class T>
Result<std::vector<T>> NameArray(const JsonNode& object, std::string_view path,
                                 std::string_view name) {
  auto node = Member(object, path, name, JsonKind::kArray);
  if (!node) return tl::unexpected(node.error());
  std::vector<T> out;
  out.reserve((*node)->items.size());
  const std::string field = Join(path, name);
  for (std::size_t i = 0; i < (*node)->items.size(); ++i) {
    auto value = NameFrom<T>((*node)->items[i], At(field, i));
    if (!value) return tl::unexpected(value.error());
    out.push_back(*std::move(value));
  }
  return out;
}

Result<std::vector<std::string>> StringArray(const JsonNode& object, std::string_view path,
                                             std::string_view name) {
  auto node = Member(object, path, name, JsonKind::kArray);
  if (!node) return tl::unexpected(node.error());
  std::vector<std::string> out;
  out.reserve((*node)->items.size());
  const std::string field = Join(path, name);
  for (std::size_t i = 0; i < (*node)->items.size(); ++i) {
    const JsonNode& item = (*node)->items[i];
    if (item.kind != JsonKind::kString) return IsaFieldError(At(field, i), "must be a string");
    out.push_back(item.string);
  }
  return out;
}

Result<Seconds> Time(const JsonNode& object, std::string_view path, std::string_view name) {
  auto text = String(object, path, name);
  if (!text) return tl::unexpected(text.error());
  auto time = ParseTimestamp(*text);
  if (!time) return IsaFieldError(Join(path, name), "'" + *text + "': " + time.error().message);
  return time;
}

bool IsLowerHex(std::string_view text, std::size_t digits) {
  if (text.size() != digits) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

template <std::size_t N>
std::array<std::uint8_t, N> HexBytes(std::string_view hex) {
  std::array<std::uint8_t, N> out{};
  for (std::size_t i = 0; i < 2 * N; ++i) {
    const char c = hex[i];
    const int digit = c <= '9' ? c - '0' : c - 'a' + 10;
    out[i / 2] = static_cast<std::uint8_t>(out[i / 2] * 16 + digit);
  }
  return out;
}

Result<IsaParty> DecodeParty(const JsonNode& node, const std::string& path) {
  auto object = Object(node, path);
  if (!object) return tl::unexpected(object.error());
  if (auto st = OnlyMembers(node, path, kPartyMembers); !st) return tl::unexpected(st.error());
  auto id = NameMember<NodeId>(node, path, "id");
  if (!id) return tl::unexpected(id.error());
  auto agency_kind = String(node, path, "agency_kind");
  if (!agency_kind) return tl::unexpected(agency_kind.error());
  auto name = String(node, path, "name");
  if (!name) return tl::unexpected(name.error());
  auto key_hex = String(node, path, "signing_key");
  if (!key_hex) return tl::unexpected(key_hex.error());
  if (!IsLowerHex(*key_hex, 2 * crypto::kEd25519PublicKeySize)) {
    return IsaFieldError(Join(path, "signing_key"), "must be 64 lower-case hex digits");
  }
  auto key = crypto::VerifyingKey::FromHex(*key_hex);
  if (!key) return IsaFieldError(Join(path, "signing_key"), key.error().message);
  auto cert = String(node, path, "cert_sha256");
  if (!cert) return tl::unexpected(cert.error());
  auto endpoint = String(node, path, "endpoint");
  if (!endpoint) return tl::unexpected(endpoint.error());
  auto lawful_basis = String(node, path, "lawful_basis");
  if (!lawful_basis) return tl::unexpected(lawful_basis.error());
  return IsaParty{*std::move(id),   *std::move(agency_kind), *std::move(name),        *key,
                  *std::move(cert), *std::move(endpoint),    *std::move(lawful_basis)};
}

Result<IsaClause> DecodeClause(const JsonNode& node, const std::string& path) {
  auto object = Object(node, path);
  if (!object) return tl::unexpected(object.error());
  if (auto st = OnlyMembers(node, path, kClauseMembers); !st) return tl::unexpected(st.error());
  auto id = String(node, path, "id");
  if (!id) return tl::unexpected(id.error());
  auto from = NameArray<NodeId>(node, path, "from");
  if (!from) return tl::unexpected(from.error());
  auto to = NameArray<NodeId>(node, path, "to");
  if (!to) return tl::unexpected(to.error());
  auto kinds = NameArray<MessageKind>(node, path, "kinds");
  if (!kinds) return tl::unexpected(kinds.error());
  auto categories = StringArray(node, path, "data_categories");
  if (!categories) return tl::unexpected(categories.error());
  auto fields = StringArray(node, path, "fields");
  if (!fields) return tl::unexpected(fields.error());
  return IsaClause{*std::move(id),    *std::move(from),       *std::move(to),
                   *std::move(kinds), *std::move(categories), *std::move(fields)};
}

Result<IsaPurpose> DecodePurpose(const JsonNode& node, const std::string& path) {
  auto object = Object(node, path);
  if (!object) return tl::unexpected(object.error());
  if (auto st = OnlyMembers(node, path, kPurposeMembers); !st) return tl::unexpected(st.error());
  auto id = NameMember<PurposeId>(node, path, "id");
  if (!id) return tl::unexpected(id.error());
  auto description = String(node, path, "description");
  if (!description) return tl::unexpected(description.error());
  auto retention = Integer(node, path, "retention_days");
  if (!retention) return tl::unexpected(retention.error());
  auto quota = Integer(node, path, "daily_quota_per_peer");
  if (!quota) return tl::unexpected(quota.error());
  auto clauses_node = Member(node, path, "clauses", JsonKind::kArray);
  if (!clauses_node) return tl::unexpected(clauses_node.error());
  std::vector<IsaClause> clauses;
  const std::string clauses_path = Join(path, "clauses");
  for (std::size_t i = 0; i < (*clauses_node)->items.size(); ++i) {
    auto clause = DecodeClause((*clauses_node)->items[i], At(clauses_path, i));
    if (!clause) return tl::unexpected(clause.error());
    clauses.push_back(*std::move(clause));
  }
  return IsaPurpose{*std::move(id), *std::move(description), *retention, *quota,
                    std::move(clauses)};
}

JsonNode ObjectNode() {
  JsonNode node;
  node.kind = JsonKind::kObject;
  return node;
}

template <class T, class ToString>
JsonNode ArrayNode(const std::vector<T>& values, ToString to_string) {
  JsonNode node;
  node.kind = JsonKind::kArray;
  for (const auto& value : values) node.items.push_back(JsonNode::String(to_string(value)));
  return node;
}

void Add(JsonNode& object, std::string name, JsonNode value) {
  object.names.push_back(std::move(name));
  object.items.push_back(std::move(value));
}

std::string NameValue(const auto& name) { return name.value(); }
std::string Same(const std::string& value) { return value; }

}  // namespace

tl::unexpected<Error> IsaFieldError(std::string_view path, std::string_view why) {
  return Fail(Code::kInvalidArgument, "isa field '" + std::string(path) + "': " + std::string(why));
}

std::string IsaHex(std::span<const std::uint8_t> bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (const std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0F]);
  }
  return out;
}

Result<Isa> DecodeIsa(const JsonNode& root) {
  if (root.kind != JsonKind::kObject) {
    return Fail(Code::kInvalidArgument, "isa: must be a JSON object");
  }
  if (auto st = OnlyMembers(root, "", kIsaMembers); !st) return tl::unexpected(st.error());
  auto id = NameMember<IsaId>(root, "", "id");
  if (!id) return tl::unexpected(id.error());
  auto version = Integer(root, "", "version");
  if (!version) return tl::unexpected(version.error());
  auto valid_from = Time(root, "", "valid_from");
  if (!valid_from) return tl::unexpected(valid_from.error());
  auto valid_until = Time(root, "", "valid_until");
  if (!valid_until) return tl::unexpected(valid_until.error());

  auto parties_node = Member(root, "", "parties", JsonKind::kArray);
  if (!parties_node) return tl::unexpected(parties_node.error());
  std::vector<IsaParty> parties;
  for (std::size_t i = 0; i < (*parties_node)->items.size(); ++i) {
    auto party = DecodeParty((*parties_node)->items[i], At("parties", i));
    if (!party) return tl::unexpected(party.error());
    parties.push_back(*std::move(party));
  }

  auto purposes_node = Member(root, "", "purposes", JsonKind::kArray);
  if (!purposes_node) return tl::unexpected(purposes_node.error());
  std::vector<IsaPurpose> purposes;
  for (std::size_t i = 0; i < (*purposes_node)->items.size(); ++i) {
    auto purpose = DecodePurpose((*purposes_node)->items[i], At("purposes", i));
    if (!purpose) return tl::unexpected(purpose.error());
    purposes.push_back(*std::move(purpose));
  }

  auto oprf = Member(root, "", "oprf", JsonKind::kObject);
  if (!oprf) return tl::unexpected(oprf.error());
  if (auto st = OnlyMembers(**oprf, "oprf", kOprfMembers); !st) return tl::unexpected(st.error());
  auto threshold = Integer(**oprf, "oprf", "threshold");
  if (!threshold) return tl::unexpected(threshold.error());
  if (*threshold < 1 || *threshold > std::numeric_limits<std::uint32_t>::max()) {
    return IsaFieldError("oprf.threshold", "must be at least 1 and at most the number of holders");
  }
  auto holders = NameArray<NodeId>(**oprf, "oprf", "holders");
  if (!holders) return tl::unexpected(holders.error());

  auto disclosure = Member(root, "", "disclosure_control", JsonKind::kObject);
  if (!disclosure) return tl::unexpected(disclosure.error());
  if (auto st = OnlyMembers(**disclosure, "disclosure_control", kDisclosureMembers); !st) {
    return tl::unexpected(st.error());
  }
  auto k = Integer(**disclosure, "disclosure_control", "k");
  if (!k) return tl::unexpected(k.error());
  auto small_cell = Integer(**disclosure, "disclosure_control", "small_cell_threshold");
  if (!small_cell) return tl::unexpected(small_cell.error());
  auto rounding = Integer(**disclosure, "disclosure_control", "rounding_base");
  if (!rounding) return tl::unexpected(rounding.error());
  auto epsilon = Member(**disclosure, "disclosure_control", "dp_epsilon_budget", JsonKind::kNumber);
  if (!epsilon) return tl::unexpected(epsilon.error());

  auto signatures_node = Member(root, "", "signatures", JsonKind::kObject);
  if (!signatures_node) return tl::unexpected(signatures_node.error());
  std::map<std::string, crypto::Ed25519Signature> signatures;
  for (std::size_t i = 0; i < (*signatures_node)->names.size(); ++i) {
    const std::string& party = (*signatures_node)->names[i];
    const JsonNode& value = (*signatures_node)->items[i];
    const std::string field = "signatures." + party;
    if (value.kind != JsonKind::kString ||
        !IsLowerHex(value.string, 2 * crypto::kEd25519SignatureSize)) {
      return IsaFieldError(field, "must be 128 lower-case hex digits");
    }
    signatures.emplace(party, HexBytes<crypto::kEd25519SignatureSize>(value.string));
  }

  return Isa{*std::move(id),
             *version,
             *valid_from,
             *valid_until,
             std::move(parties),
             std::move(purposes),
             static_cast<std::uint32_t>(*threshold),
             *std::move(holders),
             DisclosureControl{*k, *small_cell, *rounding, (*epsilon)->number},
             std::move(signatures)};
}

Result<JsonNode> EncodeIsaTree(const Isa& isa, bool with_signatures) {
  auto valid_from = FormatTimestamp(isa.valid_from);
  if (!valid_from) return IsaFieldError("valid_from", valid_from.error().message);
  auto valid_until = FormatTimestamp(isa.valid_until);
  if (!valid_until) return IsaFieldError("valid_until", valid_until.error().message);

  JsonNode root = ObjectNode();
  Add(root, "id", JsonNode::String(isa.id.value()));
  Add(root, "version", JsonNode::Number(static_cast<double>(isa.version)));
  Add(root, "valid_from", JsonNode::String(*std::move(valid_from)));
  Add(root, "valid_until", JsonNode::String(*std::move(valid_until)));

  JsonNode parties;
  parties.kind = JsonKind::kArray;
  for (const auto& party : isa.parties) {
    JsonNode node = ObjectNode();
    Add(node, "id", JsonNode::String(party.id.value()));
    Add(node, "agency_kind", JsonNode::String(party.agency_kind));
    Add(node, "name", JsonNode::String(party.name));
    Add(node, "signing_key", JsonNode::String(party.signing_key.Hex()));
    Add(node, "cert_sha256", JsonNode::String(party.cert_sha256));
    Add(node, "endpoint", JsonNode::String(party.endpoint));
    Add(node, "lawful_basis", JsonNode::String(party.lawful_basis));
    parties.items.push_back(std::move(node));
  }
  Add(root, "parties", std::move(parties));

  JsonNode purposes;
  purposes.kind = JsonKind::kArray;
  for (const auto& purpose : isa.purposes) {
    JsonNode node = ObjectNode();
    Add(node, "id", JsonNode::String(purpose.id.value()));
    Add(node, "description", JsonNode::String(purpose.description));
    Add(node, "retention_days", JsonNode::Number(static_cast<double>(purpose.retention_days)));
    Add(node, "daily_quota_per_peer",
        JsonNode::Number(static_cast<double>(purpose.daily_quota_per_peer)));
    JsonNode clauses;
    clauses.kind = JsonKind::kArray;
    for (const auto& clause : purpose.clauses) {
      JsonNode c = ObjectNode();
      Add(c, "id", JsonNode::String(clause.id));
      Add(c, "from", ArrayNode(clause.from, [](const NodeId& n) { return NameValue(n); }));
      Add(c, "to", ArrayNode(clause.to, [](const NodeId& n) { return NameValue(n); }));
      Add(c, "kinds", ArrayNode(clause.kinds, [](const MessageKind& k) { return NameValue(k); }));
      Add(c, "data_categories", ArrayNode(clause.data_categories, Same));
      Add(c, "fields", ArrayNode(clause.fields, Same));
      clauses.items.push_back(std::move(c));
    }
    Add(node, "clauses", std::move(clauses));
    purposes.items.push_back(std::move(node));
  }
  Add(root, "purposes", std::move(purposes));

  JsonNode oprf = ObjectNode();
  Add(oprf, "threshold", JsonNode::Number(static_cast<double>(isa.oprf_threshold)));
  Add(oprf, "holders", ArrayNode(isa.oprf_holders, [](const NodeId& n) { return NameValue(n); }));
  Add(root, "oprf", std::move(oprf));

  const DisclosureControl& dc = isa.disclosure_control;
  JsonNode disclosure = ObjectNode();
  Add(disclosure, "k", JsonNode::Number(static_cast<double>(dc.k)));
  Add(disclosure, "small_cell_threshold",
      JsonNode::Number(static_cast<double>(dc.small_cell_threshold)));
  Add(disclosure, "rounding_base", JsonNode::Number(static_cast<double>(dc.rounding_base)));
  Add(disclosure, "dp_epsilon_budget", JsonNode::Number(dc.dp_epsilon_budget));
  Add(root, "disclosure_control", std::move(disclosure));

  if (with_signatures) {
    JsonNode signatures = ObjectNode();
    for (const auto& [party, sig] : isa.signatures)
      Add(signatures, party, JsonNode::String(IsaHex(sig)));
    Add(root, "signatures", std::move(signatures));
  }
  return root;
}

}  // namespace tandem::protocol::internal
