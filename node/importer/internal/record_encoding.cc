#include "node/importer/internal/record_encoding.h"

#include <sodium.h>

#include <array>
#include <string_view>
#include <utility>

namespace tandem::node::importer::internal {
namespace {

// Bumped when the encoding changes, so that every stored record counts as changed once.
constexpr std::string_view kEncodingVersion = "tandem-record-v1";

constexpr std::array<std::pair<adapters::Sex, std::string_view>, 3> kSexNames = {{
    {adapters::Sex::kMale, "male"},
    {adapters::Sex::kFemale, "female"},
    {adapters::Sex::kOther, "other"},
}};

// Length of the valid UTF-8 sequence starting at text[i], 0 when it is not valid (overlong
// forms, surrogates and code points above U+10FFFF included).
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// Writes compact JSON text: objects, arrays, strings and integers, keys in the order given.
// Strings are checked to be UTF-8; `ok()` turns false at the first one that is not.
class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key) {
    Separate();
    String(key);
    out_ += ':';
    after_key_ = true;
  }
  void Value(std::string_view text) {
    Separate();
    String(text);
  }
  void Value(long long number) {
    Separate();
    out_ += std::to_string(number);
  }
  // "key":"text", left out when the text is empty (unknown).
  void Text(std::string_view key, std::string_view text) {
    if (text.empty()) return;
    Key(key);
    Value(text);
  }

  bool ok() const { return ok_; }
  std::string Take() { return std::move(out_); }

 private:
  void Open(char bracket) {
    Separate();
    out_ += bracket;
    first_ = true;
  }
  void Close(char bracket) {
    out_ += bracket;
    first_ = false;
  }
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_ += ',';
    first_ = false;
  }
  void String(std::string_view text) {
    out_ += '"';
    for (std::size_t i = 0; i < text.size();) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += static_cast<char>(c);
        ++i;
      } else if (c < 0x20) {
        constexpr std::string_view kHex = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0x0F];
        ++i;
      } else {
        const std::size_t length = Utf8SequenceLength(text, i);
        if (length == 0) {
          ok_ = false;
          return;
        }
        out_.append(text.substr(i, length));
        i += length;
      }
    }
    out_ += '"';
  }

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
  bool ok_ = true;
};

void WriteIdentity(JsonWriter& json, const adapters::Identity& identity) {
  json.BeginObject();
  json.Text("forename", identity.forename);
  json.Text("forename_as_given", identity.forename_as_given);
  json.Text("middle_names", identity.middle_names);
  json.Text("surname", identity.surname);
  if (identity.dob) json.Text("dob", identity.dob->ToIso());
  if (identity.estimated_age) {
    json.Key("estimated_age");
    json.Value(static_cast<long long>(*identity.estimated_age));
  }
  for (const auto& [sex, name] : kSexNames) {
    if (sex == identity.sex) json.Text("sex", name);
  }
  json.Text("postcode", identity.postcode);
  json.Text("district", identity.district);
  json.Text("pnc_id", identity.pnc_id);
  json.Text("nhs_number", identity.nhs_number);
  json.Text("ni_number", identity.ni_number);
  if (identity.first_initial != 0) json.Text("first_initial", {&identity.first_initial, 1});
  if (identity.surname_initial != 0) json.Text("surname_initial", {&identity.surname_initial, 1});
  if (!identity.aliases.empty()) {
    json.Key("aliases");
    json.BeginArray();
    for (const auto& alias : identity.aliases) {
      json.BeginObject();
      json.Text("forename", alias.forename);
      json.Text("surname", alias.surname);
      if (alias.dob) json.Text("dob", alias.dob->ToIso());
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
}

}  // namespace

std::string IdentityJson(const adapters::Identity& identity) {
  JsonWriter json;
  WriteIdentity(json, identity);
  return json.Take();
}

Result<EncodedRecord> EncodeRecord(const adapters::Record& record) {
  EncodedRecord encoded;
  JsonWriter fields;
  fields.BeginObject();
  for (const auto& [column, value] : record.fields) {
    fields.Key(column);
    fields.Value(value);
  }
  fields.EndObject();
  if (!fields.ok()) return Fail(Code::kInvalidArgument, "a value is not valid UTF-8 text");
  encoded.fields = fields.Take();
  if (record.identity) {
    JsonWriter identity;
    WriteIdentity(identity, *record.identity);
    if (!identity.ok()) return Fail(Code::kInvalidArgument, "a name is not valid UTF-8 text");
    encoded.identity = identity.Take();
  }

  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, encoded.content_hash.size());
  const auto absorb = [&state](std::string_view text) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
  };
  absorb(kEncodingVersion);
  absorb(record.person_ref);
  absorb(encoded.fields);
  absorb(encoded.identity);
  crypto_generichash_final(&state, encoded.content_hash.data(), encoded.content_hash.size());
  return encoded;
}

}  // namespace tandem::node::importer::internal
