/* The Linux side of MinimalOS's process benchmarks, same names: `null syscall` (getppid, through
 * syscall() so glibc cannot answer from a cache), `switch between address spaces` and
 * `create+destroy process` (fork, the child _exits at once, waitpid), and the IPC comparison: `ipc
 * call+reply same cpu` is a one-byte pipe round trip between two processes, `ipc call+reply 64 words` the
 * same with 512 bytes each way, `ipc call+reply cross cpu` the one-byte round trip with the echo child on
 * another CPU (only with more than one). The switch is half a pipe round trip with an echo child:
 * two processes yielding to each other with sched_yield do not alternate reliably under CFS (7% of the
 * yields returned to the caller under -icount, 30% on a loaded host), so a yield is not one switch there. Everything runs
 * pinned to CPU 0, so no figure but the cross-CPU one includes a cross-CPU wake-up. */
#define _GNU_SOURCE
#include "benchmarks.h"
#include "measure.h"
#include <string.h>
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

enum { WordsBytes = 64 * 8 };

static int to_echo, from_echo;

static void round_trips_of(int round_trips, size_t bytes)
{
    char message[WordsBytes];
    memset(message, 0, sizeof message);
    for (int i = 0; i < round_trips; i++)
    {
        if (write(to_echo, message, bytes) != (ssize_t)bytes || read(from_echo, message, bytes) != (ssize_t)bytes)
            return;
    }
}

static void pipe_round_trip(int round_trips) { round_trips_of(round_trips, 1); }

static void pipe_round_trip_64_words(int round_trips) { round_trips_of(round_trips, WordsBytes); }

/* Each round trip is two switches: to the echo child and back. */
static void pipe_switches(int switches) { pipe_round_trip(switches / 2); }

/* The echo child, on echo_cpu, answers whatever arrives until the pipe to it is closed (a message of
 * up to 512 bytes fits one pipe buffer, so one read takes it whole). Runs the benchmarks of `group`. */
static void pipe_benchmarks(int echo_cpu, int group)
{
    int there[2], back[2];
    if (pipe(there) != 0 || pipe(back) != 0)
        return;
    pid_t child = fork();
    if (child == 0)
    {
        char message[WordsBytes];
        ssize_t got;
        pin_to_cpu(echo_cpu);
        close(there[1]);
        close(back[0]);
        while ((got = read(there[0], message, sizeof message)) > 0 && write(back[1], message, (size_t)got) == got)
            ;
        _exit(0);
    }
    close(there[0]);
    close(back[1]);
    to_echo = there[1];
    from_echo = back[0];
    if (child > 0 && group == 0)
    {
        measure("switch between address spaces", pipe_switches, Switches);
        measure("ipc call+reply same cpu", pipe_round_trip, RoundTrips);
        measure("ipc call+reply 64 words", pipe_round_trip_64_words, RoundTrips);
    }
    if (child > 0 && group == 1)
        measure("ipc call+reply cross cpu", pipe_round_trip, RoundTrips);
    close(to_echo);
    close(from_echo);
    waitpid(child, NULL, 0);
}

void run_process_benchmarks(long cpus)
{
    pin_to_cpu(0);
    measure("null syscall", null_syscall, NullSyscalls);
    measure("create+destroy process", create_and_destroy_process, Processes);
    pipe_benchmarks(0, 0);
    if (cpus > 1)
        pipe_benchmarks(1, 1);
}
