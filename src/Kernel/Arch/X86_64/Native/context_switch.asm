; Switches the CPU from one kernel thread to another: saves the callee-saved registers, the FPU/SSE/AVX
; state and the stack pointer of the running thread, loads the other thread's, and returns on its stack.
; The state goes through FXSAVE until FpuState selects XSAVE or XSAVEOPT once at start-up (before any
; thread switches); the choice is a flag read per switch, never CPUID. Callers disable interrupts around it;
; it never touches RFLAGS or decides who runs next.
bits 64
section .text
global context_switch, context_thread_trampoline, context_switch_select_xsave
extern scheduler_thread_start

%define SAVE_WITH_FXSAVE    0
%define SAVE_WITH_XSAVE     1
%define SAVE_WITH_XSAVEOPT  2

; void context_switch(ulong* saveStackPointer, ulong loadStackPointer, byte* saveFpu, byte* loadFpu)
; The FPU areas are FpuState.AreaSize bytes, 64-byte aligned; XSAVE and XRSTOR use the XCR0 value as mask.
context_switch:
    push rbp
    push rbx
    push r12
    push r13
    push r14
    push r15
    mov r8d, [rel save_instruction]
    test r8d, r8d
    jnz .extended
    fxsave64 [rdx]
    mov [rdi], rsp
    mov rsp, rsi
    fxrstor64 [rcx]
    jmp .restore_registers
.extended:
    mov r9, rdx
    mov eax, [rel xsave_components]
    mov edx, [rel xsave_components + 4]
    cmp r8d, SAVE_WITH_XSAVEOPT
    je .optimized
    xsave64 [r9]
    jmp .saved
.optimized:
    xsaveopt64 [r9]
.saved:
    mov [rdi], rsp
    mov rsp, rsi
    xrstor64 [rcx]
.restore_registers:
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
    ret

; void context_switch_select_xsave(ulong components, int optimized): switch with XSAVE (XSAVEOPT when
; optimized is nonzero) and this XCR0 mask from now on. Only FpuState calls it, before any thread exists.
context_switch_select_xsave:
    mov [rel xsave_components], rdi
    mov eax, SAVE_WITH_XSAVE
    mov edx, SAVE_WITH_XSAVEOPT
    test esi, esi
    cmovnz eax, edx
    mov [rel save_instruction], eax
    ret

; Where a new thread's first switch returns to (its initial stack holds six zero registers and this
; address). rbp is 0, which ends backtraces; rsp is 16-byte aligned here, as the call expects.
context_thread_trampoline:
    call scheduler_thread_start
    ud2

; void* context_thread_trampoline_address(void): the trampoline's address, for a new thread's first frame.
global context_thread_trampoline_address
context_thread_trampoline_address:
    lea rax, [rel context_thread_trampoline]
    ret

section .data
align 8
xsave_components:   dq 0
save_instruction:   dd SAVE_WITH_FXSAVE
