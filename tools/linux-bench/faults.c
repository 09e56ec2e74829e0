/* Linux counterparts of MinimalOS's fault and notification benchmarks, same names: `page fault via user
 * pager` is an anonymous page fault (a write to each page of a fresh private mapping, which the kernel
 * allocates, zeroes and maps; only the writes are timed, mmap and munmap are not), `notification
 * signal+wait cross cpu` an eventfd ping-pong between two threads on CPUs 0 and 1 (one write that wakes
 * the other side's read; only with more than one CPU). */
#define _GNU_SOURCE
#include "benchmarks.h"
#include "measure.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

enum { Pages = 256, Rounds = 6, PingPongs = 2000, PageBytes = 4096 };

static void anonymous_page_faults(void)
{
    uint64_t best_ns = UINT64_MAX, best_tsc = UINT64_MAX;
    for (int round = 0; round < Rounds; round++)
    {
        char *area = mmap(NULL, (size_t)Pages * PageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (area == MAP_FAILED)
            return;
        uint64_t start_ns = now_ns(), start_tsc = now_tsc();
        for (int page = 0; page < Pages; page++)
            *(volatile uint64_t *)(area + (size_t)page * PageBytes) = (uint64_t)page;
        uint64_t ns = now_ns() - start_ns, tsc = now_tsc() - start_tsc;
        munmap(area, (size_t)Pages * PageBytes);
        /* The first round warms up, as measure() does. */
        if (round > 0 && ns < best_ns)
        {
            best_ns = ns;
            best_tsc = tsc;
        }
    }
    report("page fault via user pager", best_ns, best_tsc, Pages);
}

static int ping, pong;

static void *pong_side(void *unused)
{
    uint64_t value;
    pin_to_cpu(1);
    for (int i = 0; i < PingPongs; i++)
    {
        if (read(ping, &value, sizeof value) != sizeof value || write(pong, &value, sizeof value) != sizeof value)
            break;
    }
    return unused;
}

static void eventfd_ping_pong(void)
{
    ping = eventfd(0, 0);
    pong = eventfd(0, 0);
    if (ping < 0 || pong < 0)
        return;
    pthread_t other;
    pthread_create(&other, NULL, pong_side, NULL);
    uint64_t one = 1, value;
    uint64_t start_ns = now_ns(), start_tsc = now_tsc();
    for (int i = 0; i < PingPongs; i++)
    {
        if (write(ping, &one, sizeof one) != sizeof one || read(pong, &value, sizeof value) != sizeof value)
            break;
    }
    uint64_t ns = now_ns() - start_ns, tsc = now_tsc() - start_tsc;
    pthread_join(other, NULL);
    close(ping);
    close(pong);
    report("notification signal+wait cross cpu", ns, tsc, 2 * PingPongs);
}

void run_fault_benchmarks(long cpus)
{
    pin_to_cpu(0);
    anonymous_page_faults();
    if (cpus > 1)
        eventfd_ping_pong();
}
