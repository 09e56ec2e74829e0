; The first code that runs: Multiboot 1 and Multiboot 2 headers, then a 32-bit entry that checks for long
; mode, builds temporary page tables (identity map of the first 4 GiB plus the higher-half kernel window),
; enters 64-bit mode, enables SSE (ilc's code uses it) and calls KernelMain(magic, boot_info_physical).
; It must stay small: everything that can be C# is C#. Its page tables are replaced by the memory manager.

%define KERNEL_VMA 0xFFFFFFFF80000000
%define PHYS(x) ((x) - KERNEL_VMA)

%define MB1_MAGIC        0x1BADB002
%define MB1_PAGE_ALIGN   (1 << 0)
%define MB1_MEMORY_INFO  (1 << 1)
%define MB1_AOUT_KLUDGE  (1 << 16)
%define MB1_FLAGS        (MB1_PAGE_ALIGN | MB1_MEMORY_INFO | MB1_AOUT_KLUDGE)

%define MB2_MAGIC        0xE85250D6
%define MB2_ARCH_I386    0

extern __image_load_start_phys, __image_load_end_phys, __bss_end_phys, __bss_start, __bss_end
extern KernelMain

global _start32, boot_stack_top, boot_stack_bottom, boot_pml4

section .multiboot progbits alloc noexec nowrite align=8
align 4
mb1_header:
    dd MB1_MAGIC
    dd MB1_FLAGS
    dd -(MB1_MAGIC + MB1_FLAGS)
    dd PHYS(mb1_header)             ; header_addr
    dd __image_load_start_phys      ; load_addr: file offset 0 lands here
    dd __image_load_end_phys        ; load_end_addr
    dd __bss_end_phys               ; bss_end_addr
    dd PHYS(_start32)               ; entry_addr

align 8
mb2_header:
    dd MB2_MAGIC
    dd MB2_ARCH_I386
    dd mb2_header_end - mb2_header
    dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
align 8
    ; Entry address tag: the ELF entry is a higher-half address, the loader needs the physical one.
    dw 3, 0
    dd 12
    dd PHYS(_start32)
align 8
    ; Framebuffer tag (optional): ask for a 32-bit linear framebuffer.
    dw 5, 1
    dd 20
    dd 1024, 768, 32
align 8
    ; End tag.
    dw 0, 0
    dd 8
mb2_header_end:

section .boot.text progbits alloc exec nowrite align=16
bits 32
_start32:
    cli
    cld
    mov [PHYS(boot_magic)], eax
    mov [PHYS(boot_info)], ebx
    mov esp, PHYS(boot_stack_top)

    ; Long mode is required; say so plainly on the serial port and the VGA text screen otherwise.
    mov eax, 0x80000000
    cpuid
    cmp eax, 0x80000001
    jb .no_long_mode
    mov eax, 0x80000001
    cpuid
    test edx, 1 << 29
    jz .no_long_mode

    ; Zero .bss (the loaders are asked to, but a stale .bss would be silent corruption).
    mov edi, __bss_start - KERNEL_VMA
    mov ecx, __bss_end - KERNEL_VMA
    sub ecx, edi
    shr ecx, 2
    xor eax, eax
    rep stosd

    ; PML4[0] -> identity PDPT (4 x 1 GiB), PML4[511] -> higher-half PDPT whose entry 510 reuses the
    ; first identity PD, so 0xFFFFFFFF80000000 maps physical 0.
    mov eax, PHYS(boot_pdpt_low) + 3
    mov [PHYS(boot_pml4)], eax
    mov eax, PHYS(boot_pdpt_high) + 3
    mov [PHYS(boot_pml4) + 511 * 8], eax
    mov eax, PHYS(boot_pd) + 3
    mov [PHYS(boot_pdpt_high) + 510 * 8], eax
    mov ecx, 0
.fill_pdpt:
    mov eax, ecx
    shl eax, 12
    add eax, PHYS(boot_pd) + 3
    mov [PHYS(boot_pdpt_low) + ecx * 8], eax
    inc ecx
    cmp ecx, 4
    jne .fill_pdpt
    ; 2048 2-MiB pages cover 4 GiB; entry i maps i * 2 MiB (the high dword carries bits 32+).
    mov ecx, 0
.fill_pd:
    mov eax, ecx
    shl eax, 21
    or eax, 0x83                    ; present, writable, 2 MiB page
    mov [PHYS(boot_pd) + ecx * 8], eax
    mov eax, ecx
    shr eax, 11
    mov [PHYS(boot_pd) + ecx * 8 + 4], eax
    inc ecx
    cmp ecx, 2048
    jne .fill_pd

    mov eax, cr4
    or eax, 1 << 5                  ; PAE
    mov cr4, eax
    mov eax, PHYS(boot_pml4)
    mov cr3, eax
    mov ecx, 0xC0000080             ; EFER
    rdmsr
    or eax, 1 << 8                  ; LME
    wrmsr
    mov eax, cr0
    or eax, (1 << 31) | (1 << 0)    ; PG, PE
    mov cr0, eax
    lgdt [PHYS(boot_gdt_pointer)]
    jmp 0x08:PHYS(.long_mode)

.no_long_mode:
    mov esi, PHYS(no_long_mode_message)
    mov edi, 0xB8000
.print:
    lodsb
    test al, al
    jz .stop
    mov dx, 0x3F8
    out dx, al
    mov ah, 0x4F
    stosw
    jmp .print
.stop:
    hlt
    jmp .stop

bits 64
.long_mode:
    mov rax, .higher_half
    jmp rax
.higher_half:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    xor ax, ax
    mov fs, ax
    mov gs, ax
    mov rsp, boot_stack_top
    ; Reload the GDT through its higher-half address so the identity map can go later.
    mov rax, boot_gdt
    mov [rel boot_gdt_pointer + 2], rax
    lgdt [rel boot_gdt_pointer]

    ; SSE on: CR0.EM off, CR0.MP on, CR4.OSFXSR and CR4.OSXMMEXCPT on.
    mov rax, cr0
    and rax, ~(1 << 2)
    or rax, 1 << 1
    mov cr0, rax
    mov rax, cr4
    or rax, (1 << 9) | (1 << 10)
    mov cr4, rax

    ; GS reaches the per-CPU data from the first C# instruction on (spinlock owner checks, the current
    ; thread): until ProcessorTables gives the boot CPU its own page, a static block with index 0 stands in.
    lea rax, [rel boot_cpu_local]
    mov [rax], rax
    mov rdx, rax
    shr rdx, 32
    mov ecx, 0xC0000101             ; IA32_GS_BASE
    wrmsr

    xor ebp, ebp                    ; the backtrace stops at a zero frame pointer
    mov edi, [rel boot_magic]
    mov esi, [rel boot_info]
    call KernelMain
.halt:
    cli
    hlt
    jmp .halt

section .rodata
no_long_mode_message:
    db "MinimalOS: this CPU has no 64-bit long mode; cannot boot.", 13, 10, 0

section .data
align 16
boot_gdt:
    dq 0
    dq 0x00AF9A000000FFFF           ; 0x08: 64-bit code
    dq 0x00CF92000000FFFF           ; 0x10: data
boot_gdt_end:
boot_gdt_pointer:
    dw boot_gdt_end - boot_gdt - 1
    dq PHYS(boot_gdt)
boot_magic: dd 0
boot_info:  dd 0

section .bss
; The CpuLocal prefix (Self, Index, Scheduler; CpuLocal.cs) the boot CPU uses until it has its own.
alignb 64
boot_cpu_local: resb 64
alignb 4096
boot_pml4:      resb 4096
boot_pdpt_low:  resb 4096
boot_pdpt_high: resb 4096
boot_pd:        resb 4096 * 4
; The kernel's own page tables leave this page unmapped, so a boot stack overflow faults instead of
; silently overwriting whatever precedes the stack.
alignb 4096
boot_stack_guard: resb 4096
boot_stack_bottom:
    resb 64 * 1024
boot_stack_top:
