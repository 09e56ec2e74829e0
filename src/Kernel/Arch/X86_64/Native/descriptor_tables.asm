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
    ; fs and gs keep their null selectors and are not reloaded: reloading would zero the GS base, which
    ; holds this CPU's per-CPU pointer (IA32_GS_BASE, see ThisCpu.cs).
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
