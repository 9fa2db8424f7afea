// ISA rules, walked in document order so that the first broken rule is the one reported.
#include "protocol/internal/isa_checks.h"

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "protocol/internal/isa_codec.h"

namespace tandem::protocol::internal {
namespace {

constexpr std::int64_t kMaxSafeInteger = 9007199254740991;  // 2^53 - 1
constexpr std::size_t kMaxNameText = 200;
constexpr std::size_t kMaxLongText = 4000;
constexpr std::size_t kMaxClauseId = 32;
constexpr std::size_t kMaxFieldName = 64;
constexpr std::size_t kMaxHostLength = 253;

std::string At(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsLower(c) || (c >= 'A' && c <= 'Z'); }

// Text for people: 1..max bytes, no control characters (so one line in a listing).
Status CheckText(std::string_view text, std::size_t max, const std::string& field) {
  if (text.empty() || text.size() > max) {
    return IsaFieldError(field, "must be 1 to " + std::to_string(max) + " bytes long");
  }
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      return IsaFieldError(field, "must not hold control characters");
  }
  return Ok();
}

Status CheckLowerHex(std::string_view text, std::size_t digits, const std::string& field) {
  bool ok = text.size() == digits;
  for (const char c : text) ok = ok && (IsDigit(c) || (c >= 'a' && c <= 'f'));
  if (!ok) {
    return IsaFieldError(field, "must be " + std::to_string(digits) + " lower-case hex digits");
  }
  return Ok();
}

bool IsHostName(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostLength) return false;
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    const std::string_view label = host.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (const char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    start = end + 1;
  }
  return true;
}

bool IsBracketedIpv6(std::string_view host) {
  if (host.size() < 4 || host.size() > 47 || host.front() != '[' || host.back() != ']') {
    return false;
  }
  for (const char c : host.substr(1, host.size() - 2)) {
    if (!IsDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != ':' && c != '.') {
      return false;
    }
  }
  return true;
}

// "host:port": a DNS name, an IPv4 address or a bracketed IPv6 address; port 1..65535.
Status CheckEndpoint(std::string_view endpoint, const std::string& field) {
  const std::size_t colon = endpoint.rfind(':');
  const auto bad = [&] {
    return IsaFieldError(field, "'" + std::string(endpoint) +
                                    "' is not host:port (a DNS name, IPv4 address or [IPv6] "
                                    "address, and a port from 1 to 65535)");
  };
  if (colon == std::string_view::npos) return bad();
  const std::string_view host = endpoint.substr(0, colon);
  const std::string_view port = endpoint.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.front() == '0') return bad();
  long value = 0;
  for (const char c : port) {
    if (!IsDigit(c)) return bad();
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > 65535) return bad();
  if (!IsHostName(host) && !IsBracketedIpv6(host)) return bad();
  return Ok();
}

// Clause ids: 1..32 characters of letters, digits, '.' and '-' (section numbers like "4.2").
Status CheckClauseId(std::string_view id, const std::string& field) {
  bool ok = !id.empty() && id.size() <= kMaxClauseId;
  for (const char c : id) ok = ok && (IsAlnum(c) || c == '.' || c == '-');
  if (!ok) {
    return IsaFieldError(field, "'" + std::string(id) +
                                    "' is not a clause id (1 to 32 letters, digits, '.' or '-')");
  }
  return Ok();
}

// Field and data category names: 1..64 of a-z 0-9 _ - .
Status CheckFieldName(std::string_view name, const std::string& field) {
  bool ok = !name.empty() && name.size() <= kMaxFieldName;
  for (const char c : name)
    ok = ok && (IsLower(c) || IsDigit(c) || c == '_' || c == '-' || c == '.');
  if (!ok) {
    return IsaFieldError(field, "'" + std::string(name) +
                                    "' is not a field name (1 to 64 of a-z, 0-9, '_', '-', '.')");
  }
  return Ok();
}

