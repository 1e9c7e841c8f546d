/* A bounded parallel-for: runs fn(ctx, i) for i in [0, n) on at most `threads` threads.
 * The first task that fails stops new tasks from starting; its error is returned.
 * Tasks must only touch their own slot of shared data (or lock). */
#ifndef SC_CORE_POOL_H
#define SC_CORE_POOL_H

#include <stddef.h>

#include "core/error.h"

typedef int (*sc_task_fn)(void *ctx, size_t index, sc_error *err);

int sc_parallel_for(size_t n, int threads, sc_task_fn fn, void *ctx, sc_error *err);
/* Number of online cores (at least 1). */
int sc_cpu_count(void);

#endif
