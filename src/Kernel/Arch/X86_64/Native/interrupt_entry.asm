; Interrupt and exception entry: one stub per vector (0-255) and the common path they share. Each stub
; makes the stack look the same whatever the vector - it pushes a dummy error code where the CPU pushes
; none, then the vector number - and jumps to interrupt_common, which saves every general-purpose register
; (the InterruptFrame layout in Arch/X86_64/Interrupts/InterruptFrame.cs, keep the two in step), saves the
; whole SSE state with FXSAVE (the interrupted code may be C# using any xmm register, and the C# handler may
; clobber all of them: they are caller-saved in System V), aligns the stack to 16 bytes, calls the C#
; dispatcher with a pointer to the frame, restores everything and returns with iretq.
; FXSAVE is enough even when threads switch with XSAVE (AVX, AVX-512 state): handlers are ilc-compiled C#,
; which emits legacy SSE only (no VEX or EVEX: `objdump -d build/kernel.elf | grep -c 'vmov\|ymm'` is 0),
; and legacy SSE instructions leave bits 128 and up of the vector registers unchanged; a switch from
; inside a handler would save the interrupted thread's full state with XSAVE. FpuStateTests checks that an
; interrupt leaves the upper ymm halves alone.
; It must never touch memory other than the current stack (it runs on IST stacks and on overflowed ones).
; Interrupts without an IST stack push their frame right below the interrupted rsp, so no kernel code may
; keep data below rsp (the System V red zone): ilc never does (checked: no negative rsp offsets in the
; image), and hand-written assembly must not either.
; GS: in the kernel the GS base is the CPU's per-CPU block (ThisCpu.cs); user mode has its own. So an
; interrupt from ring 3 (saved CS has RPL 3) executes SWAPGS on entry and again right before iretq; one
; from ring 0 normally leaves GS alone. But #DB, NMI, #DF and #MC can arrive in ring 0 between SYSCALL and
; its SWAPGS, or between the exit's SWAPGS and SYSRET (syscall_entry.asm), with the user's GS: for these
; "paranoid" vectors the entry reads IA32_GS_BASE and swaps when it is not a kernel address. Whether it
; swapped stays in r12 (callee-saved, so it survives the call and any switch inside it) for the exit.
; AC: an interrupt does not clear RFLAGS.AC, which user code can set with POPF and a user copy sets on
; purpose (STAC); with AC set SMAP would not stop the handler touching user memory, so the entry clears it
; (POPF: works with or without SMAP) and iretq restores the interrupted value.
bits 64
%include "interrupt_frame.inc"
section .text

global interrupt_stub_table_address, interrupt_raise, interrupt_raise_with_xmm
extern interrupt_dispatch

%define FXSAVE_BYTES    512

%macro STUB 1
align 16
interrupt_stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
    ; the CPU pushed an error code
%else
    push 0
%endif
    push %1
%if %1 == 1
    jmp debug_common
%else
    jmp interrupt_common
%endif
%endmacro

%assign vector 0
%rep 256
    STUB vector
%assign vector vector + 1
%endrep

%define RFLAGS_AC       (1 << 18)
%define MSR_GS_BASE     0xC0000101

; #DB runs on its IST stack (it can hit the first instruction of syscall_entry, on the user's rsp). From
; ring 3 its handler may block (the thread is stopped), which an IST stack cannot allow: the frame moves to
; the top of the thread's kernel stack, where any other entry from ring 3 would have put it.
debug_common:
    test byte [rsp + 24], 3             ; saved CS: vector, error code, rip, then cs
    jz interrupt_common
    push rax
    push rcx
    swapgs
    mov rax, [gs:CPU_LOCAL_KERNEL_STACK_TOP]
    swapgs
%assign i 0
%rep 7
    mov rcx, [rsp + 16 + (6 - i) * 8]   ; ss, rsp, rflags, cs, rip, error code, vector
    mov [rax - 8 - i * 8], rcx
%assign i i + 1
%endrep
    mov rcx, [rsp]
    mov [rax - 64], rcx
    mov rcx, [rsp + 8]
    mov [rax - 72], rcx
    lea rsp, [rax - 72]
    pop rax
    pop rcx
    jmp interrupt_common

interrupt_common:
    PUSH_FRAME_REGISTERS
    pushfq
    and qword [rsp], ~RFLAGS_AC
    popfq
    xor r12d, r12d                  ; r12 = 1: this entry swapped GS
    test byte [rsp + FRAME_CS], 3
    jnz .swap
    mov rax, [rsp + FRAME_VECTOR]
    cmp eax, 31
    ja .gs_ready
    bt [rel paranoid_vectors], eax
    jnc .gs_ready
    mov ecx, MSR_GS_BASE
    rdmsr
    test edx, edx                   ; kernel GS bases are kernel-half addresses: bit 63 set
    js .gs_ready
.swap:
    swapgs
    mov r12d, 1
.gs_ready:
    mov rbx, rsp                    ; the frame; rbx is callee-saved, so it survives the call
    sub rsp, FXSAVE_BYTES
    and rsp, -16                    ; FXSAVE needs 16-byte alignment, and so does the call
    fxsave [rsp]
    cld                             ; System V code expects DF clear
    mov rdi, rbx
    call interrupt_dispatch
    fxrstor [rsp]
    mov rsp, rbx
    test r12d, r12d
    jz .gs_restored
    swapgs
.gs_restored:
    POP_FRAME_REGISTERS
    add rsp, 16                     ; vector and error code
    iretq

; ulong* interrupt_stub_table_address(): the 256 stub addresses, for building the IDT.
interrupt_stub_table_address:
    lea rax, [rel interrupt_stub_table]
    ret

; void interrupt_raise(byte vector): executes `int vector` (a table of `int n; ret` pairs, 4 bytes apart).
; For tests and benchmarks of the dispatch path; `int 3` here is a breakpoint like any other.
interrupt_raise:
    movzx eax, dil
    lea rdx, [rel software_interrupts]
    lea rax, [rdx + rax * 4]
    jmp rax

; void interrupt_raise_with_xmm(byte vector, byte* xmm): loads xmm0-15 from the 256 bytes at xmm, raises
; `int vector`, and stores xmm0-15 back there, so a test can check that an interrupt preserves them all.
interrupt_raise_with_xmm:
%assign i 0
%rep 16
    movdqu xmm %+ i, [rsi + i * 16]
%assign i i + 1
%endrep
    push rsi
    call interrupt_raise
    pop rsi
%assign i 0
%rep 16
    movdqu [rsi + i * 16], xmm %+ i
%assign i i + 1
%endrep
    ret

align 4
software_interrupts:
%assign vector 0
%rep 256
    int vector
    ret
    align 4, int3
%assign vector vector + 1
%endrep

section .rodata
; #DB (1), NMI (2), #DF (8) and #MC (18): the vectors that can interrupt the SYSCALL/SYSRET windows.
paranoid_vectors: dd (1 << 1) | (1 << 2) | (1 << 8) | (1 << 18)
align 8
interrupt_stub_table:
%assign vector 0
%rep 256
    dq interrupt_stub_ %+ vector
%assign vector vector + 1
%endrep
