// Entries acknowledged before a SIGKILL survive it: a child process appends from several
// threads and writes each receipt to a pipe only after Append returned; the parent kills it
// mid-stream, reopens the log and finds every acknowledged entry, and the log verifies.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <thread>

#include "audit_fixture.h"
#include "node/audit/verify.h"

namespace tandem::node::audit {
namespace {

using testing::SampleEntry;

class AuditCrashTest : public testing::AuditLogTestBase {
 protected:
  [[noreturn]] void RunChild(int out_fd) {
    AuditLog::Options options;  // background checkpoints on: they are part of what may be cut
    auto log = AuditLog::Open(Path(), key_, node_, identity_, options);
    if (!log) _exit(3);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0;; ++i) {
          const int id = t * 1000000 + i;
          auto receipt = (*log)->Append(SampleEntry(id));
          if (!receipt) _exit(4);
          char line[64];
          const int n = std::snprintf(line, sizeof line, "%llu %d\n",
                                      static_cast<unsigned long long>(receipt->leaf_index), id);
          if (::write(out_fd, line, n) != n) _exit(5);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    _exit(0);
  }
};

TEST_F(AuditCrashTest, AcknowledgedEntriesSurviveSigkill) {
  std::map<std::uint64_t, int> acknowledged;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      RunChild(fds[1]);
    }
    ::close(fds[1]);
    FILE* in = ::fdopen(fds[0], "r");
    ASSERT_NE(in, nullptr);
    const std::size_t target = acknowledged.size() + 150 + 100 * round;
    unsigned long long index = 0;
    int id = 0;
    while (acknowledged.size() < target && std::fscanf(in, "%llu %d", &index, &id) == 2) {
      acknowledged[index] = id;
    }
    ::kill(child, SIGKILL);
    // Receipts already in the pipe were acknowledged too.
    while (std::fscanf(in, "%llu %d", &index, &id) == 2) acknowledged[index] = id;
    std::fclose(in);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    ASSERT_GE(acknowledged.size(), target);

    auto log = OpenLog();
    ASSERT_TRUE(log);
    ASSERT_GE(log->size(), acknowledged.size());
    for (const auto& [leaf, entry_id] : acknowledged) {
      auto entry = log->Entry(leaf);
      ASSERT_TRUE(entry) << entry.error().message;
      EXPECT_EQ(*entry, SampleEntry(entry_id)) << "entry " << leaf;
    }
    log.reset();
    VerifyOptions options;
    options.node_key = identity_.verifying_key();
    auto report = VerifyLog(Path(), &key_, options);
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << report->problems.front();
  }
}

}  // namespace
}  // namespace tandem::node::audit
