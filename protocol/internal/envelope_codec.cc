// Envelope fields <-> JSON tree. Field names and order of checks follow docs/protocol.md.
#include "protocol/internal/envelope_codec.h"

#include <array>
#include <cmath>
#include <string>
#include <utility>

namespace tandem::protocol::internal {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

// Every member an envelope has, in no particular order; anything else is refused.
constexpr std::array<std::string_view, 12> kMembers = {"v",       "id",      "from", "to",
                                                       "isa",     "purpose", "kind", "created",
                                                       "expires", "nonce",   "body", "sig"};

void AddMember(JsonNode& object, std::string name, JsonNode value) {
  object.names.push_back(std::move(name));
  object.items.push_back(std::move(value));
}

tl::unexpected<Error> FieldError(std::string_view field, std::string_view why) {
  return Fail(Code::kInvalidArgument,
              "envelope field '" + std::string(field) + "': " + std::string(why));
}

Result<const JsonNode*> Member(const JsonNode& object, std::string_view name, JsonKind kind,
                               std::string_view field) {
  const JsonNode* node = object.Find(name);
  if (node == nullptr) return FieldError(field, "missing");
  if (node->kind != kind) {
    static constexpr std::array<std::string_view, 6> kKindNames = {
        "null", "a boolean", "a number", "a string", "an array", "an object"};
    return FieldError(field,
                      "must be " + std::string(kKindNames.at(static_cast<std::size_t>(kind))));
  }
  return node;
}

template <class T>
Result<T> StringField(const JsonNode& object, std::string_view name, std::string_view field,
                      Result<T> (*make)(std::string_view)) {
  auto node = Member(object, name, JsonKind::kString, field);
  if (!node) return tl::unexpected(node.error());
  auto value = make((*node)->string);
  if (!value) return FieldError(field, value.error().message);
  return value;
}

Result<std::int64_t> SafeIntegerField(const JsonNode& object, std::string_view name,
                                      std::string_view field, double min) {
  auto node = Member(object, name, JsonKind::kNumber, field);
  if (!node) return tl::unexpected(node.error());
  const double value = (*node)->number;
  if (std::trunc(value) != value || value < min || value > kMaxSafeInteger) {
    return FieldError(
        field, "must be an integer from " + std::to_string(std::int64_t(min)) + " to 2^53 - 1");
  }
  return static_cast<std::int64_t>(value);
}

Result<crypto::Ed25519Signature> SignatureFromHex(std::string_view hex) {
  if (hex.size() != 2 * crypto::kEd25519SignatureSize) {
    return FieldError("sig", "must be 128 lower-case hex digits");
  }
  crypto::Ed25519Signature sig{};
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[i];
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (digit < 0) return FieldError("sig", "must be 128 lower-case hex digits");
    sig[i / 2] = static_cast<std::uint8_t>(sig[i / 2] * 16 + digit);
  }
  return sig;
}

}  // namespace

Result<JsonNode> EncodeUnsigned(const EnvelopeHeader& header, JsonNode body) {
  auto created = FormatTimestamp(header.created);
  if (!created) return FieldError("created", created.error().message);
  auto expires = FormatTimestamp(header.expires);
  if (!expires) return FieldError("expires", expires.error().message);
  if (header.isa.version < 1 || static_cast<double>(header.isa.version) > kMaxSafeInteger) {
    return FieldError("isa.version", "must be an integer from 1 to 2^53 - 1");
  }
  JsonNode isa;
  isa.kind = JsonKind::kObject;
  AddMember(isa, "id", JsonNode::String(header.isa.id.value()));
  AddMember(isa, "version", JsonNode::Number(static_cast<double>(header.isa.version)));

  JsonNode root;
  root.kind = JsonKind::kObject;
  AddMember(root, "v", JsonNode::Number(static_cast<double>(kProtocolVersion)));
  AddMember(root, "id", JsonNode::String(header.id.Hex()));
  AddMember(root, "from", JsonNode::String(header.from.value()));
  AddMember(root, "to", JsonNode::String(header.to.value()));
  AddMember(root, "isa", std::move(isa));
  AddMember(root, "purpose", JsonNode::String(header.purpose.value()));
  AddMember(root, "kind", JsonNode::String(header.kind.value()));
  AddMember(root, "created", JsonNode::String(*std::move(created)));
  AddMember(root, "expires", JsonNode::String(*std::move(expires)));
  AddMember(root, "nonce", JsonNode::String(header.nonce.Hex()));
  AddMember(root, "body", std::move(body));
  return root;
}

