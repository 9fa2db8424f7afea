#include "node/net/https_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include "node/net/peer_client.h"
#include "tests/node/net/net_test_support.h"

namespace tandem::node::net {
namespace {

using namespace std::chrono_literals;
using testing::ClientOfHousing;
using testing::Eventually;
using testing::MillisecondsSince;
using testing::PoliceAndNhsPins;
using testing::RawTlsClient;
using testing::StartServer;
using testing::TestPki;

// Answers every request with "method target peer body" and counts the calls.
struct Echo {
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
  Handler handler() const {
    return [calls = calls](const HttpRequest& request) {
      ++*calls;
      HttpResponse response;
      response.content_type = "text/plain";
      auto type = request.headers.find("content-type");
      response.body = request.method + " " + request.target + " " + request.peer + " " +
                      request.body + " " +
                      (type == request.headers.end() ? std::string("-") : type->second);
      return response;
    };
  }
};

ListenerOptions PeerOptions() {
  ListenerOptions options;
  options.client_auth = ClientAuth::kRequiredPinned;
  return options;
}

RawTlsClient::Options As(const std::string& name) {
  RawTlsClient::Options options;
  options.identity = TestPki::Get().Files(name);
  return options;
}

TEST(HttpsServerTest, MutualTlsRoundTripReachesTheHandlerWithThePinnedPeer) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto client = ClientOfHousing("police", server->port(0));
  auto reply = client->Post("/v1/exchange", "{\"a\":1}", "application/json");
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "POST /v1/exchange police {\"a\":1} application/json");
  EXPECT_EQ(*echo.calls, 1);
}

TEST(HttpsServerTest, EachPinnedPartyIsNamedAsThePeer) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto police = ClientOfHousing("police", server->port(0));
  auto nhs = ClientOfHousing("nhs", server->port(0));
  auto from_police = police->Get("/who");
  auto from_nhs = nhs->Get("/who");
  ASSERT_TRUE(from_police && from_nhs);
  EXPECT_EQ(from_police->body, "GET /who police  -");
  EXPECT_EQ(from_nhs->body, "GET /who nhs  -");
}

TEST(HttpsServerTest, ClientCertificateFromAnotherCaFailsBeforeAnyHandler) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  const TestPki& pki = TestPki::Get();
  // Trusts the real CA (so it accepts the server) but presents the rogue CA's "police".
  TlsFiles rogue = pki.Files("rogue-police");
  rogue.ca_cert = pki.Files("ca").ca_cert;
  auto client = PeerClient::Create(
      rogue, {"housing", "127.0.0.1", server->port(0), pki.Fingerprint("housing")});
  ASSERT_TRUE(client);
  auto reply = (*client)->Post("/v1/exchange", "{}");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Code::kUnauthenticated) << reply.error().message;
  EXPECT_NE(
      reply.error().message.find("peer 'housing' at 127.0.0.1:" + std::to_string(server->port(0)) +
                                 " refused this node's certificate"),
      std::string::npos)
      << reply.error().message;

  auto raw = RawTlsClient::Connect(server->port(0), As("rogue-police"));
  ASSERT_NE(raw, nullptr);
  raw->Handshake();  // TLS 1.3: the client's side may finish before the server refuses
  raw->Write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(raw->ReadResponse().status, 0);
  EXPECT_EQ(*echo.calls, 0);
}

TEST(HttpsServerTest, CaSignedButUnpinnedCertificateFailsBeforeAnyHandler) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto client = ClientOfHousing("probation", server->port(0));
  auto reply = client->Post("/v1/exchange", "{}");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Code::kUnauthenticated) << reply.error().message;
  EXPECT_EQ(*echo.calls, 0);
}

TEST(HttpsServerTest, ClientWithoutCertificateIsRefusedOnThePeerListener) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto raw = RawTlsClient::Connect(server->port(0), {});
  ASSERT_NE(raw, nullptr);
  raw->Handshake();
  raw->Write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(raw->ReadResponse().status, 0);
  EXPECT_EQ(*echo.calls, 0);
}

TEST(HttpsServerTest, LocalListenerServesClientsWithoutCertificateAndNoPeer) {
  Echo echo;
  ListenerOptions options;
  options.client_auth = ClientAuth::kNone;
  auto server = StartServer("housing", PoliceAndNhsPins(), options, echo.handler());
  auto raw = RawTlsClient::Connect(server->port(0), {});
  ASSERT_NE(raw, nullptr);
  ASSERT_TRUE(raw->Handshake());
  ASSERT_TRUE(raw->Write("GET /status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n"));
  auto response = raw->ReadResponse();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GET /status   -");
}

