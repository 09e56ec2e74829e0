; Privileged and special instructions that C# cannot express. Each routine follows the System V calling
; convention (arguments in rdi, rsi, rdx; result in rax) and touches nothing else. No logic belongs here.
bits 64
section .text

global cpu_inb, cpu_inw, cpu_ind, cpu_outb, cpu_outw, cpu_outd
global cpu_halt, cpu_disable_interrupts, cpu_disable_interrupts_saving, cpu_enable_interrupts, cpu_pause, cpu_enable_interrupts_and_halt
global cpu_read_cr0, cpu_read_cr2, cpu_read_cr3, cpu_read_cr4, cpu_read_rflags
global cpu_read_mxcsr, cpu_write_mxcsr
global cpu_write_cr0, cpu_write_cr3, cpu_write_cr4, cpu_invlpg
global cpu_rdtsc, cpu_rdmsr, cpu_wrmsr, cpu_cpuid, cpu_xgetbv, cpu_xsetbv
global cpu_frame_pointer, cpu_stack_pointer
global cpu_breakpoint, cpu_undefined_instruction

; bool cpu_disable_interrupts_saving(void): cli, returning whether interrupts were enabled before (RFLAGS.IF).
cpu_disable_interrupts_saving:
    pushfq
    cli
    pop rax
    shr eax, 9
    and eax, 1
    ret

cpu_inb:
    mov edx, edi
    xor eax, eax
    in al, dx
    ret
cpu_inw:
    mov edx, edi
    xor eax, eax
    in ax, dx
    ret
cpu_ind:
    mov edx, edi
    in eax, dx
    ret
cpu_outb:
    mov edx, edi
    mov eax, esi
    out dx, al
    ret
cpu_outw:
    mov edx, edi
    mov eax, esi
    out dx, ax
    ret
cpu_outd:
    mov edx, edi
    mov eax, esi
    out dx, eax
    ret

cpu_halt:
    hlt
    ret
cpu_disable_interrupts:
    cli
    ret
cpu_enable_interrupts:
    sti
    ret
; sti delays interrupts by one instruction, so nothing can arrive between it and hlt: an interrupt that
; became pending before this call wakes the hlt instead of being taken before it (and sleeping through).
cpu_enable_interrupts_and_halt:
    sti
    hlt
    ret
cpu_pause:
    pause
    ret
cpu_read_cr0:
    mov rax, cr0
    ret
cpu_read_cr2:
    mov rax, cr2
    ret
cpu_read_cr3:
    mov rax, cr3
    ret
cpu_read_cr4:
    mov rax, cr4
    ret
cpu_write_cr0:
    mov cr0, rdi
    ret
cpu_write_cr3:
    mov cr3, rdi
    ret
cpu_write_cr4:
    mov cr4, rdi
    ret
; void cpu_invlpg(ulong virtualAddress)
cpu_invlpg:
    invlpg [rdi]
    ret
cpu_read_rflags:
    pushfq
    pop rax
    ret

cpu_read_mxcsr:
    sub rsp, 8
    stmxcsr [rsp]
    mov eax, [rsp]
    add rsp, 8
    ret

cpu_write_mxcsr:
    sub rsp, 8
    mov [rsp], edi
    ldmxcsr [rsp]
    add rsp, 8
    ret

cpu_rdtsc:
    rdtsc
    shl rdx, 32
    or rax, rdx
    ret

; ulong cpu_rdmsr(uint msr)
cpu_rdmsr:
    mov ecx, edi
    rdmsr
    shl rdx, 32
    or rax, rdx
    ret

; void cpu_wrmsr(uint msr, ulong value)
cpu_wrmsr:
    mov ecx, edi
    mov eax, esi
    mov rdx, rsi
    shr rdx, 32
    wrmsr
    ret

; void cpu_cpuid(uint leaf, uint subleaf, uint* out4)
cpu_cpuid:
    push rbx
    mov eax, edi
    mov ecx, esi
    mov r8, rdx
    cpuid
    mov [r8], eax
    mov [r8 + 4], ebx
    mov [r8 + 8], ecx
    mov [r8 + 12], edx
    pop rbx
    ret

; ulong cpu_xgetbv(uint register): an extended control register (XCR0 = the enabled XSAVE components).
; Needs CR4.OSXSAVE.
cpu_xgetbv:
    mov ecx, edi
    xgetbv
    shl rdx, 32
    or rax, rdx
    ret

; void cpu_xsetbv(uint register, ulong value)
cpu_xsetbv:
    mov ecx, edi
    mov eax, esi
    mov rdx, rsi
    shr rdx, 32
    xsetbv
    ret

; The caller's frame pointer (the start of a backtrace) and stack pointer.
cpu_frame_pointer:
    mov rax, rbp
    ret
cpu_stack_pointer:
    lea rax, [rsp + 8]
    ret

; Deliberate exceptions, for tests of the exception handlers: a one-byte int3 (#BP, which resumes), and
; ud2 (#UD).
cpu_breakpoint:
    int3
    ret
cpu_undefined_instruction:
    ud2
    ret