Status CheckRange(std::int64_t value, std::int64_t min, const std::string& field) {
  if (value < min || value > kMaxSafeInteger) {
    return IsaFieldError(field,
                         "must be a whole number from " + std::to_string(min) + " to 2^53 - 1");
  }
  return Ok();
}

// At least one entry; each names a party, once.
Status CheckPartyList(const std::vector<NodeId>& ids,
                      const std::map<std::string, std::size_t>& parties, const std::string& field) {
  if (ids.empty()) return IsaFieldError(field, "must name at least one party");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i].value();
    if (!parties.contains(id)) return IsaFieldError(At(field, i), "'" + id + "' is not a party");
    if (!seen.insert(id).second) {
      return IsaFieldError(At(field, i), "'" + id + "' is listed twice");
    }
  }
  return Ok();
}

template <class T, class Check>
Status CheckUniqueList(const std::vector<T>& values, const std::string& field, Check check) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string value = check.text(values[i]);
    if (auto st = check(value, At(field, i)); !st) return st;
    if (!seen.insert(value).second) {
      return IsaFieldError(At(field, i), "'" + value + "' is listed twice");
    }
  }
  return Ok();
}

Status CheckParties(const Isa& isa, std::map<std::string, std::size_t>& index) {
  if (isa.parties.empty()) return IsaFieldError("parties", "must list at least one party");
  std::map<std::string, std::size_t> keys;
  std::map<std::string, std::size_t> certs;
  for (std::size_t i = 0; i < isa.parties.size(); ++i) {
    const IsaParty& party = isa.parties[i];
    const std::string path = At("parties", i);
    if (!index.emplace(party.id.value(), i).second) {
      return IsaFieldError(path + ".id", "'" + party.id.value() + "' is a duplicate party id");
    }
    if (!core::ParseAgencyKind(party.agency_kind)) {
      return IsaFieldError(path + ".agency_kind",
                           "'" + party.agency_kind +
                               "' is not an agency kind (police, probation, nhs, housing, "
                               "substance-misuse, victim-advocacy)");
    }
    if (auto st = CheckText(party.name, kMaxNameText, path + ".name"); !st) return st;
    const auto key = keys.emplace(party.signing_key.Hex(), i);
    if (!key.second) {
      return IsaFieldError(path + ".signing_key",
                           "is also the key of " + At("parties", key.first->second));
    }
    if (auto st = CheckLowerHex(party.cert_sha256, 64, path + ".cert_sha256"); !st) return st;
    const auto cert = certs.emplace(party.cert_sha256, i);
    if (!cert.second) {
      return IsaFieldError(path + ".cert_sha256",
                           "is also the certificate of " + At("parties", cert.first->second));
    }
    if (auto st = CheckEndpoint(party.endpoint, path + ".endpoint"); !st) return st;
    if (auto st = CheckText(party.lawful_basis, kMaxLongText, path + ".lawful_basis"); !st) {
      return st;
    }
  }
  return Ok();
}

struct FieldNameCheck {
  std::string text(const std::string& value) const { return value; }
  Status operator()(const std::string& value, const std::string& field) const {
    return CheckFieldName(value, field);
  }
};

struct KindCheck {
  std::string text(const MessageKind& kind) const { return kind.value(); }
  Status operator()(const std::string&, const std::string&) const { return Ok(); }
};