TEST(HttpsServerTest, Tls12OnlyClientIsRefusedOnBothKindsOfListener) {
  Echo echo;
  ListenerOptions local;
  local.client_auth = ClientAuth::kNone;
  auto server = HttpsServer::Start(TestPki::Get().Files("housing"), PoliceAndNhsPins(),
                                   {{PeerOptions(), echo.handler()}, {local, echo.handler()}}, 1);
  ASSERT_TRUE(server) << server.error().message;
  for (std::size_t listener : {0u, 1u}) {
    RawTlsClient::Options old = As("police");
    old.max_version = TLS1_2_VERSION;
    auto raw = RawTlsClient::Connect((*server)->port(listener), old);
    ASSERT_NE(raw, nullptr);
    EXPECT_FALSE(raw->Handshake()) << "listener " << listener;
    // The same client allowed TLS 1.3 gets through.
    auto modern = RawTlsClient::Connect((*server)->port(listener), As("police"));
    EXPECT_TRUE(modern->Handshake()) << "listener " << listener;
  }
  EXPECT_EQ(*echo.calls, 0);
}

TEST(HttpsServerTest, BodyOverTheLimitIs413AndOthersAreStillServed) {
  Echo echo;
  ListenerOptions options = PeerOptions();
  options.max_body_bytes = 1024;
  auto server = StartServer("housing", PoliceAndNhsPins(), options, echo.handler());
  auto big = ClientOfHousing("police", server->port(0));
  auto reply = big->Post("/v1/exchange", std::string(64 * 1024, 'x'));
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->status, 413);
  EXPECT_NE(reply->body.find("\"error\""), std::string::npos) << reply->body;
  EXPECT_NE(reply->body.find("1024 bytes"), std::string::npos) << reply->body;

  auto other = ClientOfHousing("nhs", server->port(0));
  auto ok = other->Post("/v1/exchange", std::string(1000, 'y'));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->status, 200);
  // The refused client reconnects and is served again too.
  auto again = big->Post("/v1/exchange", "small");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(*echo.calls, 2);
}

