; Writing the x2APIC interrupt command register (MSR 0x830). In x2APIC mode that wrmsr is not serializing,
; so an IPI could overtake the memory writes it announces: mfence + lfence first, as Intel's SDM asks.
; System V calling convention; no logic here.
bits 64
section .text

global apic_x2apic_send_ipi

; void apic_x2apic_send_ipi(ulong command)   high 32 bits: destination APIC id, low 32 bits: ICR low
apic_x2apic_send_ipi:
    mfence
    lfence
    mov ecx, 0x830
    mov eax, edi
    mov rdx, rdi
    shr rdx, 32
    wrmsr
    ret
