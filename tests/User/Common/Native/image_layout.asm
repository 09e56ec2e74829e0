; The page-aligned bounds of the program's own image, from the symbols src/User/user.ld defines, for C#
; code that maps the image into another address space:
;   void mnos_image_layout(ulong* bounds)   bounds[0..3] = text start, rodata start, data start, image end
; Reads nothing and writes only the four words given.
bits 64
section .text

global mnos_image_layout
extern __user_text_start, __user_rodata_start, __user_data_start, __user_image_end

mnos_image_layout:
    lea rax, [rel __user_text_start]
    mov [rdi], rax
    lea rax, [rel __user_rodata_start]
    mov [rdi + 8], rax
    lea rax, [rel __user_data_start]
    mov [rdi + 16], rax
    lea rax, [rel __user_image_end]
    mov [rdi + 24], rax
    ret
