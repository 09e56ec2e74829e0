; A saved execution context to return to later (setjmp/longjmp) for the ring-3 test runner: a failed check
; resumes the runner at the test's saved point and the test's remaining frames are abandoned. Only the
; callee-saved registers, the stack pointer and the return address are kept (the rest is dead across a
; call in System V). Must never be resumed after the frame that saved it has returned.
bits 64
section .text
global utest_resume_point_save, utest_resume_point_resume

; int utest_resume_point_save(ResumePoint* point): returns 0 now, and 1 when resumed.
utest_resume_point_save:
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
    xor eax, eax
    ret

; void utest_resume_point_resume(ResumePoint* point): continues after the matching save, which returns 1.
utest_resume_point_resume:
    mov rbx, [rdi + 0 * 8]
    mov rbp, [rdi + 1 * 8]
    mov r12, [rdi + 2 * 8]
    mov r13, [rdi + 3 * 8]
    mov r14, [rdi + 4 * 8]
    mov r15, [rdi + 5 * 8]
    mov rsp, [rdi + 6 * 8]
    mov eax, 1
    jmp [rdi + 7 * 8]
