# MinimalOS build. `make help` lists the targets. Every output goes under build/.
#   CONFIG=debug|release   kernel flavour (make release = CONFIG=release)
#   FIRMWARE=bios|uefi     firmware for run targets booting the ISO
#   QEMUFLAGS="..."        appended to every QEMU command line
#   CMDLINE="..."          kernel command line for direct (-kernel) boots

CONFIG   ?= debug
FIRMWARE ?= bios
QEMUFLAGS ?=
CMDLINE  ?=

ROOT       := $(CURDIR)
BUILD      := build
ifeq ($(CONFIG),release)
OUT        := $(BUILD)/release
DOTNET_CFG := Release
ILCFLAGS_CFG := -O
else
OUT        := $(BUILD)
DOTNET_CFG := Debug
ILCFLAGS_CFG := -O -g
endif
OBJ        := $(BUILD)/obj/$(CONFIG)

ILC_VERSION := 10.0.12
NUGET_ROOT  ?= $(if $(NUGET_PACKAGES),$(NUGET_PACKAGES),$(HOME)/.nuget/packages)
ILC         := $(NUGET_ROOT)/runtime.linux-x64.microsoft.dotnet.ilcompiler/$(ILC_VERSION)/tools/ilc

QEMU       := qemu-system-x86_64
OVMF_CODE  := /usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS  := /usr/share/OVMF/OVMF_VARS_4M.fd

KERNEL_SOURCES  := $(shell find src/Kernel src/Corelib -name '*.cs' -o -name '*.csproj' -o -name '*.props' 2>/dev/null) src/Freestanding.props src/GeneratedSources.props
TEST_SOURCES    := $(shell find tests/Kernel -name '*.cs' 2>/dev/null)
ASM_SOURCES     := $(shell find src/Kernel src/Corelib -name '*.asm')
LINKER_SCRIPT   := src/Kernel/Arch/X86_64/kernel.ld

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all release iso run run-headless debug test bench clean help deps kernel test-kernel generated
.DELETE_ON_ERROR:

all: kernel

help:
	@echo "MinimalOS make targets:"
	@echo "  make               debug kernel: build/kernel.elf"
	@echo "  make release       optimised kernel without debug info: build/release/kernel.elf"
	@echo "  make iso           bootable hybrid BIOS/UEFI ISO (GRUB, Multiboot 2): build/minimalos.iso"
	@echo "  make run           boot the ISO in QEMU, serial console on this terminal (FIRMWARE=bios|uefi)"
	@echo "  make run-headless  boot without a display; serial log in build/serial.log; returns when booted"
	@echo "  make debug         start QEMU halted with a gdb stub on :1234 and print the gdb command"
	@echo "  make test          build and run every test (host, kernel-in-QEMU, boot); ends 'N passed, N failed'"
	@echo "  make clean         remove build/"
	@echo "Variables: CONFIG=debug|release FIRMWARE=bios|uefi QEMUFLAGS=\"...\" CMDLINE=\"...\""

# ---- system packages -------------------------------------------------------------------------------
deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: tools/install-deps.sh
	@tools/install-deps.sh
	@mkdir -p $(BUILD) && touch $@

$(ILC): tools/ilc/Ilc.csproj | $(BUILD)/.deps-ok
	dotnet restore tools/ilc/Ilc.csproj --verbosity quiet
	@test -x $@ || { echo "error: ilc $(ILC_VERSION) not found at $@ after restore"; exit 1; }
	@touch $@

