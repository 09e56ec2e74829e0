; The last resort of a reboot: load an empty interrupt descriptor table and raise an exception. With no
; descriptor to deliver it through, the CPU escalates to a triple fault, which resets the machine (or, under
; QEMU with -no-reboot, ends QEMU). Never returns.
bits 64
section .text
global cpu_triple_fault

cpu_triple_fault:
    cli
    lidt [rel empty_idt]
    int3
.hang:
    hlt
    jmp .hang

section .rodata
empty_idt:
    dw 0
    dq 0
