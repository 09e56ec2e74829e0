; Switches the CPU from one kernel thread to another: saves the callee-saved registers, the FPU/SSE state
; (FXSAVE) and the stack pointer of the running thread, loads the other thread's, and returns on its stack.
; Callers disable interrupts around it; it never touches RFLAGS or decides who runs next.
bits 64
section .text
global context_switch, context_thread_trampoline
extern scheduler_thread_start

; void context_switch(ulong* saveStackPointer, ulong loadStackPointer, byte* saveFpu, byte* loadFpu)
; The FPU areas are 512 bytes, 16-byte aligned.
context_switch:
    push rbp
    push rbx
    push r12
    push r13
    push r14
    push r15
    fxsave64 [rdx]
    mov [rdi], rsp
    mov rsp, rsi
    fxrstor64 [rcx]
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
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
