#include "node/net/peer_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "node/net/https_server.h"
#include "tests/node/net/net_test_support.h"

namespace tandem::node::net {
namespace {

using namespace std::chrono_literals;
using testing::ClientOfHousing;
using testing::MillisecondsSince;
using testing::PoliceAndNhsPins;
using testing::StartServer;
using testing::TestPki;

ListenerOptions PeerOptions() {
  ListenerOptions options;
  options.client_auth = ClientAuth::kRequiredPinned;
  return options;
}

Handler Counting(std::shared_ptr<std::atomic<int>> calls, HttpResponse response = {}) {
  return [calls, response](const HttpRequest&) {
    ++*calls;
    return response;
  };
}

// A listening socket on loopback that accepts connections and closes them at once, noting when.
class ClosingListener {
 public:
  ClosingListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 16);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      for (;;) {
        const int connection = ::accept(fd_, nullptr, nullptr);
        if (connection < 0) return;
        {
          std::lock_guard lock(mutex_);
          accepted_.push_back(std::chrono::steady_clock::now());
        }
        ::close(connection);
      }
    });
  }
  ~ClosingListener() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  std::vector<std::chrono::steady_clock::time_point> accepted() {
    std::lock_guard lock(mutex_);
    return accepted_;
  }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::chrono::steady_clock::time_point> accepted_;
};

// A port on loopback with nothing listening on it.
std::uint16_t ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(PeerClientTest, RefusesAServerWhoseCertificateIsNotThePinnedOne) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), Counting(calls));
  // Meant to reach housing, but holds nhs's pin for it.
  auto client = ClientOfHousing("police", server->port(0), {}, "nhs");
  auto reply = client->Post("/v1/exchange", "{}");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Code::kUnauthenticated);
  const std::string who = "peer 'housing' at 127.0.0.1:" + std::to_string(server->port(0));
  EXPECT_NE(reply.error().message.find(who + " is not the pinned party"), std::string::npos)
      << reply.error().message;
  EXPECT_EQ(*calls, 0);

  // The right pin gets through to the same server.
  auto good = ClientOfHousing("police", server->port(0));
  auto ok = good->Post("/v1/exchange", "{}");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(*calls, 1);
}

TEST(PeerClientTest, RefusesAServerFromAnotherCaEvenWithItsPin) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  TlsFiles rogue_server = TestPki::Get().Files("rogue-police");
  rogue_server.ca_cert = TestPki::Get().Files("ca").ca_cert;  // verifies clients as usual
  auto server =
      HttpsServer::Start(rogue_server, PoliceAndNhsPins(), {{PeerOptions(), Counting(calls)}}, 1);
  ASSERT_TRUE(server) << server.error().message;
  auto client = PeerClient::Create(
      TestPki::Get().Files("nhs"),
      {"police", "127.0.0.1", (*server)->port(0), TestPki::Get().Fingerprint("rogue-police")});
  ASSERT_TRUE(client);
  auto reply = (*client)->Get("/x");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Code::kUnauthenticated);
  EXPECT_NE(reply.error().message.find("does not chain to the partnership CA"), std::string::npos)
      << reply.error().message;
  EXPECT_EQ(*calls, 0);
}

TEST(PeerClientTest, PeerDownIsUnavailableNamingThePeerAfterBackedOffAttempts) {
  const std::uint16_t port = ClosedPort();
  ClientOptions options;
  options.max_attempts = 3;
  options.first_backoff = 100ms;
  auto client = ClientOfHousing("police", port, options);
  const auto start = std::chrono::steady_clock::now();
  auto reply = client->Post("/v1/exchange", "{}");
  const double elapsed_ms = MillisecondsSince(start);
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Code::kUnavailable);
  EXPECT_EQ(reply.error().message, "peer 'housing' at 127.0.0.1:" + std::to_string(port) +
                                       " unreachable after 3 attempts: connection refused");
  EXPECT_GE(elapsed_ms, 300);  // waits of 100 ms and 200 ms between the attempts
  EXPECT_LT(elapsed_ms, 2000);
}

TEST(PeerClientTest, EachAttemptReachesThePeerAfterADoublingWait) {
  ClosingListener listener;
  ClientOptions options;
  options.max_attempts = 4;
  options.first_backoff = 100ms;
  auto client = ClientOfHousing("police", listener.port(), options);
  auto reply = client->Get("/x");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Code::kUnavailable);
  EXPECT_NE(reply.error().message.find("unreachable after 4 attempts: TLS handshake failed"),
            std::string::npos)
      << reply.error().message;
  const auto accepted = listener.accepted();
  ASSERT_EQ(accepted.size(), 4u);
  for (std::size_t i = 1; i < accepted.size(); ++i) {
    const double gap_ms =
        std::chrono::duration<double, std::milli>(accepted[i] - accepted[i - 1]).count();
    const double backoff_ms = 100.0 * (1 << (i - 1));
    EXPECT_GE(gap_ms, backoff_ms * 0.95) << "before attempt " << i + 1;
    EXPECT_LT(gap_ms, backoff_ms + 500) << "before attempt " << i + 1;
  }
}