Result<DecodedEnvelope> Decode(std::string_view wire) {
  auto parsed = ParseJson(wire, {kMaxEnvelopeBytes, 64});
  if (!parsed) return Fail(Code::kInvalidArgument, "envelope: " + parsed.error().message);
  JsonNode& root = *parsed;
  if (root.kind != JsonKind::kObject) {
    return Fail(Code::kInvalidArgument, "envelope: must be a JSON object");
  }
  std::string canonical;
  if (auto st = WriteCanonical(root, canonical); !st) return tl::unexpected(st.error());
  if (canonical != wire) {
    return Fail(Code::kInvalidArgument, "envelope: not in RFC 8785 canonical form");
  }
  for (const auto& name : root.names) {
    bool known = false;
    for (const auto member : kMembers) known = known || name == member;
    if (!known) return FieldError(name, "unknown field");
  }

  auto version = SafeIntegerField(root, "v", "v", 0);
  if (!version) return tl::unexpected(version.error());
  if (*version != kProtocolVersion) {
    return FieldError("v", "unsupported protocol version " + std::to_string(*version) +
                               " (this node speaks " + std::to_string(kProtocolVersion) + ")");
  }
  auto id = StringField<MessageId>(root, "id", "id", &MessageId::FromHex);
  if (!id) return tl::unexpected(id.error());
  auto from = StringField<NodeId>(root, "from", "from", &NodeId::Create);
  if (!from) return tl::unexpected(from.error());
  auto to = StringField<NodeId>(root, "to", "to", &NodeId::Create);
  if (!to) return tl::unexpected(to.error());

  auto isa = Member(root, "isa", JsonKind::kObject, "isa");
  if (!isa) return tl::unexpected(isa.error());
  for (const auto& name : (*isa)->names) {
    if (name != "id" && name != "version") return FieldError("isa." + name, "unknown field");
  }
  auto isa_id = StringField<IsaId>(**isa, "id", "isa.id", &IsaId::Create);
  if (!isa_id) return tl::unexpected(isa_id.error());
  auto isa_version = SafeIntegerField(**isa, "version", "isa.version", 1);
  if (!isa_version) return tl::unexpected(isa_version.error());

  auto purpose = StringField<PurposeId>(root, "purpose", "purpose", &PurposeId::Create);
  if (!purpose) return tl::unexpected(purpose.error());
  auto kind = StringField<MessageKind>(root, "kind", "kind", &MessageKind::Create);
  if (!kind) return tl::unexpected(kind.error());
  auto created = StringField<Seconds>(root, "created", "created", &ParseTimestamp);
  if (!created) return tl::unexpected(created.error());
  auto expires = StringField<Seconds>(root, "expires", "expires", &ParseTimestamp);
  if (!expires) return tl::unexpected(expires.error());
  if (*expires <= *created) return FieldError("expires", "must be after 'created'");
  auto nonce = StringField<Nonce>(root, "nonce", "nonce", &Nonce::FromHex);
  if (!nonce) return tl::unexpected(nonce.error());

  auto body = Member(root, "body", JsonKind::kObject, "body");
  if (!body) return tl::unexpected(body.error());
  std::string body_json;
  if (auto st = WriteCanonical(**body, body_json); !st) return tl::unexpected(st.error());

  auto sig_node = Member(root, "sig", JsonKind::kString, "sig");
  if (!sig_node) return tl::unexpected(sig_node.error());
  auto sig = SignatureFromHex((*sig_node)->string);
  if (!sig) return tl::unexpected(sig.error());

  // The signed form is the canonical envelope minus `sig`.
  JsonNode unsigned_root;
  unsigned_root.kind = JsonKind::kObject;
  for (std::size_t i = 0; i < root.names.size(); ++i) {
    if (root.names[i] == "sig") continue;
    unsigned_root.names.push_back(std::move(root.names[i]));
    unsigned_root.items.push_back(std::move(root.items[i]));
  }
  std::string signed_json;
  if (auto st = WriteCanonical(unsigned_root, signed_json); !st) {
    return tl::unexpected(st.error());
  }

  return DecodedEnvelope{
      EnvelopeHeader{*std::move(id), *std::move(from), *std::move(to),
                     IsaRef{*std::move(isa_id), *isa_version}, *std::move(purpose),
                     *std::move(kind), *created, *expires, *std::move(nonce)},
      std::move(body_json), *sig, std::move(signed_json)};
}

std::string SignatureInput(std::string_view signed_json) {
  std::string input(kEnvelopeSignatureContext);
  input.push_back('\0');
  input.append(signed_json);
  return input;
}

}  // namespace tandem::protocol::internal
