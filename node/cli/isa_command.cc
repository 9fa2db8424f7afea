// `tandem isa`: draft, sign, verify, show and install information-sharing agreements.
//   draft   --parties FILE --out FILE [--id ID --version N --valid-from T --valid-until T]
//   sign    --isa FILE --party ID --key identity.key      (rewrites FILE with the signature)
//   verify  --isa FILE [--at T]                           (exit 1 with the reason when invalid)
//   show    --isa FILE
//   install --isa FILE --data-dir DIR
// Exit codes: 0 success, 1 the ISA is refused or invalid, 2 a file cannot be read or written.
#include <array>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "node/cli/commands.h"
#include "node/identity_key.h"
#include "node/isa/hhpp_draft.h"
#include "node/isa/isa_file.h"
#include "node/isa/isa_history.h"
#include "node/isa/isa_installer.h"
#include "node/store/atomic_file.h"
#include "node/store/bounded_file.h"
#include "protocol/isa.h"

namespace tandem::node::cli {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

struct IsaOptions {
  std::string isa;
  std::string out;
  std::string parties;
  std::string id = "hhpp-isa";
  std::int64_t version = 1;
  std::string valid_from;
  std::string valid_until;
  std::optional<std::uint32_t> oprf_threshold;
  std::optional<std::int64_t> daily_quota;
  std::string party;
  std::string key;
  std::string at;
  std::string data_dir;
};

protocol::Seconds Now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Result<std::string> ReadFile(const std::string& path) {
  return store::ReadBoundedFile(path, protocol::kMaxIsaBytes);
}

// The ISA in `path`, or a message on stderr and the exit code in `exit_code`.
std::optional<protocol::Isa> LoadIsa(const std::string& command, const std::string& path,
                                     int& exit_code) {
  auto isa = node::isa::ReadIsaFile(path);
  if (!isa) {
    std::cerr << "tandem isa " << command << ": " << isa.error().message << "\n";
    exit_code = isa.error().code == Code::kInvalidArgument ? 1 : 2;
    return std::nullopt;
  }
  return *std::move(isa);
}

std::string Time(protocol::Seconds t) {
  auto text = protocol::FormatTimestamp(t);
  return text ? *text : std::string("(out of range)");
}

std::string Join(const std::vector<protocol::NodeId>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id.value();
  return out;
}

int RunDraft(const IsaOptions& options) {
  auto text = ReadFile(options.parties);
  if (!text) {
    std::cerr << "tandem isa draft: " << text.error().message << "\n";
    return 2;
  }
  auto parties = isa::ParseDraftParties(*text);
  if (!parties) {
    std::cerr << "tandem isa draft: " << options.parties << ": " << parties.error().message << "\n";
    return 1;
  }
  isa::DraftOptions draft;
  draft.id = options.id;
  draft.version = options.version;
  draft.oprf_threshold = options.oprf_threshold;
  draft.daily_quota = options.daily_quota;
  if (options.valid_from.empty()) {
    const auto now = Now().time_since_epoch().count();
    draft.valid_from = protocol::Seconds(std::chrono::seconds(now - now % kSecondsPerDay));
  } else {
    auto from = protocol::ParseTimestamp(options.valid_from);
    if (!from) {
      std::cerr << "tandem isa draft: --valid-from: " << from.error().message << "\n";
      return 1;
    }
    draft.valid_from = *from;
  }
  if (options.valid_until.empty()) {
    draft.valid_until = draft.valid_from + std::chrono::seconds(365 * kSecondsPerDay);
  } else {
    auto until = protocol::ParseTimestamp(options.valid_until);
    if (!until) {
      std::cerr << "tandem isa draft: --valid-until: " << until.error().message << "\n";
      return 1;
    }
    draft.valid_until = *until;
  }
  auto isa = isa::DraftHhppIsa(*parties, draft);
  if (!isa) {
    std::cerr << "tandem isa draft: " << isa.error().message << "\n";
    return 1;
  }
  auto formatted = protocol::FormatIsa(*isa);
  if (!formatted) {
    std::cerr << "tandem isa draft: " << formatted.error().message << "\n";
    return 1;
  }
  if (auto st = store::WriteFileAtomically(options.out, *formatted, 0644); !st) {
    std::cerr << "tandem isa draft: " << st.error().message << "\n";
    return 2;
  }
  std::cout << "drafted ISA '" << isa->id.value() << "' version " << isa->version << ": "
            << isa->parties.size() << " parties, " << isa->purposes.size()
            << " purposes; review it, then each party signs it with 'tandem isa sign'\n";
  return 0;
}

int RunSign(const IsaOptions& options) {
  int exit_code = 0;
  auto isa = LoadIsa("sign", options.isa, exit_code);
  if (!isa) return exit_code;
  auto key = ReadIdentityKey(options.key);
  if (!key) {
    std::cerr << "tandem isa sign: " << key.error().message << "\n";
    return 2;
  }
  if (auto st = protocol::SignIsa(*isa, options.party, *key); !st) {
    std::cerr << "tandem isa sign: " << st.error().message << "\n";
    return 1;
  }
  auto formatted = protocol::FormatIsa(*isa);
  if (!formatted) {
    std::cerr << "tandem isa sign: " << formatted.error().message << "\n";
    return 1;
  }
  if (auto st = store::WriteFileAtomically(options.isa, *formatted, 0644); !st) {
    std::cerr << "tandem isa sign: " << st.error().message << "\n";
    return 2;
  }
  std::size_t signed_count = 0;
  for (const auto& party : isa->parties) signed_count += isa->signatures.count(party.id.value());
  std::cout << "signed as '" << options.party << "'; " << signed_count << " of "
            << isa->parties.size() << " parties have signed\n";
  return 0;
}

int RunVerify(const IsaOptions& options) {
  int exit_code = 0;
  auto isa = LoadIsa("verify", options.isa, exit_code);
  if (!isa) return exit_code;
  protocol::Seconds at = Now();
  if (!options.at.empty()) {
    auto parsed = protocol::ParseTimestamp(options.at);
    if (!parsed) {
      std::cerr << "tandem isa verify: --at: " << parsed.error().message << "\n";
      return 2;
    }
    at = *parsed;
  }
  auto states = protocol::CheckIsaSignatures(*isa);
  if (!states) {
    std::cerr << "tandem isa verify: " << states.error().message << "\n";
    return 1;
  }
  std::cout << "ISA '" << isa->id.value() << "' version " << isa->version << "\n";
  std::cout << "  in force " << Time(isa->valid_from) << " until " << Time(isa->valid_until)
            << "\n";
  for (const auto& [party, state] : *states) {
    static constexpr std::array<const char*, 3> kStates = {
        "signed", "not signed",
        "BAD SIGNATURE (not by the listed key, or the document changed after signing)"};
    std::cout << "  " << party << ": " << kStates.at(static_cast<std::size_t>(state)) << "\n";
  }
  if (auto st = protocol::VerifyIsa(*isa, at); !st) {
    std::cout << "not valid at " << Time(at) << "\n";
    std::cerr << "tandem isa verify: " << st.error().message << "\n";
    return 1;
  }
  std::cout << "valid at " << Time(at) << ": signed by every party\n";
  return 0;
}

int RunShow(const IsaOptions& options) {
  int exit_code = 0;
  auto isa = LoadIsa("show", options.isa, exit_code);
  if (!isa) return exit_code;
  auto signed_sha256 = node::isa::SignedContentSha256(*isa);
  if (!signed_sha256) {
    std::cerr << "tandem isa show: " << signed_sha256.error().message << "\n";
    return 1;
  }
  std::cout << "ISA '" << isa->id.value() << "' version " << isa->version << ", in force "
            << Time(isa->valid_from) << " until " << Time(isa->valid_until)
            << "\nsigned content sha256 " << *signed_sha256 << "\n\n";
  std::cout << "Parties (" << isa->parties.size() << "):\n";
  for (const auto& party : isa->parties) {
    std::cout << "  " << party.id.value() << " (" << party.agency_kind << ") " << party.name
              << "\n    endpoint " << party.endpoint << ", key " << party.signing_key.Hex()
              << "\n    certificate sha256 " << party.cert_sha256
              << "\n    signed: " << (isa->signatures.contains(party.id.value()) ? "yes" : "no")
              << "\n    lawful basis: " << party.lawful_basis << "\n";
  }
  std::cout << "\nPurposes (" << isa->purposes.size() << "):\n";
  for (const auto& purpose : isa->purposes) {
    std::cout << "  " << purpose.id.value() << ": quota " << purpose.daily_quota_per_peer
              << " requests per peer per day, kept " << purpose.retention_days << " days\n    "
              << purpose.description << "\n";
    for (const auto& clause : purpose.clauses) {
      std::string kinds;
      for (const auto& kind : clause.kinds) kinds += (kinds.empty() ? "" : ", ") + kind.value();
      std::cout << "    clause " << clause.id << ": " << Join(clause.from) << " -> "
                << Join(clause.to) << " [" << kinds << "]\n";
      if (!clause.data_categories.empty()) {
        std::string text;
        for (const auto& c : clause.data_categories) text += (text.empty() ? "" : ", ") + c;
        std::cout << "      data: " << text << "\n";
      }
      if (!clause.fields.empty()) {
        std::string text;
        for (const auto& f : clause.fields) text += (text.empty() ? "" : ", ") + f;
        std::cout << "      fields: " << text << "\n";
      }
    }
  }
  const auto& dc = isa->disclosure_control;
  std::cout << "\nOPRF key: " << isa->oprf_threshold << " of " << isa->oprf_holders.size()
            << " holders (" << Join(isa->oprf_holders) << ")\n";
  std::cout << "Disclosure control: k = " << dc.k << ", counts under " << dc.small_cell_threshold
            << " suppressed, rounded to " << dc.rounding_base << ", DP epsilon budget "
            << dc.dp_epsilon_budget << "\n";
  return 0;
}

int RunInstall(const IsaOptions& options) {
  auto text = ReadFile(options.isa);
  if (!text) {
    std::cerr << "tandem isa install: " << text.error().message << "\n";
    return 2;
  }
  auto installed = isa::IsaInstaller::Install(options.data_dir, *text, Now());
  if (!installed) {
    std::cerr << "tandem isa install: " << installed.error().message << "\n";
    return installed.error().code == Code::kUnavailable ? 2 : 1;
  }
  std::cout << "installed ISA '" << installed->isa.id.value() << "' version "
            << installed->isa.version;
  if (installed->replaced_version)
    std::cout << " (replaced version " << *installed->replaced_version << ")";
  std::cout << "\n";
  if (installed->replaced_version) {
    std::cout << "a running node puts it in force on SIGHUP or POST /v1/isa/reload (admin)\n";
  }
  return 0;
}

}  // namespace