TEST(PeerClientTest, ARequestThatWasSentIsNeverSentAgain) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto server =
      StartServer("housing", PoliceAndNhsPins(), PeerOptions(), [calls](const HttpRequest&) {
        ++*calls;
        std::this_thread::sleep_for(1500ms);
        return HttpResponse{};
      });
  ClientOptions options;
  options.read_timeout = 300ms;
  options.max_attempts = 3;
  auto client = ClientOfHousing("police", server->port(0), options);
  auto reply = client->Post("/v1/exchange", "{\"nonce\":1}");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Code::kUnavailable);
  EXPECT_NE(reply.error().message.find("did not answer"), std::string::npos)
      << reply.error().message;
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(*calls, 1);
}

TEST(PeerClientTest, ReadsRetryAfterFrom429And503) {
  const auto in_two_minutes = std::chrono::system_clock::to_time_t(
      std::chrono::system_clock::now() + std::chrono::seconds(120));
  std::tm gmt{};
  gmtime_r(&in_two_minutes, &gmt);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &gmt);
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(),
                            [date = std::string(date)](const HttpRequest& request) {
                              HttpResponse response;
                              if (request.target == "/quota") {
                                response.status = 429;
                                response.headers.emplace_back("Retry-After", "7");
                              } else if (request.target == "/busy") {
                                response.status = 503;
                                response.headers.emplace_back("Retry-After", date);
                              } else {
                                response.headers.emplace_back("Retry-After", "7");
                              }
                              return response;
                            });
  auto client = ClientOfHousing("police", server->port(0));
  auto quota = client->Post("/quota", "{}");
  ASSERT_TRUE(quota);
  EXPECT_EQ(quota->status, 429);
  EXPECT_EQ(quota->retry_after, std::chrono::seconds(7));
  auto busy = client->Get("/busy");
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  ASSERT_TRUE(busy->retry_after);
  EXPECT_GE(busy->retry_after->count(), 115);
  EXPECT_LE(busy->retry_after->count(), 120);
  auto ok = client->Get("/ok");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->retry_after, std::nullopt);  // only on 429 and 503
}

TEST(PeerClientTest, ReconnectsAfterTheServerClosedAnIdleConnection) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  ListenerOptions options = PeerOptions();
  options.read_timeout = 1s;
  auto server = StartServer("housing", PoliceAndNhsPins(), options, Counting(calls));
  auto client = ClientOfHousing("police", server->port(0));
  ASSERT_TRUE(client->Get("/one"));
  ASSERT_TRUE(testing::Eventually([&] { return server->connections(0) == 0; }, 3s));
  auto second = client->Post("/two", "{}");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(*calls, 2);
}

TEST(PeerClientTest, AConnectionIdlePastItsLimitIsNotReusedSoThePeersIdleCloseLosesNoRequest) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  ListenerOptions listener = PeerOptions();
  listener.read_timeout = 1s;  // the server closes a connection idle for a second
  auto server = StartServer("housing", PoliceAndNhsPins(), listener, Counting(calls));
  ClientOptions options;
  options.idle_limit = 500ms;
  auto client = ClientOfHousing("police", server->port(0), options);
  // Each request follows the last answer by about the server's idle timeout: a reused connection
  // would race the server's close, and a request sent into it is lost (it is never sent again).
  ASSERT_TRUE(client->Post("/n", "{}"));
  int sent = 1;
  for (auto pause = 980ms; pause <= 1020ms; pause += 2ms) {
    std::this_thread::sleep_for(pause);
    auto reply = client->Post("/n", "{}");
    ASSERT_TRUE(reply) << "after a pause of " << pause.count() << " ms: " << reply.error().message;
    ++sent;
  }
  EXPECT_EQ(*calls, sent);
}

TEST(PeerClientTest, ConcurrentCallsShareOneConnection) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto server = StartServer("housing", PoliceAndNhsPins(), PeerOptions(), Counting(calls));
  auto client = ClientOfHousing("police", server->port(0));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto reply = client->Post("/n", "{}");
        if (reply && reply->status == 200) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok, 40);
  EXPECT_EQ(*calls, 40);
  EXPECT_EQ(server->connections(0), 1u);
}

TEST(PeerClientTest, CreateRefusesAPinThatIsNotASha256) {
  auto client =
      PeerClient::Create(TestPki::Get().Files("police"), {"housing", "127.0.0.1", 9443, "ABCDEF"});
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().code, Code::kInvalidArgument);
  EXPECT_NE(client.error().message.find("'housing'"), std::string::npos);
}

}  // namespace
}  // namespace tandem::node::net
