#include "poise/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace poise {

void ParallelFor(size_t count, int threads, const std::function<void(size_t)>& fn) {
  const size_t workers = std::min(static_cast<size_t>(std::max(threads, 1)), count);
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < count; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace poise
