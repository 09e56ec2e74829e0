; Copies between kernel memory and user memory: the only code that touches user pages. The caller
; (UserCopy.X86_64.cs) has already checked that the user range lies inside the user half; a page that is not
; mapped, or not accessible as asked, still faults here, and the fault handler then resumes at the
; recovery label this file lists in the .user_fault_table section (pairs: faulting instruction,
; where to continue), which returns 1 instead of panicking the kernel. SMAP is lifted (STAC) for the copy
; only, when the CPU enforces SMAP (smap_enabled, set by PagingProtections).
bits 64
section .text

global user_copy, user_access_enable_smap

%macro FAULT_ENTRY 2
section .user_fault_table
    dq %1, %2
section .text
%endmacro

; int user_copy(void* destination, void* source, ulong bytes): 0 copied, 1 a fault stopped the copy.
user_copy:
    mov rcx, rdx
    cmp byte [rel smap_enabled], 0
    je .copy
    stac
.copy:
    rep movsb
    FAULT_ENTRY .copy, user_copy_fault
    xor eax, eax
    jmp user_access_done

user_copy_fault:
    mov eax, 1
user_access_done:
    cmp byte [rel smap_enabled], 0
    je .done
    clac
.done:
    ret

; void user_access_enable_smap(): called once SMAP is on in CR4 (STAC/CLAC are #UD without SMAP).
user_access_enable_smap:
    mov byte [rel smap_enabled], 1
    ret

section .data
smap_enabled: db 0
