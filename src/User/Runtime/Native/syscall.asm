; The one system-call stub of user programs, called from C# (System V):
;   SyscallError mnos_syscall(Syscall number, a0, a1, a2, a3, a4, a5, SyscallResult* result)
;   rdi = number, rsi..r9 = a0..a4, [rsp+8] = a5, [rsp+16] = result
; Kernel ABI (src/Abi/Syscall.cs): rax = number, arguments in rdi, rsi, rdx, r10, r8, r9; back come
; rax = SyscallError and two result words in rdx and rsi. SYSCALL itself overwrites rcx and r11. The
; kernel preserves rsp, rbx, rbp and r12-r15, which are all this stub (and its System V caller) relies on.
; Never touches memory other than the result struct.
bits 64
section .text

global mnos_syscall

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
