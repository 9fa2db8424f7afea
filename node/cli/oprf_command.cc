// `tandem oprf evaluate --key-hex K --input-hex X`: prints the RFC 9497 OPRF-mode output of
// key K on input X in hex, computed the way a client and key holder compute it:
// Finalize(X, BlindEvaluate(K, Blind(X))), which equals the unblinded evaluation. It exists to
// check the implementation against the RFC's vectors and other implementations; in operation
// no node holds the whole key (see docs/oprf.md).
#include <sodium.h>

#include <iostream>
#include <memory>
#include <string>

#include "crypto/oprf.h"
#include "crypto/secret_bytes.h"
#include "node/cli/commands.h"

namespace tandem::node::cli {
namespace {

struct EvaluateOptions {
  std::string key_hex;
  std::string input_hex;
};

// Hex digits into secure memory; kInvalidArgument naming the option otherwise.
Result<crypto::SecretBytes> DecodeHex(const std::string& hex, const std::string& option) {
  auto out = crypto::SecretBytes::Zeroed(hex.size() / 2);
  if (!out) return out;
  std::size_t written = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(out->data(), out->size(), hex.c_str(), hex.size(), nullptr, &written, &end) !=
          0 ||
      written != out->size() || end != hex.c_str() + hex.size()) {
    return Fail(Code::kInvalidArgument,
                option + " must be an even number of hex digits (0-9, a-f) and nothing else");
  }
  return out;
}

int RunEvaluate(EvaluateOptions& options) {
  auto key_bytes = DecodeHex(options.key_hex, "--key-hex");
  sodium_memzero(options.key_hex.data(), options.key_hex.size());
  if (!key_bytes) {
    std::cerr << "tandem oprf evaluate: " << key_bytes.error().message << "\n";
    return 2;
  }
  auto input = DecodeHex(options.input_hex, "--input-hex");
  if (!input) {
    std::cerr << "tandem oprf evaluate: " << input.error().message << "\n";
    return 2;
  }
  auto key = crypto::OprfKey::FromSecret(*key_bytes);
  if (!key) {
    std::cerr << "tandem oprf evaluate: --key-hex: " << key.error().message
              << " (expected 64 hex digits: a 32-byte little-endian scalar below the group "
                 "order)\n";
    return 2;
  }
  const crypto::OprfClient client(crypto::OprfMode::kOprf);
  auto blinded = client.Blind(input->view());
  if (!blinded) {
    std::cerr << "tandem oprf evaluate: " << blinded.error().message << "\n";
    return 1;
  }
  auto evaluated = key->BlindEvaluate(blinded->blinded_element);
  if (!evaluated) {
    std::cerr << "tandem oprf evaluate: " << evaluated.error().message << "\n";
    return 1;
  }
  auto output = client.Finalize(input->view(), *blinded, *evaluated);
  if (!output) {
    std::cerr << "tandem oprf evaluate: " << output.error().message << "\n";
    return 1;
  }
  std::string hex(output->size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), output->data(), output->size());
  hex.pop_back();
  std::cout << hex << "\n";
  sodium_memzero(hex.data(), hex.size());
  return 0;
}

}  // namespace

void AddOprfCommand(CLI::App& app, CommandContext& ctx) {
  auto* oprf = app.add_subcommand("oprf", "RFC 9497 OPRF over ristretto255-SHA512");
  oprf->require_subcommand(1);
  auto options = std::make_shared<EvaluateOptions>();
  auto* evaluate = oprf->add_subcommand(
      "evaluate",
      "Print the OPRF-mode output (hex) of a key on an input, via blind/evaluate/finalize");
  evaluate->add_option("--key-hex", options->key_hex, "the key: 32-byte little-endian scalar, hex")
      ->required();
  evaluate->add_option("--input-hex", options->input_hex, "the input bytes, hex")->required();
  evaluate->callback([&ctx, options] { ctx.exit_code = RunEvaluate(*options); });
}

}  // namespace tandem::node::cli
