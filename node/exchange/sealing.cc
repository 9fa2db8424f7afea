#include "node/exchange/sealing.h"

#include <sodium.h>

namespace tandem::node::exchange {
namespace {

// A message id or nonce from the OS CSPRNG. Neither is secret (both travel in the clear), so
// they are drawn straight into the value rather than through SecretBytes, whose locked,
// guard-paged allocation costs an mmap, mprotect and munmap each: four per exchange.
template <class Id>
Id RandomPublicId() {
  typename Id::Bytes bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Id::FromBytes(bytes);
}

template <class Name>
Result<Name> NameOf(std::string_view value, std::string_view what) {
  auto name = Name::Create(value);
  if (!name) return Fail(Code::kInvalidArgument, std::string(what) + ": " + name.error().message);
  return name;
}

}  // namespace

Result<SealedMessage> SealMessage(const ExchangeContext& context, const protocol::IsaRef& isa,
                                  std::string_view to, std::string_view purpose,
                                  std::string_view kind, std::string_view body_json) {
  auto from = NameOf<protocol::NodeId>(context.self, "sender");
  auto recipient = NameOf<protocol::NodeId>(to, "recipient");
  auto purpose_id = NameOf<protocol::PurposeId>(purpose, "purpose");
  auto kind_name = NameOf<protocol::MessageKind>(kind, "message kind");
  const auto id = RandomPublicId<protocol::MessageId>();
  const auto nonce = RandomPublicId<protocol::Nonce>();
  for (const auto& status : {from.map([](auto&&) {}), recipient.map([](auto&&) {}),
                             purpose_id.map([](auto&&) {}), kind_name.map([](auto&&) {})}) {
    if (!status) return tl::unexpected(status.error());
  }
  const protocol::Seconds now = context.clock();
  SealedMessage message{
      protocol::EnvelopeHeader{id, *from, *recipient, isa, *purpose_id, *kind_name, now,
                               now + context.envelope_lifetime, nonce},
      {}};
  auto wire = protocol::Seal(message.header, body_json, *context.signing_key);
  if (!wire) return tl::unexpected(wire.error());
  message.wire = std::move(*wire);
  return message;
}

std::string ReplyKind(std::string_view kind) { return std::string(kind) + "-reply"; }

std::string MessagePath(std::string_view kind) { return "/v1/messages/" + std::string(kind); }

}  // namespace tandem::node::exchange