TEST(HttpsServerTest, SlowClientIsDroppedWhileAnotherIsServed) {
  Echo echo;
  ListenerOptions options = PeerOptions();
  options.read_timeout = 1s;
  auto server = StartServer("housing", PoliceAndNhsPins(), options, echo.handler());

  auto slow = RawTlsClient::Connect(server->port(0), As("nhs"));
  ASSERT_NE(slow, nullptr);
  ASSERT_TRUE(slow->Handshake());
  const auto start = std::chrono::steady_clock::now();

  // Meanwhile another client is served promptly, again and again.
  auto fast_latencies = std::async(std::launch::async, [port = server->port(0)] {
    auto fast = ClientOfHousing("police", port);
    double worst = 0;
    for (int i = 0; i < 8; ++i) {
      const auto sent = std::chrono::steady_clock::now();
      auto reply = fast->Get("/fast");
      if (!reply || reply->status != 200) return -1.0;
      worst = std::max(worst, MillisecondsSince(sent));
      std::this_thread::sleep_for(150ms);
    }
    return worst;
  });

  // Headers one byte every 100 ms: 60 bytes would take 6 s.
  const std::string request =
      "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaa\r\n";
  double dropped_after_ms = -1;
  for (char byte : request) {
    if (slow->PeerHungUp()) {
      dropped_after_ms = MillisecondsSince(start);
      break;
    }
    if (!slow->Write(std::string_view(&byte, 1))) {
      dropped_after_ms = MillisecondsSince(start);
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_GE(dropped_after_ms, 900);
  EXPECT_LE(dropped_after_ms, 2500);
  EXPECT_TRUE(slow->ClosedByServer());

  const double worst_fast_ms = fast_latencies.get();
  EXPECT_GE(worst_fast_ms, 0) << "the fast client was not served";
  EXPECT_LT(worst_fast_ms, 500);
  EXPECT_EQ(*echo.calls, 8);
}

TEST(HttpsServerTest, ConnectionsBeyondTheCapAreClosed) {
  Echo echo;
  ListenerOptions options = PeerOptions();
  options.max_connections = 2;
  auto server = StartServer("housing", PoliceAndNhsPins(), options, echo.handler());
  auto first = RawTlsClient::Connect(server->port(0), As("police"));
  auto second = RawTlsClient::Connect(server->port(0), As("nhs"));
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(first->Handshake());
  ASSERT_TRUE(second->Handshake());
  ASSERT_TRUE(Eventually([&] { return server->connections(0) == 2; }));

  auto third = RawTlsClient::Connect(server->port(0), As("police"));
  ASSERT_NE(third, nullptr);  // the kernel accepts; the server closes it at once
  EXPECT_FALSE(third->Handshake());
  EXPECT_EQ(server->connections(0), 2u);

  first.reset();
  ASSERT_TRUE(Eventually([&] { return server->connections(0) == 1; }));
  auto fourth = RawTlsClient::Connect(server->port(0), As("police"));
  ASSERT_TRUE(fourth->Handshake());
  ASSERT_TRUE(fourth->Write("GET /x HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(fourth->ReadResponse().status, 200);
}

TEST(HttpsServerTest, UnknownMethodIs405AndTheConnectionStaysUsable) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto raw = RawTlsClient::Connect(server->port(0), As("police"));
  ASSERT_TRUE(raw->Handshake());
  ASSERT_TRUE(raw->Write("BREW /pot HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
  auto refused = raw->ReadResponse();
  EXPECT_EQ(refused.status, 405);
  EXPECT_NE(refused.head.find("Allow: GET, POST, PUT, DELETE"), std::string::npos);
  EXPECT_NE(refused.body.find("invalid_argument"), std::string::npos);
  ASSERT_TRUE(raw->Write("GET /pot HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(raw->ReadResponse().status, 200);
  EXPECT_EQ(*echo.calls, 1);
}

TEST(HttpsServerTest, OddTargetsAre400) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  for (const std::string& target :
       {std::string("*"), std::string("http://housing/x"), "/" + std::string(3000, 'a')}) {
    auto raw = RawTlsClient::Connect(server->port(0), As("police"));
    ASSERT_TRUE(raw->Handshake());
    ASSERT_TRUE(raw->Write("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(raw->ReadResponse().status, 400) << target.substr(0, 20);
  }
  EXPECT_EQ(*echo.calls, 0);
}

TEST(HttpsServerTest, HeaderOverEightKibIs431) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto raw = RawTlsClient::Connect(server->port(0), As("police"));
  ASSERT_TRUE(raw->Handshake());
  ASSERT_TRUE(
      raw->Write("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'b') + "\r\n\r\n"));
  EXPECT_EQ(raw->ReadResponse().status, 431);
  EXPECT_EQ(*echo.calls, 0);
}

TEST(HttpsServerTest, MalformedRequestIs400) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto raw = RawTlsClient::Connect(server->port(0), As("police"));
  ASSERT_TRUE(raw->Handshake());
  ASSERT_TRUE(raw->Write("GET / HTTP/1.1\r\nNo colon here\r\n\r\n"));
  EXPECT_EQ(raw->ReadResponse().status, 400);
  EXPECT_EQ(*echo.calls, 0);
}

TEST(HttpsServerTest, HandlerThatBlocksDoesNotHoldUpOtherConnections) {
  auto server =
      StartServer("housing", PoliceAndNhsPins(), PeerOptions(), [](const HttpRequest& request) {
        if (request.target == "/slow") std::this_thread::sleep_for(800ms);
        return HttpResponse{};
      });
  auto slow = std::async(std::launch::async, [port = server->port(0)] {
    return ClientOfHousing("nhs", port)->Get("/slow");
  });
  std::this_thread::sleep_for(100ms);
  auto fast = ClientOfHousing("police", server->port(0));
  const auto sent = std::chrono::steady_clock::now();
  auto reply = fast->Get("/fast");
  const double fast_ms = MillisecondsSince(sent);
  ASSERT_TRUE(reply);
  EXPECT_LT(fast_ms, 400);
  auto slow_reply = slow.get();
  ASSERT_TRUE(slow_reply);
  EXPECT_EQ(slow_reply->status, 200);
}

TEST(HttpsServerTest, StopFinishesAnInFlightSlowResponse) {
  auto started = std::make_shared<std::promise<void>>();
  auto server =
      StartServer("housing", PoliceAndNhsPins(), PeerOptions(), [started](const HttpRequest&) {
        started->set_value();
        std::this_thread::sleep_for(600ms);
        HttpResponse response;
        response.body = "{\"done\":true}";
        return response;
      });
  const std::uint16_t port = server->port(0);
  auto in_flight = std::async(std::launch::async, [port] {
    return ClientOfHousing("police", port)->Post("/v1/exchange", "{}");
  });
  started->get_future().wait();
  const auto stop_began = std::chrono::steady_clock::now();
  server->Stop();
  const double stop_ms = MillisecondsSince(stop_began);

  auto reply = in_flight.get();
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "{\"done\":true}");
  EXPECT_GE(stop_ms, 400);  // Stop waited for the response
  EXPECT_LT(stop_ms, 5000);

  ClientOptions once;
  once.max_attempts = 1;
  auto late = ClientOfHousing("police", port, once)->Get("/x");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, Code::kUnavailable);
}

TEST(HttpsServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  Echo echo;
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  auto client = ClientOfHousing("police", server->port(0));
  for (int i = 0; i < 5; ++i) {
    auto reply = client->Post("/n", std::to_string(i));
    ASSERT_TRUE(reply);
    EXPECT_EQ(server->connections(0), 1u);
  }
  EXPECT_EQ(*echo.calls, 5);
}

TEST(HttpsServerTest, ReplacedPinsStopServingAnOpenConnection) {
  Echo echo;
  auto pins = PoliceAndNhsPins();
  auto server = StartServer("housing", pins, PeerOptions(), echo.handler());
  auto client = ClientOfHousing("police", server->port(0));
  ASSERT_TRUE(client->Get("/before"));
  pins->Replace({{TestPki::Get().Fingerprint("nhs"), "nhs"}});
  auto after = client->Get("/after");
  EXPECT_FALSE(after);
  EXPECT_EQ(*echo.calls, 1);
}

TEST(HttpsServerTest, HandlerExceptionIs500WithoutDetail) {
  auto server = StartServer(
      "housing", PoliceAndNhsPins(), PeerOptions(),
      [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("secret detail"); });
  auto reply = ClientOfHousing("police", server->port(0))->Get("/x");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  EXPECT_EQ(reply->body.find("secret"), std::string::npos);
}

TEST(HttpsServerTest, StartNamesAMissingKeyFile) {
  TlsFiles files = TestPki::Get().Files("housing");
  files.key = TestPki::Get().dir() / "housing" / "missing.key";
  auto server =
      HttpsServer::Start(files, PoliceAndNhsPins(),
                         {{PeerOptions(), [](const HttpRequest&) { return HttpResponse{}; }}}, 1);
  ASSERT_FALSE(server);
  EXPECT_EQ(server.error().code, Code::kInvalidArgument);
  EXPECT_NE(server.error().message.find("missing.key"), std::string::npos);
}

TEST(HttpsServerTest, StartRefusesAKeyReadableByOthers) {
  testing::TempDir dir;
  const TlsFiles source = TestPki::Get().Files("housing");
  const TlsFiles files{dir / "ca.crt", dir / "node.crt", dir / "node.key"};
  std::filesystem::copy_file(source.ca_cert, files.ca_cert);
  std::filesystem::copy_file(source.cert, files.cert);
  std::filesystem::copy_file(source.key, files.key);
  std::filesystem::permissions(files.key, std::filesystem::perms::owner_read |
                                              std::filesystem::perms::owner_write |
                                              std::filesystem::perms::others_read);
  auto server =
      HttpsServer::Start(files, PoliceAndNhsPins(),
                         {{PeerOptions(), [](const HttpRequest&) { return HttpResponse{}; }}}, 1);
  ASSERT_FALSE(server);
  EXPECT_NE(server.error().message.find("chmod 600"), std::string::npos);
}

TEST(HttpsServerTest, PortInUseIsUnavailable) {
  Echo echo;
  auto first = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), echo.handler());
  ListenerOptions same = PeerOptions();
  same.port = first->port(0);
  auto second = HttpsServer::Start(TestPki::Get().Files("housing"), PoliceAndNhsPins(),
                                   {{same, echo.handler()}}, 1);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Code::kUnavailable);
}

}  // namespace
}  // namespace tandem::node::net
