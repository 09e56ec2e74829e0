; The SYSCALL entry and the one way back to ring 3. SYSCALL leaves the user rip in rcx and rflags in r11,
; masks rflags with IA32_FMASK (IF, DF, TF, AC, NT cleared, see SyscallEntry.cs) and changes nothing else:
; rsp is still the user's and GS the user's. So the first instruction is SWAPGS, the user rsp goes to a
; per-CPU scratch word and rsp becomes the thread's kernel stack top (CpuLocal.KernelStackTop, which the
; scheduler sets with TSS.RSP0 at every switch). There the entry builds the very frame an interrupt from
; ring 3 leaves (InterruptFrame: the CPU's five words, error code, vector, fifteen registers), so a user
; thread's registers are always at the same place at the top of its kernel stack, whichever way it entered.
; The C# dispatcher runs with interrupts on (system calls are preemptible) and may change any field.
;
; Return (user_return, also the first entry of a new user thread): SYSRET when the saved rip is below 2^47,
; IRETQ otherwise. A non-canonical rcx makes an Intel CPU raise #GP in ring 0 on the user's rsp, so such a
; rip must never get here: SYSCALL cannot produce one (the last page below 2^47 is never mapped) and
; ThreadWriteRegisters refuses one. Should that rule ever break, IRETQ faults on the kernel stack, where
; the panic report can say so, instead of on the user's. RFLAGS is rebuilt
; from the user's arithmetic and direction flags only: IF is always on, IOPL, NT, AC, VM and the rest off.
; Every register comes back from the frame and xmm0-15 are cleared (the kernel's C# uses SSE: its values
; must not reach user space; they are caller-saved in our system-call ABI). Between SWAPGS and SYSRET the
; kernel runs on the user's rsp with the user's GS: an NMI, #MC or #DB there takes the paranoid path of
; interrupt_entry.asm, which checks the GS base itself.
bits 64
%include "interrupt_frame.inc"
section .text

global syscall_entry, syscall_entry_address, user_return, user_enter_first
extern syscall_dispatch

%define USER_CS         0x2B
%define USER_SS         0x23
%define SYSCALL_VECTOR  0x100           ; not a CPU vector: marks a frame built by a system call
%define USER_RFLAGS     0x0DD5          ; CF PF AF ZF SF TF DF OF
%define RFLAGS_FIXED    0x0202          ; IF and the always-one bit 1


; Clears xmm0-15 in line (the return path is hot: no call and return around sixteen instructions).
%macro CLEAR_VECTOR_REGISTERS 0
%assign i 0
%rep 16
    pxor xmm %+ i, xmm %+ i
%assign i i+1
%endrep
%endmacro

syscall_entry:
    swapgs
    mov [gs:CPU_LOCAL_USER_STACK], rsp
    mov rsp, [gs:CPU_LOCAL_KERNEL_STACK_TOP]
    push USER_SS
    push qword [gs:CPU_LOCAL_USER_STACK]
    push r11
    push USER_CS
    push rcx
    push 0
    push SYSCALL_VECTOR
    PUSH_FRAME_REGISTERS
    xor ebp, ebp                    ; end of the kernel's frame-pointer chain for backtraces
    mov rdi, rsp                    ; 176 bytes below a 16-byte aligned top: aligned for the call
    sti
    call syscall_dispatch
    ; fall through with rsp = the frame

; user_return: rsp = the InterruptFrame at the top of the thread's kernel stack; interrupts may be on.
; SYSRET overwrites rcx and r11, so on that path their frame values are popped and then replaced with
; the rip and rflags read from the rest of the frame, which the pops leave at [rsp + FRAME_RIP - 120] on.
user_return:
    cli
    CLEAR_VECTOR_REGISTERS
    bt qword [rsp + FRAME_RIP], 47  ; at or above 2^47: kernel half or non-canonical
    jc .iret
    POP_FRAME_REGISTERS
    mov rcx, [rsp + FRAME_RIP - 120]
    mov r11, [rsp + FRAME_RFLAGS - 120]
    and r11, USER_RFLAGS
    or r11, RFLAGS_FIXED
    mov rsp, [rsp + FRAME_RSP - 120]
    swapgs
    o64 sysret

.iret:
    mov r11, [rsp + FRAME_RFLAGS]
    and r11, USER_RFLAGS
    or r11, RFLAGS_FIXED
    mov [rsp + FRAME_RFLAGS], r11
    mov qword [rsp + FRAME_RIP + 8], USER_CS
    mov qword [rsp + FRAME_RSP + 8], USER_SS
    POP_FRAME_REGISTERS
    add rsp, 16                     ; vector and error code
    swapgs
    iretq

; void user_enter_first(InterruptFrame* frame): a new user thread leaves the kernel for the first time
; through the common return path; frame is its prepared frame at the top of its kernel stack.
user_enter_first:
    mov rsp, rdi
    jmp user_return

syscall_entry_address:
    lea rax, [rel syscall_entry]
    ret
