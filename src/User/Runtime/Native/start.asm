; The ELF entry point of every user program. The kernel enters here in ring 3 with rsp at the top of a
; stack it mapped (16-byte aligned, nothing pushed) and rdi = the user address of the read-only boot-info
; page. No other register is meaningful. Must never return: there is nothing to return to.
bits 64
section .text

%define SYSCALL_THREAD_EXIT 23

global _start
extern MinimalOS_UserStart, __modules_start, __modules_end

_start:
    xor ebp, ebp                        ; ends frame-pointer chains here
    lea rsi, [rel __modules_start]      ; the module table ilc's start-up code walks (user.ld)
    lea rdx, [rel __modules_end]
    call MinimalOS_UserStart            ; rsp is 16-byte aligned at the call, as System V wants
    xor edi, edi                        ; returning from Main is success: exit code 0
    mov eax, SYSCALL_THREAD_EXIT
    syscall
    ud2
