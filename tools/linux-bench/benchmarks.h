/* The groups of Linux benchmarks that init.c runs. Each group pins itself where it needs to be and
 * leaves no process or thread behind. */
#ifndef LINUX_BENCH_BENCHMARKS_H
#define LINUX_BENCH_BENCHMARKS_H

/* Counterparts of tests/Bench/ThreadBenchmarks.cs; the cross-CPU figure only when cpus > 1. */
void run_thread_benchmarks(long cpus);

/* Counterparts of MinimalOS's process and IPC benchmarks; the cross-CPU round trip only when cpus > 1. */
void run_process_benchmarks(long cpus);

/* Counterparts of the user-pager and notification benchmarks (faults.c); the notification one only when cpus > 1. */
void run_fault_benchmarks(long cpus);
#endif
