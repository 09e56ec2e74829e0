; Takes a snapshot of the caller's CPU state for panic reports and backtraces (CpuRegisters.Capture).
; At a call only some registers mean anything: the callee-saved ones, the stack pointer, the return
; address, the flags and the control registers. Caller-saved registers are left as the caller zeroed them.
bits 64
section .text

global cpu_capture_registers

; Offsets into CpuRegisters (Arch/X86_64/CpuRegisters.cs); keep the two in step.
%define RBX     1 * 8
%define RBP     6 * 8
%define RSP     7 * 8
%define R12    12 * 8
%define R13    13 * 8
%define R14    14 * 8
%define R15    15 * 8
%define RIP    16 * 8
%define RFLAGS 17 * 8
%define CR0    18 * 8
%define CR2    19 * 8
%define CR3    20 * 8
%define CR4    21 * 8

; void cpu_capture_registers(CpuRegisters* into)
cpu_capture_registers:
    mov [rdi + RBX], rbx
    mov [rdi + RBP], rbp
    mov [rdi + R12], r12
    mov [rdi + R13], r13
    mov [rdi + R14], r14
    mov [rdi + R15], r15
    lea rax, [rsp + 8]
    mov [rdi + RSP], rax            ; the caller's stack pointer once this call returns
    mov rax, [rsp]
    mov [rdi + RIP], rax            ; the return address: where the caller is
    pushfq
    pop qword [rdi + RFLAGS]
    mov rax, cr0
    mov [rdi + CR0], rax
    mov rax, cr2
    mov [rdi + CR2], rax
    mov rax, cr3
    mov [rdi + CR3], rax
    mov rax, cr4
    mov [rdi + CR4], rax
    ret
