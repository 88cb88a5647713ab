// The one threading primitive poise uses: a parallel loop over independent indices.
#ifndef POISE_POISE_PARALLEL_H_
#define POISE_POISE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace poise {

// Runs fn(i) for i in [0, count) on `threads` threads (1: in the calling thread). Indices are
// handed out dynamically, so fn must not depend on which thread runs it.
void ParallelFor(size_t count, int threads, const std::function<void(size_t)>& fn);

}  // namespace poise

#endif  // POISE_POISE_PARALLEL_H_
