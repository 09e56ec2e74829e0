/* The Linux side of MinimalOS's thread benchmarks (tests/Bench/ThreadBenchmarks.cs), run as /init of a
 * one-file initramfs in the same QEMU: thread switch by yield ping-pong on one CPU, thread create+exit
 * (pthread_create + join, on one CPU), cross-CPU wake-up latency (futex wake on CPU 0 to the woken
 * thread running on CPU 1), plus a pipe round trip between two processes for the IPC comparison to come.
 * Prints "linux-bench NAME: N ns/op" lines and powers the machine off. Not part of the kernel. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void report(const char *name, uint64_t total_ns, uint64_t operations)
{
    printf("linux-bench %s: %llu ns/op\n", name, (unsigned long long)(total_ns / operations));
    fflush(stdout);
}

enum { Switches = 10000, Creates = 1000, Wakes = 200, RoundTrips = 2000 };

static void *yield_times(void *count)
{
    pin(0);
    for (long i = 0; i < (long)count; i++)
        sched_yield();
    return NULL;
}

static void yield_ping_pong(void)
{
    pin(0);
    pthread_t partner;
    uint64_t start = now_ns();
    pthread_create(&partner, NULL, yield_times, (void *)(long)(Switches / 2));
    for (int i = 0; i < Switches / 2; i++)
        sched_yield();
    pthread_join(partner, NULL);
    report("thread.yield-switch", now_ns() - start, Switches);
}

static void *nothing(void *unused) { return unused; }

static void create_and_exit(void)
{
    pin(0);
    uint64_t start = now_ns();
    for (int i = 0; i < Creates; i++)
    {
        pthread_t thread;
        pthread_create(&thread, NULL, nothing, NULL);
        pthread_join(thread, NULL);
    }
    report("thread.create-run-exit", now_ns() - start, Creates);
}

static atomic_int wake_word;
static atomic_int wakes_seen;
static atomic_ulong wake_sent_at;
static uint64_t latency_total;

static void *wake_target(void *unused)
{
    pin(1);
    for (int i = 0; i < Wakes; i++)
    {
        while (atomic_load(&wake_word) == 0)
            syscall(SYS_futex, &wake_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
        latency_total += now_ns() - atomic_load(&wake_sent_at);
        atomic_store(&wake_word, 0);
        atomic_store(&wakes_seen, i + 1);
    }
    return unused;
}

static void cross_cpu_wake(void)
{
    pin(0);
    pthread_t target;
    pthread_create(&target, NULL, wake_target, NULL);
    for (int i = 0; i < Wakes; i++)
    {
        while (atomic_load(&wakes_seen) != i)
            sched_yield();
        /* Long enough for the target to be asleep in the futex, as MinimalOS's benchmark waits for Blocked. */
        usleep(2000);
        atomic_store(&wake_sent_at, now_ns());
        atomic_store(&wake_word, 1);
        syscall(SYS_futex, &wake_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
    pthread_join(target, NULL);
    report("thread.cross-cpu-wake", latency_total, Wakes);
}

static void pipe_round_trip(void)
{
    int there[2], back[2];
    char byte = 0;
    if (pipe(there) != 0 || pipe(back) != 0)
        return;
    pid_t child = fork();
    if (child == 0)
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            if (read(there[0], &byte, 1) != 1 || write(back[1], &byte, 1) != 1)
                _exit(1);
        }
        _exit(0);
    }
    uint64_t start = now_ns();
    for (int i = 0; i < RoundTrips; i++)
    {
        if (write(there[1], &byte, 1) != 1 || read(back[0], &byte, 1) != 1)
            return;
    }
    report("ipc.pipe-round-trip", now_ns() - start, RoundTrips);
    waitpid(child, NULL, 0);
}

int main(void)
{
    /* Asked once, first: without /sys, glibc counts the CPUs this thread may run on, and pinning changes that. */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    printf("linux-bench: %ld CPUs online\n", cpus);
    yield_ping_pong();
    create_and_exit();
    if (cpus > 1)
        cross_cpu_wake();
    pipe_round_trip();
    printf("linux-bench done\n");
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    return 0;
}
