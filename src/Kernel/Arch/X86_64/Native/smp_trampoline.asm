; The start-up code of an application processor. The blob between smp_trampoline_start and
; smp_trampoline_end is never run in place: ApTrampoline copies it into one page below 1 MiB, adds that
; page's address to the two position-dependent fields (GDT base, far-jump target) and fills the data block.
; A started AP runs it in real mode at offset 0 (CS = page >> 4) and goes straight to long mode on a
; temporary page-table root below 4 GiB (identity-maps this page, shares the kernel half), then jumps to
; smp_ap_higher_half in the kernel's text, which switches to the kernel's CR3 and stack and calls the C#
; entry. It must stay small and position-independent apart from those two fields; it uses no stack before
; the kernel stack is loaded, and an AP whose initial APIC id is not the expected one halts at once (a
; late AP the boot CPU gave up on must never run kernel code on another AP's data).
bits 16
section .rodata

global smp_trampoline_blob
extern SmpApplicationProcessorEntry

%define OFFSET(label) ((label) - smp_trampoline_start)
%define DATA(field) (OFFSET(smp_trampoline_data) + (field))

; The data block's layout; ApTrampolineData (C#) mirrors it field for field.
%define D_GDT_LIMIT       2     ; dw  lgdt operand: limit, then the 32-bit linear base
%define D_GDT_BASE        4     ; dd  relocated: + page address
%define D_JUMP_OFFSET     8     ; dd  relocated: + page address (far pointer: offset, then selector)
%define D_JUMP_SELECTOR   12    ; dw
%define D_TEMPORARY_ROOT  16    ; dd  CR3 while switching to long mode (below 4 GiB)
%define D_EXPECTED_APIC   20    ; dd  initial APIC id (CPUID.1:EBX[31:24]) allowed to go on
%define D_ARRIVED         24    ; dd  set to 1 by the expected AP in real mode
%define D_CR0             32    ; dq  the boot CPU's CR0 (PE and PG set)
%define D_CR4             40    ; dq  the boot CPU's CR4
%define D_EFER            48    ; dq  the boot CPU's EFER (LME, NXE), LMA cleared
%define D_KERNEL_ROOT     56    ; dq  the kernel's CR3
%define D_STACK_TOP       64    ; dq
%define D_CPU_INDEX       72    ; dq
%define D_GDT             80    ; 3 descriptors: null, 64-bit code (0x08), data (0x10)

%define CR4_PAE (1 << 5)
%define EFER_MSR 0xC0000080

align 16
smp_trampoline_start:
    cli
    cld
    mov ax, cs
    mov ds, ax
    mov eax, 1
    cpuid
    shr ebx, 24
    cmp ebx, [DATA(D_EXPECTED_APIC)]
    jne .halt
    mov dword [DATA(D_ARRIVED)], 1

    mov eax, CR4_PAE
    mov cr4, eax
    mov eax, [DATA(D_TEMPORARY_ROOT)]
    mov cr3, eax
    mov ecx, EFER_MSR
    mov eax, [DATA(D_EFER)]
    mov edx, [DATA(D_EFER) + 4]
    wrmsr
    o32 lgdt [DATA(D_GDT_LIMIT)]
    ; PE and PG together: straight from real mode into long mode (compatibility mode until the far jump).
    mov eax, [DATA(D_CR0)]
    mov cr0, eax
    jmp dword far [DATA(D_JUMP_OFFSET)]

.halt:
    cli
    hlt
    jmp .halt

bits 64
.long_mode:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    lea rsi, [rel smp_trampoline_data]
    mov rax, [rsi + D_CR4]
    mov cr4, rax
    mov r8, [rsi + D_KERNEL_ROOT]
    mov r9, [rsi + D_STACK_TOP]
    mov rdi, [rsi + D_CPU_INDEX]
    mov rax, smp_ap_higher_half
    jmp rax

align 16
smp_trampoline_data:
    dw 0
    dw 3 * 8 - 1
    dd OFFSET(smp_trampoline_data) + D_GDT
    dd OFFSET(smp_trampoline_start.long_mode)
    dw 0x08
    dw 0
    dd 0                            ; temporary root
    dd 0xFFFFFFFF                   ; expected APIC id: nobody until the boot CPU says
    dd 0                            ; arrived
    dd 0
    dq 0, 0, 0, 0, 0, 0             ; CR0, CR4, EFER, kernel root, stack top, CPU index
    dq 0
    dq 0x00AF9A000000FFFF
    dq 0x00CF92000000FFFF
smp_trampoline_end:

; The kernel's copy of the same GDT, reachable once the low page is no longer mapped. It is read-only, so
; its descriptors come with the accessed bit already set (the CPU would otherwise write it on a load).
align 16
smp_kernel_gdt:
    dq 0
    dq 0x00AF9B000000FFFF
    dq 0x00CF93000000FFFF
smp_kernel_gdt_pointer:
    dw 3 * 8 - 1
    dq smp_kernel_gdt

; Where the blob is, for C# (which cannot name a symbol): start, length, offset of the data block.
align 8
smp_trampoline_blob_table:
    dq smp_trampoline_start
    dq smp_trampoline_end - smp_trampoline_start
    dq smp_trampoline_data - smp_trampoline_start

section .text
smp_trampoline_blob:
    lea rax, [rel smp_trampoline_blob_table]
    ret

; Entered from the trampoline with r8 = kernel CR3, r9 = stack top, rdi = CPU index, interrupts off.
smp_ap_higher_half:
    lgdt [rel smp_kernel_gdt_pointer]
    mov cr3, r8
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov rsp, r9
    xor ebp, ebp                    ; the backtrace stops at a zero frame pointer
    call SmpApplicationProcessorEntry
.halt:
    cli
    hlt
    jmp .halt
