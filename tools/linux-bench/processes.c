/* The Linux side of MinimalOS's process benchmarks, same names: `null syscall` (getppid, through
 * syscall() so glibc cannot answer from a cache), `switch between address spaces` and
 * `create+destroy process` (fork, the child _exits at once, waitpid), plus the one-byte pipe round trip
 * between two processes for the IPC comparison. The switch is half a pipe round trip with an echo child:
 * two processes yielding to each other with sched_yield do not alternate reliably under CFS (7% of the
 * yields returned to the caller under -icount, 30% on a loaded host), so a yield is not one switch there. Everything runs
 * pinned to CPU 0, so no figure includes a cross-CPU wake-up. */
#define _GNU_SOURCE
#include "benchmarks.h"
#include "measure.h"
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum { NullSyscalls = 100000, Switches = 10000, Processes = 1000, RoundTrips = 2000 };

static void null_syscall(int count)
{
    for (int i = 0; i < count; i++)
        syscall(SYS_getppid);
}

static void create_and_destroy_process(int count)
{
    for (int i = 0; i < count; i++)
    {
        pid_t child = fork();
        if (child == 0)
            _exit(0);
        waitpid(child, NULL, 0);
    }
}

static int to_echo, from_echo;

static void pipe_round_trip(int round_trips)
{
    char byte = 0;
    for (int i = 0; i < round_trips; i++)
    {
        if (write(to_echo, &byte, 1) != 1 || read(from_echo, &byte, 1) != 1)
            return;
    }
}

/* Each round trip is two switches: to the echo child and back. */
static void pipe_switches(int switches) { pipe_round_trip(switches / 2); }

/* The echo child answers every byte until the pipe to it is closed. */
static void pipe_benchmarks(void)
{
    int there[2], back[2];
    if (pipe(there) != 0 || pipe(back) != 0)
        return;
    pid_t child = fork();
    if (child == 0)
    {
        char byte;
        close(there[1]);
        close(back[0]);
        while (read(there[0], &byte, 1) == 1 && write(back[1], &byte, 1) == 1)
            ;
        _exit(0);
    }
    close(there[0]);
    close(back[1]);
    to_echo = there[1];
    from_echo = back[0];
    if (child > 0)
    {
        measure("switch between address spaces", pipe_switches, Switches);
        measure("ipc.pipe-round-trip", pipe_round_trip, RoundTrips);
    }
    close(to_echo);
    close(from_echo);
    waitpid(child, NULL, 0);
}

void run_process_benchmarks(void)
{
    pin_to_cpu(0);
    measure("null syscall", null_syscall, NullSyscalls);
    measure("create+destroy process", create_and_destroy_process, Processes);
    pipe_benchmarks();
}
