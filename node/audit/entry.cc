#include "node/audit/entry.h"

#include <array>
#include <string>
#include <utility>

#include "node/audit/internal/json.h"
#include "protocol/canonical_json.h"

namespace tandem::node::audit {
namespace {

using internal::AppendMember;

constexpr std::string_view kWhat = "audit entry";
constexpr std::size_t kMaxStringBytes = 1024;
constexpr std::size_t kMaxListItems = 1024;

// Every string member of an entry, in RFC 8785 (sorted) order, with its place in the struct.
struct StringMemberSpec {
  std::string_view name;
  std::string AuditEntry::*member;
  bool required;
};

constexpr std::array<StringMemberSpec, 13> kStringMembers = {{
    {"actor", &AuditEntry::actor, true},
    {"isa_clause", &AuditEntry::isa_clause, false},
    {"isa_id", &AuditEntry::isa_id, false},
    {"kind", &AuditEntry::kind, true},
    {"message_id", &AuditEntry::message_id, false},
    {"nonce", &AuditEntry::nonce, false},
    {"outcome", &AuditEntry::outcome, true},
    {"peer", &AuditEntry::peer, false},
    {"processing", &AuditEntry::processing, true},
    {"purpose", &AuditEntry::purpose, false},
    {"recipient", &AuditEntry::recipient, false},
    {"request_sha256", &AuditEntry::request_sha256, false},
    {"response_sha256", &AuditEntry::response_sha256, false},
}};

tl::unexpected<Error> FieldError(std::string_view name, std::string_view why) {
  return internal::MemberError(kWhat, name, why);
}

Status CheckText(std::string_view name, std::string_view value) {
  if (value.size() > kMaxStringBytes) {
    return FieldError(name, "longer than " + std::to_string(kMaxStringBytes) + " bytes");
  }
  if (!internal::IsValidUtf8(value)) return FieldError(name, "is not valid UTF-8");
  return Ok();
}

Status CheckDigest(std::string_view name, std::string_view value) {
  if (value.empty()) return Ok();
  if (value.size() != 64 || !internal::IsLowerHex(value)) {
    return FieldError(name, "must be empty or 64 lower-case hex digits (a SHA-256)");
  }
  return Ok();
}

void AppendStringList(std::string& out, const std::vector<std::string>& items) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    protocol::AppendCanonicalJsonString(out, items[i]);
  }
  out.push_back(']');
}

}  // namespace

Status ValidateEntry(const AuditEntry& entry) {
  for (const auto& spec : kStringMembers) {
    const std::string& value = entry.*spec.member;
    if (spec.required && value.empty()) return FieldError(spec.name, "must not be empty");
    if (auto ok = CheckText(spec.name, value); !ok) return ok;
  }
  if (auto ok = CheckDigest("request_sha256", entry.request_sha256); !ok) return ok;
  if (auto ok = CheckDigest("response_sha256", entry.response_sha256); !ok) return ok;
  if (auto time = protocol::FormatTimestamp(entry.at); !time) {
    return FieldError("at", "must fall within years 1970 to 9999");
  }
  if (entry.isa_version < 0 ||
      static_cast<std::uint64_t>(entry.isa_version) > internal::kMaxSafeInteger) {
    return FieldError("isa_version", "must be an integer from 0 to 2^53 - 1");
  }
  if (entry.subject_tokens.size() > kMaxListItems) {
    return FieldError("subject_tokens", "more than " + std::to_string(kMaxListItems) + " tokens");
  }
  for (std::size_t i = 0; i < entry.subject_tokens.size(); ++i) {
    const std::string& token = entry.subject_tokens[i];
    if (token.empty() || token.size() % 2 != 0 || token.size() > kMaxStringBytes ||
        !internal::IsLowerHex(token)) {
      return FieldError("subject_tokens[" + std::to_string(i) + "]",
                        "must be a token in lower-case hex (never a raw identifier)");
    }
  }
  if (entry.fields.size() > kMaxListItems) {
    return FieldError("fields", "more than " + std::to_string(kMaxListItems) + " field names");
  }
  for (std::size_t i = 0; i < entry.fields.size(); ++i) {
    const std::string name = "fields[" + std::to_string(i) + "]";
    if (entry.fields[i].empty()) return FieldError(name, "must not be empty");
    if (auto ok = CheckText(name, entry.fields[i]); !ok) return ok;
  }
  return Ok();
}

