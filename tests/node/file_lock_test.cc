// store.lock's two kinds of lock: shared locks of openers coexist, an exclusive lock (a key
// change) excludes them and they exclude it, also between processes, and a lock ends with its
// holder, also when the holder is killed.
#include "node/store/file_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "temp_dir.h"

namespace tandem::node::store {
namespace {

using testing::TempDir;

bool ExclusiveFree(const std::filesystem::path& path) {
  auto lock = FileLock::TryAcquire(path);
  EXPECT_TRUE(lock) << lock.error().message;
  return lock && lock->has_value();
}

bool SharedFree(const std::filesystem::path& path) {
  auto lock = FileLock::TryAcquireShared(path);
  EXPECT_TRUE(lock) << lock.error().message;
  return lock && lock->has_value();
}

TEST(FileLockTest, SharedLocksCoexistAndExcludeAnExclusiveOne) {
  TempDir dir;
  const auto path = dir / "store.lock";
  {
    auto first = FileLock::TryAcquireShared(path);
    auto second = FileLock::TryAcquireShared(path);
    ASSERT_TRUE(first && *first && second && *second);
    EXPECT_FALSE(ExclusiveFree(path));
  }
  EXPECT_TRUE(ExclusiveFree(path));
}

TEST(FileLockTest, AnExclusiveLockExcludesSharedOnes) {
  TempDir dir;
  const auto path = dir / "store.lock";
  {
    auto change = FileLock::TryAcquire(path);
    ASSERT_TRUE(change && *change);
    EXPECT_FALSE(SharedFree(path));
    EXPECT_FALSE(ExclusiveFree(path));
  }
  EXPECT_TRUE(SharedFree(path));
}

TEST(FileLockTest, ASharedLockOfAnotherProcessEndsWhenItIsKilled) {
  TempDir dir;
  const auto path = dir / "store.lock";
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto lock = FileLock::TryAcquireShared(path);
    const char ok = lock && *lock ? 'y' : 'n';
    if (::write(ready[1], &ok, 1) != 1) ::_exit(2);
    ::pause();
    ::_exit(0);
  }
  char ok = 0;
  ASSERT_EQ(::read(ready[0], &ok, 1), 1);
  ASSERT_EQ(ok, 'y');
  EXPECT_FALSE(ExclusiveFree(path));
  EXPECT_TRUE(SharedFree(path));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  EXPECT_TRUE(ExclusiveFree(path));
}

}  // namespace
}  // namespace tandem::node::store
