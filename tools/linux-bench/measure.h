/* Timing and reporting shared by the Linux benchmarks: the clocks, pinning to a CPU, and "best of five
 * rounds after a warm-up" as MinimalOS's BenchmarkRunner does, printed in its line format with a
 * "linux-bench: " prefix. Never decides anything from a figure: these are numbers to compare, not tests. */
#ifndef LINUX_BENCH_MEASURE_H
#define LINUX_BENCH_MEASURE_H
#include <stdint.h>

uint64_t now_ns(void);
uint64_t now_tsc(void);
void pin_to_cpu(int cpu);
void note(const char *text);

/* Runs body(operations) once to warm up, then five timed rounds, and reports the fastest. */
void measure(const char *name, void (*body)(int operations), int operations);

/* Reports a figure measured elsewhere: totals over `operations` operations. */
void report(const char *name, uint64_t total_ns, uint64_t total_tsc, uint64_t operations);
#endif
