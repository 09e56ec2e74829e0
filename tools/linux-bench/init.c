/* /init of the one-file initramfs that tools/linux-bench/run.sh boots: runs the thread and process
 * benchmarks, prints "linux-bench: done" (run.sh's sign that every figure was printed) and powers the
 * machine off. It is the only process: if the power-off fails, returning panics the kernel, which
 * (panic=-1 under -no-reboot) ends QEMU as well. */
#include "benchmarks.h"
#include "measure.h"
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
    /* Asked once, first: without /sys, glibc counts the CPUs this thread may run on, and pinning changes that. */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    printf("linux-bench: %ld CPUs online\n", cpus);
    run_thread_benchmarks(cpus);
    run_process_benchmarks(cpus);
    run_fault_benchmarks(cpus);
    note("done");
    sync();
    reboot(RB_POWER_OFF);
    return 0;
}
