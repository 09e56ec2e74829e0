/* Timing and reporting for the Linux benchmarks (see measure.h). The line format is MinimalOS's
 * "bench: <name>: <ns> ns/op, <ops> ops/s, <cycles> TSC cycles/op" with "linux-" before "bench", so a
 * figure pairs with ours by name. Nothing but the body may run between a round's clock reads. */
#define _GNU_SOURCE
#include "measure.h"
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

enum { Rounds = 5 };

uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t now_tsc(void) { return __rdtsc(); }

void pin_to_cpu(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

void note(const char *text)
{
    printf("linux-bench: %s\n", text);
    fflush(stdout);
}

void report(const char *name, uint64_t total_ns, uint64_t total_tsc, uint64_t operations)
{
    uint64_t picos_per_op = total_ns * 1000 / operations;
    uint64_t ops_per_second = picos_per_op == 0 ? 0 : 1000000000000u / picos_per_op;
    printf("linux-bench: %s: %llu.%03llu ns/op, %llu ops/s, %llu TSC cycles/op\n", name,
           (unsigned long long)(picos_per_op / 1000), (unsigned long long)(picos_per_op % 1000),
           (unsigned long long)ops_per_second, (unsigned long long)(total_tsc / operations));
    fflush(stdout);
}

void measure(const char *name, void (*body)(int operations), int operations)
{
    body(operations);
    uint64_t best_ns = UINT64_MAX, best_tsc = 0;
    for (int round = 0; round < Rounds; round++)
    {
        uint64_t start_tsc = now_tsc(), start_ns = now_ns();
        body(operations);
        uint64_t ns = now_ns() - start_ns, tsc = now_tsc() - start_tsc;
        if (ns < best_ns)
        {
            best_ns = ns;
            best_tsc = tsc;
        }
    }
    report(name, best_ns, best_tsc, (uint64_t)operations);
}