Status CheckPurposes(const Isa& isa, const std::map<std::string, std::size_t>& parties) {
  if (isa.purposes.empty()) return IsaFieldError("purposes", "must list at least one purpose");
  std::map<std::string, std::string> purpose_ids;  // id -> path
  std::map<std::string, std::string> clause_ids;   // id -> path
  for (std::size_t i = 0; i < isa.purposes.size(); ++i) {
    const IsaPurpose& purpose = isa.purposes[i];
    const std::string path = At("purposes", i);
    if (!purpose_ids.emplace(purpose.id.value(), path).second) {
      return IsaFieldError(path + ".id", "'" + purpose.id.value() + "' is a duplicate purpose id");
    }
    if (auto st = CheckText(purpose.description, kMaxLongText, path + ".description"); !st) {
      return st;
    }
    if (auto st = CheckRange(purpose.retention_days, 1, path + ".retention_days"); !st) return st;
    if (auto st = CheckRange(purpose.daily_quota_per_peer, 1, path + ".daily_quota_per_peer");
        !st) {
      return st;
    }
    if (purpose.clauses.empty()) {
      return IsaFieldError(path + ".clauses", "must hold at least one clause");
    }
    for (std::size_t j = 0; j < purpose.clauses.size(); ++j) {
      const IsaClause& clause = purpose.clauses[j];
      const std::string cpath = At(path + ".clauses", j);
      if (auto st = CheckClauseId(clause.id, cpath + ".id"); !st) return st;
      const auto seen = clause_ids.emplace(clause.id, cpath);
      if (!seen.second) {
        return IsaFieldError(cpath + ".id",
                             "'" + clause.id + "' is also the id of " + seen.first->second);
      }
      if (auto st = CheckPartyList(clause.from, parties, cpath + ".from"); !st) return st;
      if (auto st = CheckPartyList(clause.to, parties, cpath + ".to"); !st) return st;
      if (clause.kinds.empty()) {
        return IsaFieldError(cpath + ".kinds", "must name at least one message kind");
      }
      if (auto st = CheckUniqueList(clause.kinds, cpath + ".kinds", KindCheck{}); !st) return st;
      if (auto st =
              CheckUniqueList(clause.data_categories, cpath + ".data_categories", FieldNameCheck{});
          !st) {
        return st;
      }
      if (auto st = CheckUniqueList(clause.fields, cpath + ".fields", FieldNameCheck{}); !st) {
        return st;
      }
    }
  }
  return Ok();
}

}  // namespace

Status CheckIsa(const Isa& isa) {
  if (auto st = CheckRange(isa.version, 1, "version"); !st) return st;
  if (auto from = FormatTimestamp(isa.valid_from); !from) {
    return IsaFieldError("valid_from", from.error().message);
  }
  if (auto until = FormatTimestamp(isa.valid_until); !until) {
    return IsaFieldError("valid_until", until.error().message);
  }
  if (isa.valid_until <= isa.valid_from) {
    return IsaFieldError("valid_until", "must be after 'valid_from'");
  }
  std::map<std::string, std::size_t> parties;
  if (auto st = CheckParties(isa, parties); !st) return st;
  if (auto st = CheckPurposes(isa, parties); !st) return st;

  if (auto st = CheckPartyList(isa.oprf_holders, parties, "oprf.holders"); !st) return st;
  if (isa.oprf_threshold < 1 || isa.oprf_threshold > isa.oprf_holders.size()) {
    return IsaFieldError("oprf.threshold", std::to_string(isa.oprf_threshold) +
                                               " must be from 1 to the number of " + "holders (" +
                                               std::to_string(isa.oprf_holders.size()) + ")");
  }

  const DisclosureControl& dc = isa.disclosure_control;
  if (auto st = CheckRange(dc.k, 2, "disclosure_control.k"); !st) return st;
  if (auto st = CheckRange(dc.small_cell_threshold, 0, "disclosure_control.small_cell_threshold");
      !st) {
    return st;
  }
  if (auto st = CheckRange(dc.rounding_base, 1, "disclosure_control.rounding_base"); !st) {
    return st;
  }
  if (!std::isfinite(dc.dp_epsilon_budget) || dc.dp_epsilon_budget < 0) {
    return IsaFieldError("disclosure_control.dp_epsilon_budget",
                         "must be a finite number of at least 0");
  }

  for (const auto& [party, sig] : isa.signatures) {
    if (!parties.contains(party)) {
      return IsaFieldError("signatures." + party, "'" + party + "' is not a party");
    }
  }
  return Ok();
}

}  // namespace tandem::protocol::internal
