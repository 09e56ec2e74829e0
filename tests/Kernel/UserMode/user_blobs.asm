; Tiny ring-3 programs for the kernel's user-mode tests, position independent so a test can copy one
; into a user page and run it there. Each blob is [start, end) between its two labels; the tests find
; them through user_blob_table (start, end pairs in the order of UserBlob.cs).
; Blobs that should fault do the forbidden thing once; the kernel must stop that thread only.
; The exit blob makes the ThreadExit call (23); the log blob writes "ring 3 says hello" through the
; DebugLog call (0) with the capability slot the test put in r12 and exits with ThreadExit, passing
; DebugLog's error in rdi (the kernel records it as the exit code); the spin blob never leaves user mode.
bits 64
section .text

global user_blob_table

%macro BLOB 1
user_blob_%1:
%endmacro

BLOB exit
    mov eax, 23
    syscall
    ud2
user_blob_exit_end:

BLOB log
    mov rdi, r12
    lea rsi, [rel .text]
    mov edx, .text_end - .text
    xor eax, eax
    syscall
    mov rdi, rax
    mov eax, 23
    syscall
    ud2
.text: db "ring 3 says hello"
.text_end:
user_blob_log_end:

BLOB cli
    cli
    jmp $
user_blob_cli_end:

BLOB hlt
    hlt
    jmp $
user_blob_hlt_end:

BLOB in
    mov dx, 0x3F8
    in al, dx
    jmp $
user_blob_in_end:

BLOB out
    mov dx, 0x80
    out dx, al
    jmp $
user_blob_out_end:

BLOB wrmsr
    xor eax, eax
    xor edx, edx
    mov ecx, 0xC0000082
    wrmsr
    jmp $
user_blob_wrmsr_end:

BLOB cr3
    xor eax, eax
    mov cr3, rax
    jmp $
user_blob_cr3_end:

BLOB kernel_jump
    mov rax, 0xFFFFFFFF80100000
    jmp rax
user_blob_kernel_jump_end:

BLOB kernel_read
    mov rax, 0xFFFF800000000000
    mov rax, [rax]
    jmp $
user_blob_kernel_read_end:

BLOB spin
    pause
    jmp user_blob_spin
user_blob_spin_end:

section .rodata
align 8
user_blob_table:
    dq user_blob_exit, user_blob_exit_end
    dq user_blob_log, user_blob_log_end
    dq user_blob_cli, user_blob_cli_end
    dq user_blob_hlt, user_blob_hlt_end
    dq user_blob_in, user_blob_in_end
    dq user_blob_out, user_blob_out_end
    dq user_blob_wrmsr, user_blob_wrmsr_end
    dq user_blob_cr3, user_blob_cr3_end
    dq user_blob_kernel_jump, user_blob_kernel_jump_end
    dq user_blob_kernel_read, user_blob_kernel_read_end
    dq user_blob_spin, user_blob_spin_end
