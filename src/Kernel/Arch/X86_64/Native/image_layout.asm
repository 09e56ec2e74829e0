; The linker's section boundary symbols, gathered into one table that C# reads as KernelImageLayout
; (C# cannot name a linker symbol directly). The order here must match that struct.
bits 64
extern __image_start, __image_end, __text_start, __text_end, __rodata_start, __rodata_end
extern __data_start, __data_end, __bss_start, __bss_end, __modules_start, __modules_end
extern __eh_frame_start, __eh_frame_end, boot_stack_bottom, boot_stack_top
extern __kernel_symbols_start, __kernel_symbols_end
extern __user_fault_table_start, __user_fault_table_end

global kernel_image_layout

section .data
align 8
kernel_image_layout:
    dq __image_start, __image_end
    dq __text_start, __text_end
    dq __rodata_start, __rodata_end
    dq __data_start, __data_end
    dq __bss_start, __bss_end
    dq __modules_start, __modules_end
    dq __eh_frame_start, __eh_frame_end
    dq boot_stack_bottom, boot_stack_top
    dq __kernel_symbols_start, __kernel_symbols_end
    dq __user_fault_table_start, __user_fault_table_end

global kernel_image_layout_address
section .text
kernel_image_layout_address:
    lea rax, [rel kernel_image_layout]
    ret
