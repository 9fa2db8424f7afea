#include "protocol/isa.h"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "protocol/canonical_json.h"
#include "protocol/internal/json_tree.h"

namespace tandem::protocol {
namespace {

using internal::JsonKind;
using internal::JsonNode;

std::string ReadVector(const std::string& name) {
  std::ifstream in(std::string(TANDEM_SOURCE_DIR) + "/tests/vectors/isa/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Seconds At(const char* text) { return *ParseTimestamp(text); }

// The TEST-ONLY key of party n (1 = police ... 6 = victim-advocacy): 32 bytes equal to n.
crypto::SigningKey TestKey(std::uint8_t n) {
  std::vector<std::uint8_t> seed(crypto::kEd25519SeedSize, n);
  auto secret = crypto::SecretBytes::Copy(seed);
  EXPECT_TRUE(secret);
  auto key = crypto::SigningKey::FromSeed(*secret);
  EXPECT_TRUE(key);
  return *std::move(key);
}

Isa VectorIsa() {
  auto isa = ParseIsa(ReadVector("isa.json"));
  EXPECT_TRUE(isa) << isa.error().message;
  return *std::move(isa);
}

JsonNode* Child(JsonNode& node, const std::string& name) {
  for (std::size_t i = 0; i < node.names.size(); ++i) {
    if (node.names[i] == name) return &node.items[i];
  }
  ADD_FAILURE() << "no member " << name;
  return &node;
}

JsonNode Str(const std::string& value) {
  JsonNode node;
  node.kind = JsonKind::kString;
  node.string = value;
  return node;
}

JsonNode Num(double value) {
  JsonNode node;
  node.kind = JsonKind::kNumber;
  node.number = value;
  return node;
}

void Erase(JsonNode& object, const std::string& name) {
  for (std::size_t i = 0; i < object.names.size(); ++i) {
    if (object.names[i] == name) {
      object.names.erase(object.names.begin() + static_cast<std::ptrdiff_t>(i));
      object.items.erase(object.items.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
  ADD_FAILURE() << "no member " << name;
}

// The vector document changed by `edit`, as JSON text.
std::string Edited(const std::function<void(JsonNode&)>& edit) {
  auto root = internal::ParseJson(ReadVector("isa.json"), {});
  EXPECT_TRUE(root);
  edit(*root);
  std::string out;
  EXPECT_TRUE(internal::WriteCanonical(*root, out));
  return out;
}

JsonNode& Party(JsonNode& root, std::size_t i) { return Child(root, "parties")->items.at(i); }
JsonNode& Clause(JsonNode& root, std::size_t purpose, std::size_t clause) {
  return Child(Child(root, "purposes")->items.at(purpose), "clauses")->items.at(clause);
}

void ExpectRefused(const std::string& json, const std::string& message) {
  auto isa = ParseIsa(json);
  ASSERT_FALSE(isa) << "accepted; expected: " << message;
  EXPECT_EQ(isa.error().code, Code::kInvalidArgument);
  EXPECT_EQ(isa.error().message, message);
}

TEST(IsaTest, ParsesTheSignedVector) {
  const Isa isa = VectorIsa();
  EXPECT_EQ(isa.id.value(), "hhpp-dorset");
  EXPECT_EQ(isa.version, 1);
  ASSERT_EQ(isa.parties.size(), 6u);
  EXPECT_EQ(isa.parties[0].id.value(), "police");
  EXPECT_EQ(isa.parties[0].signing_key, TestKey(1).verifying_key());
  EXPECT_EQ(isa.purposes.size(), 6u);
  EXPECT_EQ(isa.oprf_threshold, 4u);
  EXPECT_EQ(isa.oprf_holders.size(), 6u);
  EXPECT_EQ(isa.disclosure_control.k, 5);
  EXPECT_EQ(isa.disclosure_control.small_cell_threshold, 10);
  EXPECT_EQ(isa.disclosure_control.rounding_base, 5);
  EXPECT_EQ(isa.signatures.size(), 6u);
  ASSERT_NE(isa.FindPurpose("hhpp-case-pack"), nullptr);
  EXPECT_EQ(isa.FindPurpose("hhpp-case-pack")->clauses.size(), 5u);
  EXPECT_EQ(isa.FindParty("polise"), nullptr);
}

TEST(IsaTest, RoundTripsThroughCanonicalAndIndentedForms) {
  const Isa isa = VectorIsa();
  auto encoded = EncodeIsa(isa);
  ASSERT_TRUE(encoded);
  EXPECT_TRUE(IsCanonical(*encoded));
  auto again = ParseIsa(*encoded);
  ASSERT_TRUE(again);
  EXPECT_EQ(*EncodeIsa(*again), *encoded);
  // The vector file was written by FormatIsa, so formatting reproduces it byte for byte.
  EXPECT_EQ(*FormatIsa(isa), ReadVector("isa.json"));
}

TEST(IsaTest, SigningBytesAreTheContextAndTheCanonicalDocumentWithoutSignatures) {
  std::string expected("tandem-isa-v1");
  expected.push_back('\0');
  expected += ReadVector("signed.json");
  EXPECT_EQ(*IsaSigningBytes(VectorIsa()), expected);
}

TEST(IsaTest, VerifiesWhenEveryPartySignedAndItIsInForce) {
  EXPECT_TRUE(VerifyIsa(VectorIsa(), At("2026-11-22T14:00:00Z")));
}

TEST(IsaTest, SignaturesSurviveReformattingTheFile) {
  auto compact = EncodeIsa(VectorIsa());
  ASSERT_TRUE(compact);
  auto reparsed = ParseIsa(*compact);
  ASSERT_TRUE(reparsed);
  EXPECT_TRUE(VerifyIsa(*reparsed, At("2026-11-22T14:00:00Z")));
}

TEST(IsaTest, RefusesAnUnknownField) {
  ExpectRefused(Edited([](JsonNode& root) {
                  root.names.push_back("colour");
                  root.items.push_back(Str("red"));
                }),
                "isa field 'colour': unknown field");
  ExpectRefused(Edited([](JsonNode& root) {
                  Party(root, 2).names.push_back("colour");
                  Party(root, 2).items.push_back(Str("red"));
                }),
                "isa field 'parties[2].colour': unknown field");
  ExpectRefused(Edited([](JsonNode& root) {
                  Clause(root, 1, 3).names.push_back("note");
                  Clause(root, 1, 3).items.push_back(Str("x"));
                }),
                "isa field 'purposes[1].clauses[3].note': unknown field");
}

TEST(IsaTest, RefusesAMissingField) {
  ExpectRefused(Edited([](JsonNode& root) { Erase(root, "valid_until"); }),
                "isa field 'valid_until': missing");
  ExpectRefused(Edited([](JsonNode& root) { Erase(Party(root, 1), "lawful_basis"); }),
                "isa field 'parties[1].lawful_basis': missing");
  ExpectRefused(Edited([](JsonNode& root) { Erase(*Child(root, "oprf"), "threshold"); }),
                "isa field 'oprf.threshold': missing");
  ExpectRefused(Edited([](JsonNode& root) { Erase(root, "signatures"); }),
                "isa field 'signatures': missing");
}

TEST(IsaTest, RefusesAFieldOfTheWrongType) {
  ExpectRefused(Edited([](JsonNode& root) { *Child(root, "version") = Str("1"); }),
                "isa field 'version': must be a number");
  ExpectRefused(Edited([](JsonNode& root) { *Child(root, "version") = Num(1.5); }),
                "isa field 'version': must be a whole number from 0 to 2^53 - 1");
  ExpectRefused(Edited([](JsonNode& root) { *Child(root, "version") = Num(0); }),
                "isa field 'version': must be a whole number from 1 to 2^53 - 1");
}

TEST(IsaTest, RefusesDuplicateIds) {
  ExpectRefused(Edited([](JsonNode& root) { *Child(Party(root, 3), "id") = Str("nhs"); }),
                "isa field 'parties[3].id': 'nhs' is a duplicate party id");
  ExpectRefused(Edited([](JsonNode& root) {
                  *Child(Child(root, "purposes")->items.at(4), "id") = Str("hhpp-case-pack");
                }),
                "isa field 'purposes[4].id': 'hhpp-case-pack' is a duplicate purpose id");
  ExpectRefused(Edited([](JsonNode& root) { *Child(Clause(root, 2, 1), "id") = Str("4.2"); }),
                "isa field 'purposes[2].clauses[1].id': '4.2' is also the id of "
                "purposes[1].clauses[1]");
}

TEST(IsaTest, RefusesAClauseNamingAnUnknownParty) {
  ExpectRefused(Edited([](JsonNode& root) {
                  Child(Clause(root, 2, 0), "from")->items.push_back(Str("polise"));
                }),
                "isa field 'purposes[2].clauses[0].from[1]': 'polise' is not a party");
  ExpectRefused(
      Edited([](JsonNode& root) { Child(Clause(root, 0, 0), "to")->items.push_back(Str("nhs")); }),
      "isa field 'purposes[0].clauses[0].to[5]': 'nhs' is listed twice");
}

TEST(IsaTest, RefusesOprfHoldersThatAreNotPartiesAndAThresholdAboveThem) {
  ExpectRefused(Edited([](JsonNode& root) {
                  Child(*Child(root, "oprf"), "holders")->items.at(1) = Str("courts");
                }),
                "isa field 'oprf.holders[1]': 'courts' is not a party");
  ExpectRefused(Edited([](JsonNode& root) { *Child(*Child(root, "oprf"), "threshold") = Num(7); }),
                "isa field 'oprf.threshold': 7 must be from 1 to the number of holders (6)");
}

TEST(IsaTest, RefusesBadHex) {
  ExpectRefused(Edited([](JsonNode& root) {
                  auto& key = Child(Party(root, 0), "signing_key")->string;
                  for (auto& c : key) c = static_cast<char>(std::toupper(c));
                }),
                "isa field 'parties[0].signing_key': must be 64 lower-case hex digits");
  ExpectRefused(Edited([](JsonNode& root) { *Child(Party(root, 1), "cert_sha256") = Str("ab"); }),
                "isa field 'parties[1].cert_sha256': must be 64 lower-case hex digits");
  ExpectRefused(
      Edited([](JsonNode& root) { *Child(*Child(root, "signatures"), "nhs") = Str("00ff"); }),
      "isa field 'signatures.nhs': must be 128 lower-case hex digits");
}

TEST(IsaTest, RefusesASignatureFromSomeoneWhoIsNotAParty) {
  ExpectRefused(Edited([](JsonNode& root) {
                  auto& sigs = *Child(root, "signatures");
                  sigs.names.push_back("courts");
                  sigs.items.push_back(Str(std::string(128, 'a')));
                }),
                "isa field 'signatures.courts': 'courts' is not a party");
}

TEST(IsaTest, RefusesBadValues) {
  ExpectRefused(Edited([](JsonNode& root) { *Child(Party(root, 0), "agency_kind") = Str("mi5"); }),
                "isa field 'parties[0].agency_kind': 'mi5' is not an agency kind (police, "
                "probation, nhs, housing, substance-misuse, victim-advocacy)");
  ExpectRefused(
      Edited([](JsonNode& root) { *Child(Party(root, 0), "endpoint") = Str("police:99999"); }),
      "isa field 'parties[0].endpoint': 'police:99999' is not host:port (a DNS name, IPv4 "
      "address or [IPv6] address, and a port from 1 to 65535)");
  ExpectRefused(
      Edited([](JsonNode& root) { *Child(root, "valid_until") = Str("2025-01-01T00:00:00Z"); }),
      "isa field 'valid_until': must be after 'valid_from'");
  ExpectRefused(
      Edited([](JsonNode& root) { *Child(*Child(root, "disclosure_control"), "k") = Num(1); }),
      "isa field 'disclosure_control.k': must be a whole number from 2 to 2^53 - 1");
  ExpectRefused(Edited([](JsonNode& root) { *Child(Party(root, 4), "name") = Str("a\tb"); }),
                "isa field 'parties[4].name': must not hold control characters");
}

TEST(IsaTest, RefusesADocumentOverOneMebibyte) {
  std::string json = ReadVector("isa.json");
  json.append(kMaxIsaBytes + 1 - json.size(), ' ');
  auto isa = ParseIsa(json);
  ASSERT_FALSE(isa);
  EXPECT_EQ(isa.error().code, Code::kInvalidArgument);
  EXPECT_NE(isa.error().message.find("over the limit"), std::string::npos);
  EXPECT_TRUE(ParseIsa(json.substr(0, kMaxIsaBytes)));  // the same document at the limit
}

TEST(IsaTest, RefusesInvalidJson) {
  EXPECT_FALSE(ParseIsa("{\"id\": \"a\", \"id\": \"b\"}"));
  EXPECT_FALSE(ParseIsa("[]"));
  EXPECT_FALSE(ParseIsa(""));
}

TEST(IsaTest, NamesThePartyWhoseSignatureIsMissing) {
  Isa isa = VectorIsa();
  isa.signatures.erase("housing");
  auto st = VerifyIsa(isa, At("2026-11-22T14:00:00Z"));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, Code::kUnauthenticated);
  EXPECT_EQ(st.error().message,
            "ISA 'hhpp-dorset' version 1 is not fully signed: no signature from housing");
}

TEST(IsaTest, RefusesADocumentChangedAfterSigning) {
  const std::string text = ReadVector("isa.json");
  const std::size_t at = text.find("\"retention_days\": 90");
  ASSERT_NE(at, std::string::npos);
  std::string changed = text;
  changed.replace(at, 20, "\"retention_days\": 91");
  auto isa = ParseIsa(changed);
  ASSERT_TRUE(isa);
  auto st = VerifyIsa(*isa, At("2026-11-22T14:00:00Z"));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, Code::kUnauthenticated);
  EXPECT_NE(st.error().message.find("the signature of police, probation, nhs, housing, "
                                    "substance-misuse, victim-advocacy does not verify"),
            std::string::npos)
      << st.error().message;
}

TEST(IsaTest, RefusesASignatureByTheWrongKey) {
  Isa isa = VectorIsa();
  // Probation's key signs in police's place.
  auto bytes = IsaSigningBytes(isa);
  ASSERT_TRUE(bytes);
  isa.signatures["police"] =
      TestKey(2).Sign({reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size()});
  auto st = VerifyIsa(isa, At("2026-11-22T14:00:00Z"));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, Code::kUnauthenticated);
  EXPECT_NE(st.error().message.find("the signature of police does not verify"), std::string::npos)
      << st.error().message;
  auto states = CheckIsaSignatures(isa);
  ASSERT_TRUE(states);
  EXPECT_EQ((*states)[0].state, SignatureState::kInvalid);
  EXPECT_EQ((*states)[1].state, SignatureState::kValid);
}

TEST(IsaTest, SignIsaRefusesAKeyThatIsNotThePartysListedKey) {
  Isa isa = VectorIsa();
  auto st = SignIsa(isa, "police", TestKey(3));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, Code::kPermissionDenied);
  auto unknown = SignIsa(isa, "courts", TestKey(1));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Code::kNotFound);
}

TEST(IsaTest, SigningByEveryPartyMakesADraftValid) {
  Isa isa = VectorIsa();
  isa.signatures.clear();
  isa.version = 2;
  const std::array<const char*, 6> parties = {"police",  "probation",        "nhs",
                                              "housing", "substance-misuse", "victim-advocacy"};
  for (std::size_t i = 0; i < parties.size(); ++i) {
    EXPECT_FALSE(VerifyIsa(isa, At("2026-11-22T14:00:00Z")));
    ASSERT_TRUE(SignIsa(isa, parties[i], TestKey(static_cast<std::uint8_t>(i + 1))));
  }
  EXPECT_TRUE(VerifyIsa(isa, At("2026-11-22T14:00:00Z")));
}

TEST(IsaTest, IsInForceFromValidFromUntilJustBeforeValidUntil) {
  const Isa isa = VectorIsa();
  EXPECT_TRUE(VerifyIsa(isa, At("2026-01-01T00:00:00Z")));
  EXPECT_TRUE(VerifyIsa(isa, At("2026-12-31T23:59:59Z")));
  auto early = VerifyIsa(isa, At("2025-12-31T23:59:59Z"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, Code::kPermissionDenied);
  EXPECT_NE(early.error().message.find("not in force until 2026-01-01T00:00:00Z"),
            std::string::npos);
  auto expired = VerifyIsa(isa, At("2027-01-01T00:00:00Z"));
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Code::kPermissionDenied);
  EXPECT_NE(expired.error().message.find("expired at 2027-01-01T00:00:00Z"), std::string::npos);
}

TEST(IsaTest, ChecksSignaturesBeforeDates) {
  Isa isa = VectorIsa();
  isa.signatures.erase("nhs");
  auto st = VerifyIsa(isa, At("2030-01-01T00:00:00Z"));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, Code::kUnauthenticated);
}

TEST(IsaTest, EncodeRefusesAnIsaBuiltInCodeThatBreaksARule) {
  Isa isa = VectorIsa();
  isa.oprf_threshold = 0;
  EXPECT_FALSE(EncodeIsa(isa));
  EXPECT_FALSE(IsaSigningBytes(isa));
  isa = VectorIsa();
  isa.purposes[0].clauses[0].fields.push_back("Bad Field");
  auto encoded = EncodeIsa(isa);
  ASSERT_FALSE(encoded);
  EXPECT_EQ(encoded.error().message,
            "isa field 'purposes[0].clauses[0].fields[3]': 'Bad Field' is not a field name (1 to "
            "64 of a-z, 0-9, '_', '-', '.')");
}

}  // namespace
}  // namespace tandem::protocol
