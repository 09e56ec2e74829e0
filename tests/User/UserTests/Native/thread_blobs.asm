; Tiny ring-3 programs that test threads run instead of C#: each privileged instruction on its own (it must
; fault with #GP; if it ever does not, the thread exits with code 0 and the test sees Exited), a jump into
; the kernel's text (#PF), reads and writes of an address given in rdi (#PF in a process that does not map
; it), a thread that uses the capability slot in rdi in three calls and exits with their three errors,
; ud2, an endless loop, a check of the registers a system call preserves, and a read-then-write of the
; address in rdi. They touch no data and
; at most the 8 bytes below rsp, so they run in any address space that maps this one page (and, for the
; register check, a stack): utest_blob_page is page-aligned and page-sized, and a second process maps a
; copy of its frame.
; utest_blob_address(index) gives the C# side their addresses.
bits 64

%define SYSCALL_DEBUG_LOG 0
%define SYSCALL_CAP_REVOKE 7
%define SYSCALL_THREAD_SUSPEND 18
%define SYSCALL_THREAD_EXIT 23
%define KERNEL_TEXT 0xFFFFFFFF80100000

section .text.utest_blobs progbits alloc exec nowrite align=4096
global utest_blob_page, utest_blob_address

%macro exit_with 1
    mov edi, %1
    mov eax, SYSCALL_THREAD_EXIT
    syscall
    ud2
%endmacro

utest_blob_page:
blob_cli:
    cli
    exit_with 0
blob_hlt:
    hlt
    exit_with 0
blob_in:
    in al, 0x80
    exit_with 0
blob_out:
    out 0x80, al
    exit_with 0
blob_wrmsr:
    mov ecx, 0x10                   ; IA32_TIME_STAMP_COUNTER: any MSR faults from ring 3
    xor eax, eax
    xor edx, edx
    wrmsr
    exit_with 0
blob_mov_cr3:
    xor eax, eax
    mov cr3, rax
    exit_with 0
blob_jump_kernel:
    mov rax, KERNEL_TEXT
    jmp rax
blob_read:
    mov rax, [rdi]
    exit_with 0
blob_write:
    mov qword [rdi], 1
    exit_with 0
blob_use_slot:
    mov r12, rdi
    mov eax, SYSCALL_DEBUG_LOG      ; DebugLog(slot, 0, 0)
    xor esi, esi
    xor edx, edx
    syscall
    mov r13, rax
    mov rdi, r12
    mov eax, SYSCALL_CAP_REVOKE     ; CapRevoke(slot)
    syscall
    shl rax, 8
    or r13, rax
    mov rdi, r12
    mov eax, SYSCALL_THREAD_SUSPEND ; ThreadSuspend(slot)
    syscall
    shl rax, 16
    or r13, rax
    mov rdi, r13
    mov eax, SYSCALL_THREAD_EXIT
    syscall
    ud2
blob_ud2:
    ud2
    exit_with 0
blob_spin:
    pause
    jmp blob_spin
; Yield with known values in every register docs/SYSCALLS.md says is preserved (all but rax, rcx, r11 and
; the result registers rdx, rsi), DF set, a pattern in xmm0 (must come back zeroed) and a non-default
; MXCSR (must be preserved); exits with one bit per broken promise (0: all kept).
blob_preserves:
    mov rbx, 0x1111111111111111
    mov rbp, 0x2222222222222222
    mov rdi, 0x3333333333333333
    mov r8, 0x4444444444444444
    mov r9, 0x5555555555555555
    mov r10, 0x6666666666666666
    mov r12, 0x7777777777777777
    mov r13, 0x8888888888888888
    mov r14, 0x9999999999999999
    mov r15, 0xAAAAAAAAAAAAAAAA
    mov rax, 0xBBBBBBBBBBBBBBBB
    movq xmm0, rax
    mov dword [rsp - 8], 0x3F80         ; MXCSR: all exceptions masked, round toward zero
    ldmxcsr [rsp - 8]
    std
    mov eax, 2                          ; Yield
    syscall
    pushfq
    pop rcx
    cld
    xor edx, edx
%macro expect 3
    mov r11, %2
    cmp %1, r11
    je %%kept
    or edx, %3
%%kept:
%endmacro
    expect rax, 0, 1 << 0
    expect rbx, 0x1111111111111111, 1 << 1
    expect rbp, 0x2222222222222222, 1 << 2
    expect rdi, 0x3333333333333333, 1 << 3
    expect r8, 0x4444444444444444, 1 << 4
    expect r9, 0x5555555555555555, 1 << 5
    expect r10, 0x6666666666666666, 1 << 6
    expect r12, 0x7777777777777777, 1 << 7
    expect r13, 0x8888888888888888, 1 << 8
    expect r14, 0x9999999999999999, 1 << 9
    expect r15, 0xAAAAAAAAAAAAAAAA, 1 << 10
    bt rcx, 10                          ; DF
    jc .direction_kept
    or edx, 1 << 11
.direction_kept:
    movq rax, xmm0
    expect rax, 0, 1 << 12
    stmxcsr [rsp - 8]
    mov eax, [rsp - 8]
    and eax, 0xFFBF                     ; DAZ may or may not be supported: ignore it
    expect rax, 0x3F80, 1 << 13
    mov edi, edx
    mov eax, SYSCALL_THREAD_EXIT
    syscall
    ud2
; Reads the word at rdi, writes rsi there, and exits with the word it read (a copy-on-write test's writer).
blob_read_write:
    mov rax, [rdi]
    mov [rdi], rsi
    mov rdi, rax
    mov eax, SYSCALL_THREAD_EXIT
    syscall
    ud2
blob_end:

%if blob_end - utest_blob_page > 4096
%error "the thread blobs must fit one page"
%endif

section .rodata
blob_table:
    dq blob_cli, blob_hlt, blob_in, blob_out, blob_wrmsr, blob_mov_cr3, blob_jump_kernel
    dq blob_read, blob_write, blob_use_slot, blob_ud2, blob_spin, blob_preserves, blob_read_write
blob_count equ ($ - blob_table) / 8

section .text
; ulong utest_blob_address(ulong index): the blob's address (the order of ThreadBlob), or 0 past the end.
utest_blob_address:
    xor eax, eax
    cmp rdi, blob_count
    jae .done
    lea rax, [rel blob_table]
    mov rax, [rax + rdi * 8]
.done:
    ret
