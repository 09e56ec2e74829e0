; A saved execution context to return to later (setjmp/longjmp), linked into the kernel and into user
; programs alike: the kernel test runner gets back from a failed assertion or a panic inside a test with
; it, the ring-3 test runner from a failed check. Only callee-saved registers, the stack pointer and the
; return address are kept; everything else is dead across a call by the System V ABI. RFLAGS is kept too,
; so resuming from inside an interrupt handler (interrupts off) restores the interrupt flag (in ring 3,
; POPF leaves IF and IOPL alone). Must never be resumed after the frame that saved it has returned.
bits 64
section .text
global resume_point_save, resume_point_resume

; int resume_point_save(ResumePoint* point): returns 0 now, and 1 when resumed.
resume_point_save:
    mov [rdi + 0 * 8], rbx
    mov [rdi + 1 * 8], rbp
    mov [rdi + 2 * 8], r12
    mov [rdi + 3 * 8], r13
    mov [rdi + 4 * 8], r14
    mov [rdi + 5 * 8], r15
    lea rax, [rsp + 8]
    mov [rdi + 6 * 8], rax          ; the caller's stack pointer after our return
    mov rax, [rsp]
    mov [rdi + 7 * 8], rax          ; where to continue
    pushfq
    pop rax
    mov [rdi + 8 * 8], rax
    xor eax, eax
    ret

; void resume_point_resume(ResumePoint* point): continues after the matching save, which returns 1.
resume_point_resume:
    mov rbx, [rdi + 0 * 8]
    mov rbp, [rdi + 1 * 8]
    mov r12, [rdi + 2 * 8]
    mov r13, [rdi + 3 * 8]
    mov r14, [rdi + 4 * 8]
    mov r15, [rdi + 5 * 8]
    mov rsp, [rdi + 6 * 8]
    push qword [rdi + 8 * 8]
    popfq
    mov eax, 1
    jmp [rdi + 7 * 8]