Result<std::string> EncodeEntry(const AuditEntry& entry) {
  if (auto valid = ValidateEntry(entry); !valid) return tl::unexpected(valid.error());
  auto at = protocol::FormatTimestamp(entry.at);
  if (!at) return tl::unexpected(at.error());

  // Members in RFC 8785 order: actor, at, fields, isa_clause, isa_id, isa_version, kind,
  // message_id, nonce, outcome, peer, processing, purpose, recipient, request_sha256,
  // response_sha256, subject_tokens, v.
  std::string out;
  out.reserve(512);
  out.push_back('{');
  AppendMember(out, "actor");
  protocol::AppendCanonicalJsonString(out, entry.actor);
  out.push_back(',');
  AppendMember(out, "at");
  protocol::AppendCanonicalJsonString(out, *at);
  out.push_back(',');
  AppendMember(out, "fields");
  AppendStringList(out, entry.fields);
  out.push_back(',');
  AppendMember(out, "isa_clause");
  protocol::AppendCanonicalJsonString(out, entry.isa_clause);
  out.push_back(',');
  AppendMember(out, "isa_id");
  protocol::AppendCanonicalJsonString(out, entry.isa_id);
  out.push_back(',');
  AppendMember(out, "isa_version");
  out += std::to_string(entry.isa_version);
  for (const auto& spec : kStringMembers) {
    if (spec.name < "kind") continue;  // actor, isa_clause, isa_id are written above
    out.push_back(',');
    AppendMember(out, spec.name);
    protocol::AppendCanonicalJsonString(out, entry.*spec.member);
  }
  out.push_back(',');
  AppendMember(out, "subject_tokens");
  AppendStringList(out, entry.subject_tokens);
  out.push_back(',');
  AppendMember(out, "v");
  out += std::to_string(kEntryFormatVersion);
  out.push_back('}');
  return out;
}

Result<AuditEntry> DecodeEntry(std::string_view data) {
  if (!protocol::IsCanonical(data)) {
    return Fail(Code::kInvalidArgument, "audit entry is not canonical JSON (RFC 8785)");
  }
  auto object = internal::ParseObject(
      data, kWhat,
      {"actor", "at", "fields", "isa_clause", "isa_id", "isa_version", "kind", "message_id",
       "nonce", "outcome", "peer", "processing", "purpose", "recipient", "request_sha256",
       "response_sha256", "subject_tokens", "v"});
  if (!object) return tl::unexpected(object.error());

  auto version = internal::IntegerMember(*object, kWhat, "v");
  if (!version) return tl::unexpected(version.error());
  if (*version != kEntryFormatVersion) {
    return FieldError(
        "v", "entry format " + std::to_string(*version) + " is not one this tandem understands");
  }
  AuditEntry entry;
  for (const auto& spec : kStringMembers) {
    auto value = internal::StringMember(*object, kWhat, spec.name);
    if (!value) return tl::unexpected(value.error());
    entry.*spec.member = std::move(*value);
  }
  auto at_text = internal::StringMember(*object, kWhat, "at");
  if (!at_text) return tl::unexpected(at_text.error());
  auto at = protocol::ParseTimestamp(*at_text);
  if (!at) return FieldError("at", at.error().message);
  entry.at = *at;
  auto isa_version = internal::IntegerMember(*object, kWhat, "isa_version");
  if (!isa_version) return tl::unexpected(isa_version.error());
  entry.isa_version = static_cast<std::int64_t>(*isa_version);
  auto tokens = internal::StringListMember(*object, kWhat, "subject_tokens");
  if (!tokens) return tl::unexpected(tokens.error());
  entry.subject_tokens = std::move(*tokens);
  auto fields = internal::StringListMember(*object, kWhat, "fields");
  if (!fields) return tl::unexpected(fields.error());
  entry.fields = std::move(*fields);
  if (auto valid = ValidateEntry(entry); !valid) return tl::unexpected(valid.error());
  return entry;
}

}  // namespace tandem::node::audit
