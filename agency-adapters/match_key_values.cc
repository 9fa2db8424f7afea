// KeyPart, MatchKeyValues and KeyValueSink (match_keys.h): building encoded key values in
// secure memory.
#include <algorithm>
#include <array>
#include <cstring>

#include "agency-adapters/match_keys.h"

namespace tandem::adapters {
namespace {

constexpr std::uint8_t kNameSeparator = 0x00;
constexpr std::uint8_t kPartSeparator = 0x1F;
constexpr std::size_t kInitialBuffer = 4096;

// Stores that the compiler may not drop, so that wiped bytes are really wiped.
void Wipe(void* data, std::size_t size) {
  volatile auto* p = static_cast<volatile unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) p[i] = 0;
}

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// Writes `value` as decimal digits with at least `width` digits into `out`; returns the count.
std::size_t WriteDigits(int value, int width, char* out) {
  std::array<char, 12> reversed{};
  std::size_t n = 0;
  unsigned v = value < 0 ? 0u : static_cast<unsigned>(value);
  do {
    reversed[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0 && n < reversed.size());
  while (n < static_cast<std::size_t>(width) && n < reversed.size()) reversed[n++] = '0';
  for (std::size_t i = 0; i < n; ++i) out[i] = reversed[n - 1 - i];
  Wipe(reversed.data(), reversed.size());
  return n;
}

}  // namespace

// ---- KeyPart ----

KeyPart KeyPart::Text(std::string_view text) {
  KeyPart part;
  part.text_ = text;
  part.is_text_ = true;
  return part;
}

KeyPart KeyPart::Letter(char letter) {
  KeyPart part;
  if (letter != 0) {
    part.digits_[0] = letter;
    part.digits_size_ = 1;
  }
  return part;
}

KeyPart KeyPart::Number(int number) {
  KeyPart part;
  part.digits_size_ = WriteDigits(number, 1, part.digits_);
  return part;
}

KeyPart KeyPart::IsoDate(const core::Date& date) {
  KeyPart part;
  std::size_t n = WriteDigits(date.year(), 4, part.digits_);
  part.digits_[n++] = '-';
  n += WriteDigits(date.month(), 2, part.digits_ + n);
  part.digits_[n++] = '-';
  n += WriteDigits(date.day(), 2, part.digits_ + n);
  part.digits_size_ = n;
  return part;
}

KeyPart KeyPart::DayMonthFreeDate(const core::Date& date) {
  KeyPart part;
  const int low = std::min(date.day(), date.month());
  const int high = std::max(date.day(), date.month());
  std::size_t n = WriteDigits(date.year(), 4, part.digits_);
  part.digits_[n++] = '-';
  n += WriteDigits(low, 2, part.digits_ + n);
  part.digits_[n++] = '-';
  n += WriteDigits(high, 2, part.digits_ + n);
  part.digits_size_ = n;
  return part;
}

KeyPart::KeyPart(const KeyPart& other)
    : text_(other.text_), digits_size_(other.digits_size_), is_text_(other.is_text_) {
  std::memcpy(digits_, other.digits_, sizeof digits_);
}

KeyPart::~KeyPart() { Wipe(digits_, sizeof digits_); }

std::string_view KeyPart::view() const {
  return is_text_ ? text_ : std::string_view(digits_, digits_size_);
}

// ---- MatchKeyValues ----

std::span<const std::uint8_t> MatchKeyValues::input(std::size_t i) const {
  const Entry& e = entries_[i];
  return {buffer_.data() + e.offset, e.length};
}

void MatchKeyValues::Clear() {
  if (used_ > 0) Wipe(buffer_.data(), used_);
  used_ = 0;
  entries_.clear();
  present_mask_ = 0;
}

Status MatchKeyValues::Reserve(std::size_t extra) {
  if (used_ + extra <= buffer_.size()) return Ok();
  const std::size_t size = std::max({buffer_.size() * 2, used_ + extra, kInitialBuffer});
  auto bigger = crypto::SecretBytes::Zeroed(size);
  if (!bigger) return tl::unexpected(bigger.error());
  if (used_ > 0) std::memcpy(bigger->data(), buffer_.data(), used_);
  buffer_ = std::move(*bigger);  // the old buffer is wiped as it goes
  return Ok();
}

Status MatchKeyValues::Add(std::size_t key, std::string_view key_name,
                           std::initializer_list<KeyPart> parts) {
  std::size_t length = key_name.size() + 1;
  for (const KeyPart& part : parts) {
    const std::string_view v = part.view();
    if (v.empty() || !IsPrintableAscii(v)) return Ok();
    length += v.size() + 1;
  }
  if (parts.size() > 0) --length;  // separators go between parts
  if (auto reserved = Reserve(length); !reserved) return reserved;

  std::uint8_t* out = buffer_.data() + used_;
  std::size_t n = 0;
  std::memcpy(out, key_name.data(), key_name.size());
  n += key_name.size();
  out[n++] = kNameSeparator;
  bool first = true;
  for (const KeyPart& part : parts) {
    if (!first) out[n++] = kPartSeparator;
    first = false;
    const std::string_view v = part.view();
    std::memcpy(out + n, v.data(), v.size());
    n += v.size();
  }
  for (const Entry& e : entries_) {
    if (e.key == key && e.length == n && std::memcmp(buffer_.data() + e.offset, out, n) == 0) {
      Wipe(out, n);
      return Ok();
    }
  }
  entries_.push_back(Entry{static_cast<std::uint16_t>(key), static_cast<std::uint32_t>(used_),
                           static_cast<std::uint32_t>(n)});
  used_ += n;
  present_mask_ |= 1u << key;
  return Ok();
}

// ---- KeyValueSink ----

void KeyValueSink::Add(std::initializer_list<KeyPart> parts) {
  if (!status_) return;
  status_ = values_.Add(key_, key_name_, parts);
}

}  // namespace tandem::adapters
