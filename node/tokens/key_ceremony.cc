#include "node/tokens/key_ceremony.h"

#include <sys/stat.h>

#include <system_error>

#include "crypto/secret_bytes.h"
#include "node/store/atomic_file.h"

namespace tandem::node::tokens {
namespace {

bool ValidNodeId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Status CheckOptions(const CeremonyOptions& options) {
  const auto n = options.holders.size();
  if (n < 2 || n > crypto::kMaxKeyHolders) {
    return Fail(Code::kInvalidArgument,
                "a partnership key needs 2..255 holders, not " + std::to_string(n));
  }
  if (options.threshold < 1 || options.threshold > n) {
    return Fail(Code::kInvalidArgument, "--threshold " + std::to_string(options.threshold) +
                                            " is not possible with " + std::to_string(n) +
                                            " holders; use 1.." + std::to_string(n));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!ValidNodeId(options.holders[i])) {
      return Fail(Code::kInvalidArgument, "holder '" + options.holders[i] +
                                              "' is not a node id (lower-case letters, digits, "
                                              "'-')");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (options.holders[j] == options.holders[i]) {
        return Fail(Code::kInvalidArgument, "holder '" + options.holders[i] + "' is listed twice");
      }
    }
  }
  return Ok();
}

void RemoveAll(const std::vector<std::filesystem::path>& paths) {
  std::error_code ec;
  for (const auto& p : paths) std::filesystem::remove(p, ec);
}

}  // namespace

std::string ShareFileName(std::string_view node) { return "share-" + std::string(node) + ".json"; }

Result<CeremonyResult> RunKeyCeremony(const CeremonyOptions& options) {
  if (auto s = CheckOptions(options); !s) return tl::unexpected(s.error());
  if (auto init = crypto::InitSodium(); !init) return tl::unexpected(init.error());
  std::error_code ec;
  const auto& dir = options.out_dir;
  if (!std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::create_directories(dir, ec) || ec) {
      return Fail(Code::kUnavailable, "cannot create " + dir.string() + ": " + ec.message());
    }
    ::chmod(dir.c_str(), 0700);
  } else if (!std::filesystem::is_directory(dir, ec)) {
    return Fail(Code::kInvalidArgument, dir.string() + " is not a directory");
  }
  const auto public_key_file = dir / kPublicKeyFileName;
  std::vector<std::filesystem::path> share_files;
  if (std::filesystem::exists(public_key_file, ec)) {
    return Fail(Code::kInvalidArgument, dir.string() +
                                            " already holds a public-key.json; a ceremony "
                                            "writes into a new or empty directory");
  }
  for (const auto& name : options.holders) {
    share_files.push_back(dir / ShareFileName(name));
    if (std::filesystem::exists(share_files.back(), ec)) {
      return Fail(Code::kInvalidArgument, share_files.back().string() +
                                              " already exists; a ceremony writes into a new or "
                                              "empty directory");
    }
  }

  // The dealer: k and the polynomial exist only inside this call and are wiped by it.
  auto dealt = crypto::DealThresholdKey(options.threshold,
                                        static_cast<std::uint32_t>(options.holders.size()));
  if (!dealt) return tl::unexpected(dealt.error());
  CeremonyResult result{PartnershipKey{dealt->public_key, options.holders, "trusted-dealer"},
                        public_key_file, std::move(share_files)};

  std::vector<std::filesystem::path> written;
  for (std::size_t i = 0; i < dealt->shares.size(); ++i) {
    if (auto s = WriteShareFile(result.share_files[i], result.key,
                                static_cast<std::uint32_t>(i + 1), dealt->shares[i]);
        !s) {
      RemoveAll(written);
      return tl::unexpected(s.error());
    }
    written.push_back(result.share_files[i]);
  }
  dealt->shares.clear();  // the shares are wiped here; only the files hold them now
  auto writer = store::AtomicFileWriter::Create(result.public_key_file, 0644);
  Status wrote =
      writer ? (*writer)->Write(PublicKeyJson(result.key)) : tl::unexpected(writer.error());
  if (wrote) wrote = (*writer)->Commit();
  if (!wrote) {
    RemoveAll(written);
    return tl::unexpected(wrote.error());
  }
  return result;
}

}  // namespace tandem::node::tokens