void AddIsaCommand(CLI::App& app, CommandContext& ctx) {
  auto* isa = app.add_subcommand("isa", "Draft, sign, verify, show and install the ISA");
  isa->require_subcommand(1);
  auto o = std::make_shared<IsaOptions>();

  auto* draft = isa->add_subcommand(
      "draft", "Write the standard HHPP agreement for a list of parties (unsigned)");
  draft
      ->add_option("--parties", o->parties,
                   "JSON file: {\"parties\": [{id, agency_kind, name, signing_key, "
                   "cert_sha256, endpoint, optional lawful_basis}]}")
      ->required();
  draft->add_option("--out", o->out, "the ISA file to write")->required();
  draft->add_option("--id", o->id, "the ISA id (default hhpp-isa)");
  draft->add_option("--version", o->version, "the version number (default 1)");
  draft->add_option("--valid-from", o->valid_from,
                    "start, RFC 3339 UTC seconds (default: today 00:00:00Z)");
  draft->add_option("--valid-until", o->valid_until, "end (default: 365 days after the start)");
  draft->add_option("--oprf-threshold", o->oprf_threshold,
                    "OPRF holders needed (default: a majority of the parties)");
  draft
      ->add_option("--daily-quota", o->daily_quota,
                   "every purpose's requests per peer per day (load tests; default: the table's)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
  draft->callback([&ctx, o] { ctx.exit_code = RunDraft(*o); });

  auto* sign = isa->add_subcommand("sign", "Add a party's signature to the ISA file");
  sign->add_option("--isa", o->isa, "the ISA file (rewritten)")->required();
  sign->add_option("--party", o->party, "the party signing")->required();
  sign->add_option("--key", o->key, "that party's identity key file")->required();
  sign->callback([&ctx, o] { ctx.exit_code = RunSign(*o); });

  auto* verify =
      isa->add_subcommand("verify", "Check every party's signature and the validity dates");
  verify->add_option("--isa", o->isa, "the ISA file")->required();
  verify->add_option("--at", o->at, "the time to check at, RFC 3339 UTC seconds (default now)");
  verify->callback([&ctx, o] { ctx.exit_code = RunVerify(*o); });

  auto* show = isa->add_subcommand("show", "Summarise parties, purposes, clauses and quotas");
  show->add_option("--isa", o->isa, "the ISA file")->required();
  show->callback([&ctx, o] { ctx.exit_code = RunShow(*o); });

  auto* install = isa->add_subcommand(
      "install", "Install a fully signed ISA in a node's data directory (newer versions only)");
  install->add_option("--isa", o->isa, "the signed ISA file")->required();
  install->add_option("--data-dir", o->data_dir, "the node's data directory")->required();
  install->callback([&ctx, o] { ctx.exit_code = RunInstall(*o); });
}

}  // namespace tandem::node::cli