# ---- generated sources -----------------------------------------------------------------------------
# C# generated at build time into build/generated (never committed). src/GeneratedSources.props compiles
# them into the kernel and the host tests, and runs `make generated` when a project is built on its own.
FONT                   := assets/fonts/Lat15-Terminus16.psf.gz
FONT_NOTICE            := Terminus Font, Copyright (c) 2010 Dimitar Toshkov Zhekov, SIL Open Font License 1.1 (assets/fonts/OFL.txt)
FONT_CONVERTER_SOURCES := $(wildcard tools/FontConverter/*.cs tools/FontConverter/*.csproj)
FONT_CONVERTER         := $(BUILD)/tools/FontConverter/FontConverter.dll
GENERATED_FONT         := $(BUILD)/generated/Font8x16.g.cs
GENERATED_SOURCES      := $(GENERATED_FONT)

generated: $(GENERATED_SOURCES)

$(FONT_CONVERTER): $(FONT_CONVERTER_SOURCES) | $(BUILD)/.deps-ok
	dotnet build tools/FontConverter/FontConverter.csproj -c Release -o $(dir $@) --nologo -v quiet -clp:ErrorsOnly
	@touch $@

$(GENERATED_FONT): $(FONT) $(FONT_CONVERTER)
	dotnet $(FONT_CONVERTER) $(FONT) $@ --notice "$(FONT_NOTICE)"

# ---- kernel ----------------------------------------------------------------------------------------
kernel: $(OUT)/kernel.elf
release:
	@$(MAKE) --no-print-directory CONFIG=release kernel

# C# -> IL. The corelib is built as a project reference.
$(OBJ)/il/MinimalOS.Kernel.dll: $(KERNEL_SOURCES) $(GENERATED_SOURCES) | $(BUILD)/.deps-ok
	dotnet build src/Kernel/Kernel.csproj -c $(DOTNET_CFG) -o $(OBJ)/il --nologo -v quiet -clp:ErrorsOnly \
	    -p:BaseIntermediateOutputPath=$(ROOT)/$(OBJ)/msbuild/ -p:KernelTests=false
	@touch $@

$(OBJ)/il-test/MinimalOS.Kernel.dll: $(KERNEL_SOURCES) $(GENERATED_SOURCES) $(TEST_SOURCES) | $(BUILD)/.deps-ok
	dotnet build src/Kernel/Kernel.csproj -c $(DOTNET_CFG) -o $(OBJ)/il-test --nologo -v quiet -clp:ErrorsOnly \
	    -p:BaseIntermediateOutputPath=$(ROOT)/$(OBJ)/msbuild-test/ -p:KernelTests=true
	@touch $@

# IL -> native object. The corelib is an input (not -r) so its exports are compiled.
ILC_COMMON = --nativelib --systemmodule:MinimalOS.Corelib --targetos:linux --targetarch:x64 $(ILCFLAGS_CFG)
$(OBJ)/kernel.o: $(OBJ)/il/MinimalOS.Kernel.dll $(ILC)
	$(ILC) $< $(OBJ)/il/MinimalOS.Corelib.dll $(ILC_COMMON) --map:$(OBJ)/kernel.map.xml -o:$@

$(OBJ)/kernel-test.o: $(OBJ)/il-test/MinimalOS.Kernel.dll $(ILC)
	$(ILC) $< $(OBJ)/il-test/MinimalOS.Corelib.dll $(ILC_COMMON) -o:$@

$(OBJ)/asm/%.o: %.asm | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	nasm -f elf64 -g -F dwarf -o $@ $<

ASM_OBJECTS := $(patsubst %.asm,$(OBJ)/asm/%.o,$(ASM_SOURCES))

# Two-pass link that embeds the kernel's symbol table (for symbolized panics) without moving any code:
# pass 1 links a zero-filled .kernel_symbols of exactly the table's size (computed from the objects),
# the real table is generated from that ELF, and pass 2 links it in the same room. The tool then checks
# that every section and symbol kept its address and that the embedded table matches the final kernel.
KERNEL_SYMBOLS := tools/kernel_symbols.py
LINK_KERNEL = ld -n -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T $(LINKER_SCRIPT)

# $(call link_kernel_with_symbols,output ELF,objects,scratch file prefix)
define link_kernel_with_symbols
	@mkdir -p $(dir $(1)) $(dir $(3))
	python3 $(KERNEL_SYMBOLS) reserve $(3).symbols-reserved.o $(2)
	$(LINK_KERNEL) -o $(3).pass1.elf $(2) $(3).symbols-reserved.o
	python3 $(KERNEL_SYMBOLS) embed $(3).pass1.elf $(3).symbols.o
	$(LINK_KERNEL) -o $(1) $(2) $(3).symbols.o
	python3 $(KERNEL_SYMBOLS) verify $(3).pass1.elf $(1)
endef

$(OUT)/kernel.elf: $(OBJ)/kernel.o $(ASM_OBJECTS) $(LINKER_SCRIPT) $(KERNEL_SYMBOLS)
	$(call link_kernel_with_symbols,$@,$(ASM_OBJECTS) $(OBJ)/kernel.o,$(OBJ)/kernel)

$(OUT)/kernel-test.elf: $(OBJ)/kernel-test.o $(ASM_OBJECTS) $(LINKER_SCRIPT) $(KERNEL_SYMBOLS)
	$(call link_kernel_with_symbols,$@,$(ASM_OBJECTS) $(OBJ)/kernel-test.o,$(OBJ)/kernel-test)

test-kernel: $(OUT)/kernel-test.elf

clean:
	rm -rf $(BUILD) src/*/bin src/*/obj tests/*/bin tests/*/obj tools/*/bin tools/*/obj
