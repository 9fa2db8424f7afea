// Reads tests/vectors/rfc9497/ristretto255-sha512.txt: the RFC 9497 Appendix A.1 test vectors
// as printed in the RFC (wrapped values, "," between batch entries).
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/internal/hex.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::testing {

struct Rfc9497Vector {
  int number = 0;
  int batch = 0;
  std::map<std::string, std::string> fields;

  // The field's batch entries, hex-decoded.
  std::vector<std::vector<std::uint8_t>> Bytes(const std::string& name) const {
    std::vector<std::vector<std::uint8_t>> out;
    std::stringstream in(fields.at(name));
    std::string item;
    while (std::getline(in, item, ',')) {
      out.push_back(internal::DecodeHex(item, name).value());
    }
    return out;
  }
};

struct Rfc9497Mode {
  std::map<std::string, std::string> key;  // Seed, KeyInfo, skSm, pkSm
  std::vector<Rfc9497Vector> vectors;
  std::vector<std::uint8_t> KeyBytes(const std::string& name) const {
    return internal::DecodeHex(key.at(name), name).value();
  }
};

// Modes by name: "OPRF", "VOPRF".
inline std::map<std::string, Rfc9497Mode> LoadRfc9497Vectors() {
  std::ifstream file(std::string(TANDEM_SOURCE_DIR) +
                     "/tests/vectors/rfc9497/ristretto255-sha512.txt");
  std::map<std::string, Rfc9497Mode> modes;
  Rfc9497Mode* mode = nullptr;
  std::map<std::string, std::string>* fields = nullptr;
  std::string last;
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind("### ", 0) == 0) {
      const std::string name = line.substr(4, line.find(" Mode") - 4);
      mode = &modes[name];
      fields = &mode->key;
    } else if (line.rfind("#### Test Vector ", 0) == 0 && mode != nullptr) {
      Rfc9497Vector v;
      v.number = std::stoi(line.substr(17));
      v.batch = std::stoi(line.substr(line.find("Batch Size ") + 11));
      mode->vectors.push_back(v);
      fields = &mode->vectors.back().fields;
    } else if (line.empty() || line[0] == '#' || line == "~~~" || fields == nullptr) {
      continue;
    } else if (auto eq = line.find(" = "); eq != std::string::npos) {
      last = line.substr(0, eq);
      (*fields)[last] = line.substr(eq + 3);
    } else {
      (*fields)[last] += line;  // a wrapped value continues
    }
  }
  return modes;
}

inline SecretBytes Secret(const std::vector<std::uint8_t>& bytes) {
  return SecretBytes::Copy(bytes).value();
}

}  // namespace tandem::crypto::testing
