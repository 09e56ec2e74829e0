; Reads of the calling CPU's per-CPU block through GS (IA32_GS_BASE points at its CpuLocal; the offsets
; are CpuLocal's first fields, checked by a kernel test) and the two MSR writes that install it. In kernel
; mode GS always holds the kernel's per-CPU base; IA32_KERNEL_GS_BASE holds the user's, for SWAPGS.
bits 64
section .text

global this_cpu_local, this_cpu_index, this_cpu_scheduler, this_cpu_thread_owner, this_cpu_install

%define CPU_LOCAL_SELF       0
%define CPU_LOCAL_INDEX      8
%define CPU_LOCAL_SCHEDULER  16
%define CPU_LOCAL_THREAD_OWNER 48

; CpuLocal* this_cpu_local(void)
this_cpu_local:
    mov rax, [gs:CPU_LOCAL_SELF]
    ret

; uint this_cpu_index(void)
this_cpu_index:
    mov eax, [gs:CPU_LOCAL_INDEX]
    ret

; object this_cpu_scheduler(void): the CPU's scheduler state (a managed object that never moves).
this_cpu_scheduler:
    mov rax, [gs:CPU_LOCAL_SCHEDULER]
    ret

; void this_cpu_install(CpuLocal* local): GS base = local; the user GS base (swapped in by SWAPGS) = 0.
; One load, so it needs no interrupts off: a thread that migrates right after it still read its own owner.
this_cpu_thread_owner:
    mov rax, [gs:CPU_LOCAL_THREAD_OWNER]
    ret

this_cpu_install:
    mov rax, rdi
    mov rdx, rdi
    shr rdx, 32
    mov ecx, 0xC0000101             ; IA32_GS_BASE
    wrmsr
    xor eax, eax
    xor edx, edx
    mov ecx, 0xC0000102             ; IA32_KERNEL_GS_BASE
    wrmsr
    ret
