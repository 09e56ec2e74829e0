/* The Linux side of MinimalOS's thread benchmarks (tests/Bench/ThreadBenchmarks.cs), same names: thread
 * switch by yield ping-pong on one CPU, thread create+exit (pthread_create + join, on one CPU), and
 * cross-CPU wake-up latency (futex wake on CPU 0 to the woken thread running on CPU 1). Threads share
 * one address space: the process benchmarks are in processes.c. */
#define _GNU_SOURCE
#include "benchmarks.h"
#include "measure.h"
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { Switches = 10000, Creates = 1000, Wakes = 200 };

static void *yield_times(void *count)
{
    for (long i = 0; i < (long)count; i++)
        sched_yield();
    return NULL;
}

/* `switches` switches in all: the partner (on CPU 0 too, by inheritance) yields back each time. */
static void yield_ping_pong(int switches)
{
    pthread_t partner;
    pthread_create(&partner, NULL, yield_times, (void *)(long)(switches / 2));
    for (int i = 0; i < switches / 2; i++)
        sched_yield();
    pthread_join(partner, NULL);
}

static void *nothing(void *unused) { return unused; }

static void create_and_exit(int count)
{
    for (int i = 0; i < count; i++)
    {
        pthread_t thread;
        pthread_create(&thread, NULL, nothing, NULL);
        pthread_join(thread, NULL);
    }
}

static atomic_int wake_word;
static atomic_int wakes_seen;
static atomic_ulong wake_sent_at_ns, wake_sent_at_tsc;
static uint64_t latency_ns, latency_tsc;

static void *wake_target(void *unused)
{
    pin_to_cpu(1);
    for (int i = 0; i < Wakes; i++)
    {
        while (atomic_load(&wake_word) == 0)
            syscall(SYS_futex, &wake_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
        latency_tsc += now_tsc() - atomic_load(&wake_sent_at_tsc);
        latency_ns += now_ns() - atomic_load(&wake_sent_at_ns);
        atomic_store(&wake_word, 0);
        atomic_store(&wakes_seen, i + 1);
    }
    return unused;
}

static void cross_cpu_wake(void)
{
    pthread_t target;
    pthread_create(&target, NULL, wake_target, NULL);
    for (int i = 0; i < Wakes; i++)
    {
        while (atomic_load(&wakes_seen) != i)
            sched_yield();
        /* Long enough for the target to be asleep in the futex, as MinimalOS's benchmark waits for Blocked. */
        usleep(2000);
        atomic_store(&wake_sent_at_ns, now_ns());
        atomic_store(&wake_sent_at_tsc, now_tsc());
        atomic_store(&wake_word, 1);
        syscall(SYS_futex, &wake_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
    pthread_join(target, NULL);
    report("thread.cross-cpu-wake", latency_ns, latency_tsc, Wakes);
}

void run_thread_benchmarks(long cpus)
{
    pin_to_cpu(0);
    measure("thread.yield-switch", yield_ping_pong, Switches);
    measure("thread.create-run-exit", create_and_exit, Creates);
    if (cpus > 1)
        cross_cpu_wake();
    else
        note("thread.cross-cpu-wake: needs a second CPU");
}
