// How the command line prints counts: with thousands separators ("1,234,567").
#pragma once

#include <cstdint>
#include <string>

namespace tandem::node::cli {

std::string Grouped(std::uint64_t n);

}  // namespace tandem::node::cli
