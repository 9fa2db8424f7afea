// A real encrypted store in a temporary directory for the panel tests, with helpers to add
// person records.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <string>

#include "node/store/store.h"
#include "tests/node/temp_dir.h"

namespace tandem::node::panel::testing {

class PanelStore {
 public:
  PanelStore() {
    std::array<std::uint8_t, 32> bytes;
    bytes.fill(7);
    auto key = crypto::SecretBytes::Copy(bytes);
    EXPECT_TRUE(key);
    store::Store::Options options;
    options.create_if_missing = true;
    auto opened = store::Store::Open(dir_.path() / "store.db", *key, options);
    EXPECT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }

  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

  // Adds a person record (export_kind, ref) in an import of its own.
  void AddPerson(const std::string& export_kind, const std::string& ref) {
    auto import_id = store_->AddImport(export_kind, "2026-01-02T03:04:05Z");
    ASSERT_TRUE(import_id) << import_id.error().message;
    store::ContentHash hash{};
    hash[0] = static_cast<std::uint8_t>(++count_);
    ASSERT_TRUE(store_->InsertRecord({.export_kind = export_kind,
                                      .ref = ref,
                                      .person_ref = ref,
                                      .fields = R"({"rosh":"HIGH"})",
                                      .identity = R"({"surname":"quarrington"})",
                                      .content_hash = hash,
                                      .import_id = *import_id}));
  }

 private:
  tandem::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  int count_ = 0;
};

}  // namespace tandem::node::panel::testing
