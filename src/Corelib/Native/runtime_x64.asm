; Runtime helpers with calling conventions C# cannot express. Kept tiny; everything else in the runtime
; is C#.
bits 64
section .text

global RhpByRefAssignRef, RhpAssignRef, RhpCheckedAssignRef
extern RhpResolveInterfaceDispatch
global RhpInitialDynamicInterfaceDispatch, RhpInterfaceDispatchMonomorphic

; Write barriers: store the reference in rsi at [rdi]. Without a GC there is nothing else to record.
; (In C# the store itself would compile to a call to the barrier.)
RhpAssignRef:
RhpCheckedAssignRef:
    mov [rdi], rsi
    ret

; Copies one reference from [rsi] to [rdi] and advances both by 8 (ilc's contract; rcx may be trashed).
; Without a GC there is no card marking to do.
RhpByRefAssignRef:
    mov rcx, [rsi]
    mov [rdi], rcx
    add rdi, 8
    add rsi, 8
    ret

; Call through an interface dispatch cell without a usable cache entry (first call, or a receiver of
; another type): r11 holds the cell, rdi the receiver. Resolve the target in C#
; (RhpResolveInterfaceDispatch(receiver, cell)), preserving every argument register including xmm0-7,
; then tail-jump to the target.
RhpInitialDynamicInterfaceDispatch:
    push rbp
    mov rbp, rsp
    push rdi
    push rsi
    push rdx
    push rcx
    push r8
    push r9
    sub rsp, 8 * 16
    movdqu [rsp + 0 * 16], xmm0
    movdqu [rsp + 1 * 16], xmm1
    movdqu [rsp + 2 * 16], xmm2
    movdqu [rsp + 3 * 16], xmm3
    movdqu [rsp + 4 * 16], xmm4
    movdqu [rsp + 5 * 16], xmm5
    movdqu [rsp + 6 * 16], xmm6
    movdqu [rsp + 7 * 16], xmm7
    mov rsi, r11
    call RhpResolveInterfaceDispatch
    mov r11, rax
    movdqu xmm0, [rsp + 0 * 16]
    movdqu xmm1, [rsp + 1 * 16]
    movdqu xmm2, [rsp + 2 * 16]
    movdqu xmm3, [rsp + 3 * 16]
    movdqu xmm4, [rsp + 4 * 16]
    movdqu xmm5, [rsp + 5 * 16]
    movdqu xmm6, [rsp + 6 * 16]
    movdqu xmm7, [rsp + 7 * 16]
    add rsp, 8 * 16
    pop r9
    pop r8
    pop rcx
    pop rdx
    pop rsi
    pop rdi
    pop rbp
    jmp r11

; Call through a cell that has a cache entry (cell word 1 points at {type, target, interface}): a receiver
; of the cached type goes straight to the target, anything else (null included) is resolved in C#.
; Uses only rax and r10, which no argument lives in.
RhpInterfaceDispatchMonomorphic:
    test rdi, rdi
    jz RhpInitialDynamicInterfaceDispatch
    mov r10, [r11 + 8]
    mov rax, [rdi]
    cmp rax, [r10]
    jne RhpInitialDynamicInterfaceDispatch
    jmp [r10 + 8]

section .data
global RhpTrapThreads, __security_cookie
align 8
RhpTrapThreads: dd 0
align 8
__security_cookie: dq 0x2B992DDFA232
