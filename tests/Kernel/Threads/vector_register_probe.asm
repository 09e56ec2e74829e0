; Test support for per-thread FPU/SSE/AVX state (tests/Kernel/Threads/FpuStateTests.cs). Compiled C# may
; use any xmm register anywhere, including in the scheduler's switch path, so only assembly can hold
; values in them across a switch: vector_probe_switch and vector_probe_partner ping-pong between two
; contexts through context_switch itself with nothing in between. Compiled C# never touches the upper
; halves of the ymm registers (no VEX code in the kernel), so those can be held across Scheduler.Yield.
; Anything touching upper halves needs AVX enabled in XCR0 (FpuState.AvxStateSaved), else it is #UD.
; Linked into the test kernel only (Makefile TEST_ASM_SOURCES), so the kernel proper has no VEX code.
bits 64
section .text
global vector_probe_switch, vector_probe_partner_address, vector_upper_halves_load, vector_upper_halves_store
extern context_switch

; The probe block: VectorSwitchProbe in the test (keep the two in step). Values and seen buffers hold
; xmm0-15 (256 bytes) then, when PROBE_UPPER is nonzero, the upper halves of ymm0-15 (256 bytes).
%define PROBE_MAIN_SP        0
%define PROBE_PARTNER_SP     8
%define PROBE_MAIN_AREA      16
%define PROBE_PARTNER_AREA   24
%define PROBE_UPPER          32
%define PROBE_MAIN_VALUES    40
%define PROBE_MAIN_SEEN      48
%define PROBE_PARTNER_VALUES 56
%define PROBE_PARTNER_SEEN   64

; LOAD_VECTORS buffer register: loads the registers from the buffer; rbx = the probe block.
%macro LOAD_VECTORS 1
%assign i 0
%rep 16
    movdqu xmm %+ i, [%1 + i * 16]
%assign i i + 1
%endrep
    cmp qword [rbx + PROBE_UPPER], 0
    je %%done
%assign i 0
%rep 16
    vinsertf128 ymm %+ i, ymm %+ i, [%1 + 256 + i * 16], 1
%assign i i + 1
%endrep
%%done:
%endmacro

%macro STORE_VECTORS 1
%assign i 0
%rep 16
    movdqu [%1 + i * 16], xmm %+ i
%assign i i + 1
%endrep
    cmp qword [rbx + PROBE_UPPER], 0
    je %%done
%assign i 0
%rep 16
    vextractf128 [%1 + 256 + i * 16], ymm %+ i, 1
%assign i i + 1
%endrep
%%done:
%endmacro

; void vector_probe_switch(VectorSwitchProbe* probe): loads the main values, switches to the partner
; and, once the partner switches back, stores what the registers hold into the main seen buffer.
vector_probe_switch:
    push rbx
    mov rbx, rdi
    mov rax, [rbx + PROBE_MAIN_VALUES]
    LOAD_VECTORS rax
    lea rdi, [rbx + PROBE_MAIN_SP]
    mov rsi, [rbx + PROBE_PARTNER_SP]
    mov rdx, [rbx + PROBE_MAIN_AREA]
    mov rcx, [rbx + PROBE_PARTNER_AREA]
    call context_switch
    mov rax, [rbx + PROBE_MAIN_SEEN]
    STORE_VECTORS rax
    pop rbx
    ret

; The partner's code, entered by the first switch into its initial frame (context_switch pops the probe
; block into rbx). It never returns: each round loads the partner values and switches back to the main
; side, then, once switched in again, stores what its registers hold into the partner seen buffer.
vector_probe_partner:
    mov rax, [rbx + PROBE_PARTNER_VALUES]
    LOAD_VECTORS rax
    lea rdi, [rbx + PROBE_PARTNER_SP]
    mov rsi, [rbx + PROBE_MAIN_SP]
    mov rdx, [rbx + PROBE_PARTNER_AREA]
    mov rcx, [rbx + PROBE_MAIN_AREA]
    call context_switch
    mov rax, [rbx + PROBE_PARTNER_SEEN]
    STORE_VECTORS rax
    jmp vector_probe_partner

; void* vector_probe_partner_address(void)
vector_probe_partner_address:
    lea rax, [rel vector_probe_partner]
    ret

; void vector_upper_halves_load(byte* values): the upper halves of ymm0-15 from 256 bytes.
vector_upper_halves_load:
%assign i 0
%rep 16
    vinsertf128 ymm %+ i, ymm %+ i, [rdi + i * 16], 1
%assign i i + 1
%endrep
    ret

; void vector_upper_halves_store(byte* values): the upper halves of ymm0-15 into 256 bytes.
vector_upper_halves_store:
%assign i 0
%rep 16
    vextractf128 [rdi + i * 16], ymm %+ i, 1
%assign i i + 1
%endrep
    ret
