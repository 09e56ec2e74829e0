; Loading the CPU's descriptor tables: lgdt plus the segment reloads a new GDT needs (CS can only change
; through a far transfer, here a far return), ltr and lidt. System V calling convention; no logic here.
bits 64
section .text

global cpu_load_gdt, cpu_load_task_register, cpu_load_idt

; void cpu_load_gdt(DescriptorTablePointer* gdt, ushort codeSelector, ushort dataSelector)
cpu_load_gdt:
    lgdt [rdi]
    mov ds, dx
    mov es, dx
    mov ss, dx
    xor eax, eax
    mov fs, ax                      ; fs/gs stay null: their bases will be set through MSRs
    mov gs, ax
    movzx esi, si
    pop rax                         ; our return address
    push rsi
    push rax
    retfq                           ; returns to the caller with CS = codeSelector

; void cpu_load_task_register(ushort selector)
cpu_load_task_register:
    ltr di
    ret

; void cpu_load_idt(DescriptorTablePointer* idt)
cpu_load_idt:
    lidt [rdi]
    ret
