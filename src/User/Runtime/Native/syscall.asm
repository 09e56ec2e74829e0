; The system-call stubs of user programs, called from C# (System V):
;   ShortSyscallResult mnos_syscall0(Syscall number)
;   ShortSyscallResult mnos_syscall4(a0, a1, a2, a3, Syscall number)
;   rdi..rcx = a0..a3, r8 = number; both return rax = error, rdx = result 0 (a 16-byte struct comes back
;   in rax:rdx). For the calls without arguments, and those of at most four arguments and one result: the
;   arguments are already where the kernel wants them but a3 (rcx, which SYSCALL overwrites, goes to r10).
;   The kernel ignores the argument registers a call does not use, so mnos_syscall0 leaves them as they are
;   (musl's __syscall0..6 split the same way).
;   SyscallError mnos_syscall(Syscall number, a0, a1, a2, a3, a4, a5, SyscallResult* result)
;   rdi = number, rsi..r9 = a0..a4, [rsp+8] = a5, [rsp+16] = result: any call, both results.
;   SyscallError mnos_ipc(Syscall number, ulong capability, IpcMessage* send, IpcMessage* receive,
;                         ulong replyObject, ulong timeout)
;   the endpoint calls: info and words 0-3 from *send into rsi, rdx, r10, r8, r9, the reply object into
;   r12 and the timeout into r13 (saved and restored: callee-saved in System V); afterwards the badge,
;   info and words back into *receive unless it is null.
; Kernel ABI (src/Abi/Syscall.cs): rax = number, arguments in rdi, rsi, rdx, r10, r8, r9; back come
; rax = SyscallError and two result words in rdx and rsi. SYSCALL itself overwrites rcx and r11. The
; kernel preserves rsp, rbx, rbp and r12-r15, which are all these stubs (and their System V callers) rely
; on. They never touch memory other than mnos_syscall's result struct.
bits 64
section .text

global mnos_syscall, mnos_syscall0, mnos_syscall4, mnos_ipc

mnos_syscall0:
    mov rax, rdi
    syscall
    ret

mnos_syscall4:
    mov r10, rcx
    mov rax, r8
    syscall
    ret

mnos_syscall:
    mov rax, rdi
    mov rdi, rsi
    mov rsi, rdx
    mov rdx, rcx
    mov r10, r8
    mov r8, r9
    mov r9, [rsp + 8]
    syscall
    mov rcx, [rsp + 16]
    mov [rcx], rax
    mov [rcx + 8], rdx
    mov [rcx + 16], rsi
    ret

mnos_ipc:
    push rbx
    push r12
    push r13
    mov rbx, rcx                    ; receive (the kernel preserves rbx)
    mov rax, rdi
    mov rdi, rsi
    mov r12, r8
    mov r13, r9
    mov rsi, [rdx + 8]
    mov r10, [rdx + 24]
    mov r8, [rdx + 32]
    mov r9, [rdx + 40]
    mov rdx, [rdx + 16]
    syscall
    test rbx, rbx
    jz .done
    mov [rbx], rdi
    mov [rbx + 8], rsi
    mov [rbx + 16], rdx
    mov [rbx + 24], r10
    mov [rbx + 32], r8
    mov [rbx + 40], r9
.done:
    pop r13
    pop r12
    pop rbx
    ret
