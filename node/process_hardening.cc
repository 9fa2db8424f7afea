#include "node/process_hardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace tandem::node {

Status HardenProcess() {
  const rlimit no_core{0, 0};
  if (::setrlimit(RLIMIT_CORE, &no_core) != 0) {
    const int err = errno;
    return Fail(Code::kInternal,
                std::string("cannot disable core dumps: ") + std::generic_category().message(err));
  }
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    const int err = errno;
    return Fail(Code::kInternal, std::string("cannot mark the process not dumpable: ") +
                                     std::generic_category().message(err));
  }
  return Ok();
}

}  // namespace tandem::node
