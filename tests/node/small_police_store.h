// A small police store for the tests of erasure and subject access: an unencrypted store (so
// that its files can be searched) holding two nominals and three occurrences, two of them
// naming the first nominal, imported through the real importer, and its token index.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "node/importer/importer.h"
#include "node/store/store.h"
#include "protocol/timestamp.h"
#include "temp_dir.h"

namespace tandem::testing {

inline constexpr char kSmallPoliceNominals[] =
    "nominal_id,surname,forename,middle_names,dob,sex,pnc_id,address,postcode,aliases,"
    "warning_markers\n"
    "N1000001,Zebedeeson,Daniel,,1986-04-11,M,,\"12 Kings Road, Poole\",BH14 9QT,,\n"
    "N1000002,Quenby,Paul,,1979-02-03,M,,\"3 Hill Road, Poole\",BH15 1AA,,\n";
inline constexpr char kSmallPoliceOccurrences[] =
    "occurrence_id,nominal_id,role,offence_code,committed_on,reported_on,domestic_abuse,"
    "victim_ref,outcome\n"
    "OC1,N1000001,SUSPECT,ABH,2023-01-01,2023-01-02,Y,V12,CHARGED\n"
    "OC2,N1000001,SUSPECT,ABH,2023-03-01,2023-03-02,Y,V12,CHARGED\n"
    "OC3,N1000002,SUSPECT,ABH,2023-05-01,2023-05-02,Y,V13,CHARGED\n";

// The store `dir`/store.db with the two exports imported; null (with a test failure) when that
// fails.
inline std::unique_ptr<node::store::Store> SmallPoliceStore(const TempDir& dir) {
  auto store = node::store::Store::OpenUnencrypted(dir / "store.db", {.create_if_missing = true});
  EXPECT_TRUE(store) << store.error().message;
  if (!store) return nullptr;
  WriteWholeFile(dir / "police_nominals.csv", kSmallPoliceNominals);
  WriteWholeFile(dir / "police_occurrences.csv", kSmallPoliceOccurrences);
  node::importer::ImportRequest request;
  request.agency = core::AgencyKind::kPolice;
  request.files = {dir / "police_nominals.csv", dir / "police_occurrences.csv"};
  request.now = [] { return *protocol::ParseTimestamp("2026-11-01T09:00:00Z"); };
  auto imported = node::importer::RunImport(**store, request);
  EXPECT_TRUE(imported) << imported.error().message;
  if (!imported) return nullptr;
  return std::move(*store);
}

// Indexes two tokens for each nominal (nhs_number, name_dob), as the node's tokeniser would:
// the returned tokens are N1000001's two, then N1000002's two, each filled with one byte counting
// up from `first`.
inline std::array<node::store::TokenBytes, 4> IndexTwoTokensEach(node::store::Store& store,
                                                                 std::uint8_t first) {
  std::array<node::store::TokenBytes, 4> tokens{};
  std::vector<node::store::TokenEntry> entries;
  for (const char* ref : {"N1000001", "N1000002"}) {
    auto record = store.GetRecord("police_nominals", ref);
    EXPECT_TRUE(record && record->has_value());
    if (!record || !record->has_value()) return tokens;
    for (const char* key_type : {"nhs_number", "name_dob"}) {
      node::store::TokenBytes& token = tokens.at(entries.size());
      token.fill(static_cast<std::uint8_t>(first + entries.size()));
      entries.push_back({&token, key_type, (*record)->id});
    }
  }
  EXPECT_TRUE(store.AddTokens(entries));
  return tokens;
}

}  // namespace tandem::testing
