# MinimalOS build. `make help` lists the targets. Every output goes under build/.
#   CONFIG=debug|release   kernel flavour (make release = CONFIG=release)
#   FIRMWARE=bios|uefi     firmware for run targets booting the ISO
#   QEMUFLAGS="..."        appended to every QEMU command line (run targets, tests, bench-boot)
#   CMDLINE="..."          kernel command line (ISO boots pass it to GRUB as an SMBIOS OEM string)
#   RUN_TIMEOUT=seconds    safety limit of `make run`/`make debug` (default 3600; 0 = none)
#   HEADLESS_TIMEOUT=s     safety limit of `make run-headless` (default 120; hitting it is a failure)
#   ICOUNT=1               `make bench`/`make bench-linux` with QEMU -icount: figures in guest instructions

CONFIG   ?= debug
FIRMWARE ?= bios
QEMUFLAGS ?=
CMDLINE  ?=
RUN_TIMEOUT ?= 3600
HEADLESS_TIMEOUT ?= 120
export QEMUFLAGS

ROOT       := $(CURDIR)
BUILD      := build
ifeq ($(CONFIG),release)
OUT        := $(BUILD)/release
DOTNET_CFG := Release
ILCFLAGS_CFG := -O
NASMFLAGS_CFG :=
else
OUT        := $(BUILD)
DOTNET_CFG := Debug
ILCFLAGS_CFG := -O -g
NASMFLAGS_CFG := -g -F dwarf
endif
OBJ        := $(BUILD)/obj/$(CONFIG)

ILC_VERSION := 10.0.12
NUGET_ROOT  ?= $(if $(NUGET_PACKAGES),$(NUGET_PACKAGES),$(HOME)/.nuget/packages)
ILC         := $(NUGET_ROOT)/runtime.linux-x64.microsoft.dotnet.ilcompiler/$(ILC_VERSION)/tools/ilc

QEMU       := qemu-system-x86_64
OVMF_CODE  := /usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS  := /usr/share/OVMF/OVMF_VARS_4M.fd

KERNEL_SOURCES  := $(shell find src/Kernel src/Corelib src/Abi -name '*.cs' -o -name '*.csproj' -o -name '*.props' 2>/dev/null) src/Freestanding.props src/GeneratedSources.props
TEST_SOURCES    := $(shell find tests/Kernel -name '*.cs' 2>/dev/null)
BENCH_SOURCES   := $(shell find tests/Bench -name '*.cs' 2>/dev/null)
ASM_SOURCES     := $(shell find src/Kernel src/Corelib -name '*.asm')
TEST_ASM_SOURCES := $(shell find tests/Kernel -name '*.asm')
LINKER_SCRIPT   := src/Kernel/Arch/X86_64/kernel.ld
# The first ring-3 program, a boot module of every kernel boot (see "user programs" below).
ROOT_TASK       := $(OUT)/user/roottask.elf
ROOT_TASK_INITRD = -initrd "$(ROOT_TASK) roottask"

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all release iso test-iso run run-headless debug test bench bench-boot bench-linux fuzz clean help deps kernel test-kernel generated
.DELETE_ON_ERROR:

all: kernel

help:
	@echo "MinimalOS make targets:"
	@echo "  make               debug kernel with symbols: build/kernel.elf (same as make kernel)"
	@echo "  make release       optimised kernel and ISO without debug info: build/release/"
	@echo "  make iso           bootable hybrid BIOS/UEFI ISO (GRUB, Multiboot 2): build/minimalos.iso"
	@echo "  make test-kernel   kernel that runs the in-kernel tests at boot: build/kernel-test.elf"
	@echo "  make test-iso      the same as an ISO: build/minimalos-test.iso"
	@echo "  make run           boot the ISO in QEMU: serial console + monitor on this terminal (Ctrl-A x quits),"
	@echo "                     a display window when \$$DISPLAY or \$$WAYLAND_DISPLAY is set; FIRMWARE=bios|uefi"
	@echo "  make run-headless  boot the ISO without a display with exit-on-ready; serial log in build/serial.log;"
	@echo "                     returns once MinimalOS is ready (fails after HEADLESS_TIMEOUT seconds)"
	@echo "  make debug         boot the ISO with QEMU halted and a gdb stub on :1234, then in another terminal:"
	@echo "                       gdb build/kernel.elf -ex 'target remote :1234' -ex 'break $(GDB_BREAKPOINT)' -ex continue"
	@echo "                     (C# methods are symbols <Assembly>_<Namespace_Type>__<Method>: 'info functions Log__')"
	@echo "  make test          build and run every test (host, kernel-in-QEMU, boot); ends 'N passed, N failed'"
	@echo "  make bench         micro-benchmarks in QEMU (runtime, memory, interrupts, threads); figures, not tests"
	@echo "  make bench-boot    median time from QEMU launch to 'MinimalOS ready' (direct, SeaBIOS, OVMF; 5 runs each)"
	@echo "  make bench-linux   the thread and process benchmarks on Debian's Linux in the same QEMU, for comparison"
	@echo "                     (both: ICOUNT=1 counts guest instructions, 1 ns = 1 instruction, instead of TCG time)"
	@echo "  make fuzz          ring-3 system-call fuzzer in QEMU (FUZZ_SEED=n, default from the clock; FUZZ_CALLS=n, default 1000000)"
	@echo "  make deps          install the missing system packages (apt-get; tools/install-deps.sh)"
	@echo "  make clean         remove build/"
	@echo "  make help          this list"
	@echo "Variables: CONFIG=debug|release FIRMWARE=bios|uefi QEMUFLAGS=\"...\" CMDLINE=\"...\" RUN_TIMEOUT=s HEADLESS_TIMEOUT=s ICOUNT=1"
	@echo "Every QEMU run keeps its serial log under build/: serial.log (run targets), test-logs/ (tests), bench-logs/."

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
FONT_LICENSE           := assets/fonts/OFL.txt
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
kernel: $(OUT)/kernel.elf $(ROOT_TASK)
release:
	@$(MAKE) --no-print-directory CONFIG=release kernel iso

# Generic virtual method calls are devirtualised in the IL before ilc sees it (closed world: the kernel
# assembly holds every implementation; see docs/RUNTIME.md). A use the rewriter cannot handle is a build error.
GVM_REWRITER_SOURCES := $(wildcard tools/GvmRewriter/*.cs tools/GvmRewriter/*.csproj)
GVM_REWRITER         := $(BUILD)/tools/GvmRewriter/GvmRewriter.dll

$(GVM_REWRITER): $(GVM_REWRITER_SOURCES) | $(BUILD)/.deps-ok
	dotnet build tools/GvmRewriter/GvmRewriter.csproj -c Release -o $(dir $@) --nologo -v quiet -clp:ErrorsOnly
	@touch $@

# IL -> native object. The corelib is an input (not -r) so its exports are compiled.
ILC_COMMON = --nativelib --systemmodule:MinimalOS.Corelib --targetos:linux --targetarch:x64 $(ILCFLAGS_CFG)

# Assembly may %include files beside it (e.g. Native/interrupt_frame.inc); every object depends on them all.
ASM_INCLUDES := $(shell find src tests -name '*.inc' 2>/dev/null)

$(OBJ)/asm/%.o: %.asm $(ASM_INCLUDES) | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	nasm -f elf64 $(NASMFLAGS_CFG) -I$(dir $<) -o $@ $<

ASM_OBJECTS := $(patsubst %.asm,$(OBJ)/asm/%.o,$(ASM_SOURCES))
TEST_ASM_OBJECTS := $(patsubst %.asm,$(OBJ)/asm/%.o,$(TEST_ASM_SOURCES))

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

# Kernel flavours, each its own IL, object and ELF: the kernel; the test kernel, which also compiles
# tests/Kernel and runs it at boot (KERNEL_TESTS); the benchmark kernel, which compiles tests/Bench and
# prints figures (KERNEL_BENCH). Test support in assembly (tests/Kernel/**/*.asm) is linked into the test kernel only.
# $(call kernel_flavour,name suffix,msbuild properties,extra sources,extra assembly objects)
define kernel_flavour
$(OBJ)/il$(1)/MinimalOS.Kernel.dll: $(KERNEL_SOURCES) $(GENERATED_SOURCES) $(3) | $(BUILD)/.deps-ok
	dotnet build src/Kernel/Kernel.csproj -c $(DOTNET_CFG) -o $(OBJ)/il$(1) --nologo -v quiet -clp:ErrorsOnly \
	    -p:BaseIntermediateOutputPath=$(ROOT)/$(OBJ)/msbuild$(1)/ $(2)
	@touch $$@

$(OBJ)/gvm$(1)/MinimalOS.Kernel.dll: $(OBJ)/il$(1)/MinimalOS.Kernel.dll $(GVM_REWRITER)
	dotnet $(GVM_REWRITER) $$< $$@

$(OBJ)/kernel$(1).o: $(OBJ)/gvm$(1)/MinimalOS.Kernel.dll $(ILC)
	$(ILC) $$< $(OBJ)/il$(1)/MinimalOS.Corelib.dll $(ILC_COMMON) -o:$$@

$(OUT)/kernel$(1).elf: $(OBJ)/kernel$(1).o $(ASM_OBJECTS) $(4) $(LINKER_SCRIPT) $(KERNEL_SYMBOLS)
	$$(call link_kernel_with_symbols,$$@,$(ASM_OBJECTS) $(4) $(OBJ)/kernel$(1).o,$(OBJ)/kernel$(1))
endef

$(eval $(call kernel_flavour,,-p:KernelTests=false -p:KernelBench=false,))
$(eval $(call kernel_flavour,-test,-p:KernelTests=true -p:KernelBench=false,$(TEST_SOURCES),$(TEST_ASM_OBJECTS)))
$(eval $(call kernel_flavour,-bench,-p:KernelTests=false -p:KernelBench=true,$(BENCH_SOURCES)))

test-kernel: $(OUT)/kernel-test.elf $(ROOT_TASK)

# ---- user programs ---------------------------------------------------------------------------------
# Ring-3 programs (src/User/<Project>, and the ring-3 test suite under tests/User) go through the kernel's
# pipeline - Roslyn, GvmRewriter, ilc with the same flags and the same corelib - plus the user runtime
# (src/User/Runtime: C# and its entry and system-call stubs) and the program's own assembly, then ld with
# src/User/user.ld into a static ELF: $(OUT)/user/<name>.elf. The link fails on any undefined symbol or
# warning (an RWX segment is one), and the check after it refuses what the kernel's ELF parser would
# refuse. The root task travels as a boot module: module2 in grub.cfg for the ISO, -initrd for direct
# (Multiboot 1) boots; its module string ends in "roottask" both ways. The test suite is never part of a
# normal boot: tests/Boot boots it as the root task of a boot of its own.
USER_LINKER_SCRIPT := src/User/user.ld
USER_SOURCES       := $(shell find src/User src/Corelib src/Abi -name '*.cs' -o -name '*.csproj' 2>/dev/null) src/Freestanding.props
USER_ASM_OBJECTS   := $(patsubst %.asm,$(OBJ)/asm/%.o,$(shell find src/User/Runtime src/Corelib -name '*.asm'))
USER_TESTS_DIR     := tests/User/UserTests
USER_TESTS_SOURCES := $(shell find $(USER_TESTS_DIR) -name '*.cs' -o -name '*.csproj' 2>/dev/null)
USER_TESTS_ASM_OBJECTS := $(patsubst %.asm,$(OBJ)/asm/%.o,$(shell find $(USER_TESTS_DIR) -name '*.asm'))
USER_TESTS         := $(OUT)/user/usertests.elf
LINK_USER          = ld -static -nostdlib -z max-page-size=0x1000 -z noexecstack --fatal-warnings -T $(USER_LINKER_SCRIPT)

# $(call user_program,ELF file name,project directory,assembly name,extra sources,extra assembly objects)
define user_program
$(OBJ)/user/il-$(1)/$(3).dll: $(USER_SOURCES) $(4) | $(BUILD)/.deps-ok
	dotnet build $(2)/$$(notdir $(2)).csproj -c $(DOTNET_CFG) -o $(OBJ)/user/il-$(1) --nologo -v quiet -clp:ErrorsOnly \
	    -p:BaseIntermediateOutputPath=$(ROOT)/$(OBJ)/msbuild-user-$(1)/
	@touch $$@

$(OBJ)/user/gvm-$(1)/$(3).dll: $(OBJ)/user/il-$(1)/$(3).dll $(GVM_REWRITER)
	dotnet $(GVM_REWRITER) $$< $$@

$(OBJ)/user/$(1).o: $(OBJ)/user/gvm-$(1)/$(3).dll $(ILC)
	$(ILC) $$< $(OBJ)/user/il-$(1)/MinimalOS.User.Runtime.dll $(OBJ)/user/il-$(1)/MinimalOS.Corelib.dll $(ILC_COMMON) -o:$$@

$(OUT)/user/$(1).elf: $(OBJ)/user/$(1).o $(USER_ASM_OBJECTS) $(5) $(USER_LINKER_SCRIPT)
	@mkdir -p $$(dir $$@)
	$(LINK_USER) -o $$@ $(USER_ASM_OBJECTS) $(5) $(OBJ)/user/$(1).o
	@if readelf -lW $$@ | grep -E 'RWE|DYNAMIC|INTERP|TLS'; then echo "error: $$@ has a segment the kernel refuses" >&2; rm -f $$@; exit 1; fi
endef

$(eval $(call user_program,roottask,src/User/RootTask,MinimalOS.User.RootTask,,))
$(eval $(call user_program,usertests,$(USER_TESTS_DIR),MinimalOS.Tests.User.UserTests,$(USER_TESTS_SOURCES),$(USER_TESTS_ASM_OBJECTS)))
# Test support: exercises the runtime for tests/Host (tests/User/RuntimeProbe); built by `make test` only.
RUNTIME_PROBE := $(OUT)/user/runtimeprobe.elf
$(eval $(call user_program,runtimeprobe,tests/User/RuntimeProbe,MinimalOS.User.RuntimeProbe,$(wildcard tests/User/RuntimeProbe/*.cs tests/User/RuntimeProbe/*.csproj),))

# Ring-3 programs of the test tree, each the root task of its own boot: the benchmarks (make bench) and
# the fuzzer (make fuzz). tests/User/Common is compiled into both (their child processes, command line).
USER_COMMON_SOURCES := $(shell find tests/User/Common -name '*.cs' 2>/dev/null)
USER_COMMON_ASM_OBJECTS := $(patsubst %.asm,$(OBJ)/asm/%.o,$(shell find tests/User/Common -name '*.asm' 2>/dev/null))
USER_BENCH          := $(OUT)/user/userbench.elf
FUZZER              := $(OUT)/user/fuzzer.elf
$(eval $(call user_program,userbench,tests/User/UserBench,MinimalOS.Tests.User.UserBench,$(USER_COMMON_SOURCES) $(shell find tests/User/UserBench -name '*.cs' -o -name '*.csproj'),$(USER_COMMON_ASM_OBJECTS)))
$(eval $(call user_program,fuzzer,tests/User/Fuzzer,MinimalOS.Tests.User.Fuzzer,$(USER_COMMON_SOURCES) $(shell find tests/User/Fuzzer -name '*.cs' -o -name '*.csproj'),$(USER_COMMON_ASM_OBJECTS)))

clean:
	rm -rf $(BUILD) src/*/bin src/*/obj src/User/*/bin src/User/*/obj tests/User/*/bin tests/User/*/obj tests/*/bin tests/*/obj tools/*/bin tools/*/obj

# ---- bootable ISOs ---------------------------------------------------------------------------------
# grub-mkrescue makes one hybrid image: El Torito + MBR for BIOS (GRUB i386-pc) and an EFI system
# partition for UEFI (GRUB x86_64-efi). GRUB loads /boot/kernel.elf through Multiboot 2 (grub.cfg).
GRUB_CFG := src/Kernel/Arch/X86_64/Boot/grub.cfg
ISO      := $(OUT)/minimalos.iso
TEST_ISO := $(OUT)/minimalos-test.iso

iso: $(ISO)
test-iso: $(TEST_ISO)

# $(1): kernel ELF, $(2): staging directory. The kernel embeds the console font, whose licence (SIL OFL)
# must travel with every copy, so the ISO carries it.
define make-iso
	rm -rf $(2) && mkdir -p $(2)/boot/grub $(2)/licenses
	cp $(1) $(2)/boot/kernel.elf
	cp $(ROOT_TASK) $(2)/boot/roottask.elf
	cp $(GRUB_CFG) $(2)/boot/grub/grub.cfg
	cp $(FONT_LICENSE) $(2)/licenses/terminus-font-OFL.txt
	grub-mkrescue -o $@ $(2) >$(2).log 2>&1 || { cat $(2).log; exit 1; }
endef

$(ISO): $(OUT)/kernel.elf $(ROOT_TASK) $(GRUB_CFG) $(FONT_LICENSE) | $(BUILD)/.deps-ok
	$(call make-iso,$<,$(OBJ)/iso)

$(TEST_ISO): $(OUT)/kernel-test.elf $(ROOT_TASK) $(GRUB_CFG) $(FONT_LICENSE) | $(BUILD)/.deps-ok
	$(call make-iso,$<,$(OBJ)/iso-test)

# ---- running in QEMU -------------------------------------------------------------------------------
# Always TCG (KVM is not used), no reboot on a triple fault, and the isa-debug-exit device through which
# the kernel ends QEMU (status 2v+1 for value v: exit-on-ready writes 0, so status 1 means success).
QEMU_BASE := $(QEMU) -accel tcg -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMU_DISPLAY := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,-display none)
SERIAL_LOG := $(BUILD)/serial.log
# The serial port and QEMU's monitor on this terminal like -serial mon:stdio, plus a copy of the serial output.
SERIAL_CONSOLE := -chardev stdio,id=console,mux=on,logfile=$(SERIAL_LOG) -serial chardev:console -mon chardev=console
GDB_BREAKPOINT := MinimalOS_Kernel_MinimalOS_Kernel_KernelMain__Start

# OVMF needs a writable copy of its variable store; the firmware code itself is mapped read-only.
OVMF_VARS_COPY := $(BUILD)/ovmf-vars.fd
ifeq ($(FIRMWARE),uefi)
QEMU_FIRMWARE  := -drive if=pflash,format=raw,unit=0,readonly=on,file=$(OVMF_CODE) \
                  -drive if=pflash,format=raw,unit=1,file=$(OVMF_VARS_COPY)
FIRMWARE_FILES := $(OVMF_VARS_COPY)
else ifeq ($(FIRMWARE),bios)
QEMU_FIRMWARE  :=
FIRMWARE_FILES :=
else
$(error FIRMWARE must be bios or uefi, not "$(FIRMWARE)")
endif

$(OVMF_VARS_COPY): | $(BUILD)/.deps-ok
	cp $(OVMF_VARS) $@

# The kernel command line of an ISO boot: grub.cfg reads it from this SMBIOS OEM string (QEMU's option
# syntax escapes a comma by doubling it).
comma := ,
iso-cmdline = -smbios 'type=11,value=minimalos.cmdline=$(subst $(comma),$(comma)$(comma),$(strip $(1)))'

run: $(ISO) $(FIRMWARE_FILES)
	timeout --foreground $(RUN_TIMEOUT) $(QEMU_BASE) $(QEMU_FIRMWARE) -cdrom $(ISO) $(call iso-cmdline,$(CMDLINE)) \
	    $(SERIAL_CONSOLE) $(QEMU_DISPLAY) $(QEMUFLAGS)

# Ends by itself: exit-on-ready makes the kernel end QEMU right after "MinimalOS ready". The timeout is
# only a safety net and counts as a failure, as does an exit without the ready line (QEMU's own errors
# also exit with status 1).
run-headless: $(ISO) $(FIRMWARE_FILES)
	@echo "Booting $(ISO) ($(FIRMWARE)) headless with exit-on-ready; serial log: $(SERIAL_LOG)"
	@rm -f $(SERIAL_LOG); status=0; timeout $(HEADLESS_TIMEOUT) $(QEMU_BASE) $(QEMU_FIRMWARE) -cdrom $(ISO) \
	    $(call iso-cmdline,exit-on-ready $(CMDLINE)) -display none \
	    -chardev stdio,id=serial,logfile=$(SERIAL_LOG) -serial chardev:serial $(QEMUFLAGS) </dev/null || status=$$?; \
	if [ $$status -eq 1 ] && grep -qs "MinimalOS ready" $(SERIAL_LOG); then \
	    echo "MinimalOS is ready ($(FIRMWARE)); QEMU exited through exit-on-ready."; \
	elif [ $$status -eq 124 ]; then \
	    echo "error: MinimalOS did not exit-on-ready within $(HEADLESS_TIMEOUT) s; QEMU was killed (log: $(SERIAL_LOG))" >&2; exit 1; \
	else \
	    echo "error: QEMU exited with status $$status without MinimalOS becoming ready (log: $(SERIAL_LOG))" >&2; exit 1; \
	fi

debug: $(ISO) $(FIRMWARE_FILES)
	@echo "QEMU is halted at the first instruction, gdb stub on localhost:1234. In another terminal:"
	@echo "  gdb $(OUT)/kernel.elf -ex 'target remote :1234' -ex 'break $(GDB_BREAKPOINT)' -ex continue"
	@echo "Serial console and monitor on this terminal (Ctrl-A x quits QEMU)."
	timeout --foreground $(RUN_TIMEOUT) $(QEMU_BASE) $(QEMU_FIRMWARE) -cdrom $(ISO) $(call iso-cmdline,$(CMDLINE)) -s -S \
	    $(SERIAL_CONSOLE) $(QEMU_DISPLAY) $(QEMUFLAGS)

# ---- tests -----------------------------------------------------------------------------------------
# Builds everything the boot tests boot, then tools/run-tests.sh runs the host and boot xunit projects
# and prints the total as the last line. The boot tests find the artifacts through MINIMALOS_BUILD_DIR.
test: $(OUT)/kernel.elf $(OUT)/kernel-test.elf $(ROOT_TASK) $(RUNTIME_PROBE) $(USER_TESTS) $(FUZZER) $(ISO) $(TEST_ISO)
	@MINIMALOS_BUILD_DIR=$(ROOT)/$(OUT) DOTNET_CONFIGURATION=$(DOTNET_CFG) tools/run-tests.sh

bench-boot: $(OUT)/kernel.elf $(ROOT_TASK) $(ISO)
	@tools/measure-boot.sh $(OUT)

# ICOUNT=1: both benchmark targets run QEMU with a virtual clock of one nanosecond per guest instruction
# (shift=0), which also jumps over idle time (sleep=off), so their figures count instructions and repeat.
ifeq ($(ICOUNT),1)
BENCH_CLOCK := -icount shift=0,sleep=off
# Debian's kernel hangs bringing up its second CPU ("x86: Booting SMP configuration") under -icount.
BENCH_LINUX_CPUS := -smp 1
endif

# Linux in the same QEMU (TCG, -smp 2; -smp 1 with ICOUNT=1) running tools/linux-bench/init.c as /init;
# LINUX_KERNEL=vmlinuz skips fetching Debian's kernel package.
bench-linux:
	@tools/linux-bench/run.sh $(BENCH_CLOCK) $(BENCH_LINUX_CPUS)

# Micro-benchmarks: the benchmark kernel prints "bench:" lines on COM1 and exits QEMU when done; then the
# normal kernel boots the ring-3 benchmarks (tests/User/UserBench) as its root task with wait-roottask,
# whose DebugLog lines say "user: bench: ...". Both print their bench lines without the log prefix; a run
# that fails, hangs (BENCH_TIMEOUT) or ends without success is an error. Both QEMU command lines are built
# from BENCH_QEMU, so an option added there (ICOUNT=1's clock) reaches both runs.
BENCH_TIMEOUT ?= 300
# Two CPUs, so the cross-CPU figures (wake-up latency) can be measured; BENCH_CPUS=1 leaves them out.
BENCH_CPUS ?= 2
BENCH_QEMU = timeout --foreground $(BENCH_TIMEOUT) $(QEMU_BASE) -smp $(BENCH_CPUS) $(BENCH_CLOCK) -display none
bench: $(OUT)/kernel-bench.elf $(OUT)/kernel.elf $(ROOT_TASK) $(USER_BENCH)
	@mkdir -p $(BUILD)
	@$(BENCH_QEMU) -kernel $< $(ROOT_TASK_INITRD) -serial file:$(BUILD)/bench.log \
	    -serial null $(QEMUFLAGS) </dev/null; status=$$?; \
	grep -a " bench: " $(BUILD)/bench.log | sed 's/^.*bench: //'; \
	if [ $$status -ne 1 ]; then echo "error: the benchmark kernel did not finish (QEMU status $$status; log: $(BUILD)/bench.log)" >&2; exit 1; fi
	@$(BENCH_QEMU) -kernel $(OUT)/kernel.elf -initrd "$(USER_BENCH) roottask" -append "wait-roottask exit-on-ready" \
	    -serial file:$(BUILD)/bench-user.log -serial null $(QEMUFLAGS) </dev/null; status=$$?; \
	grep -a " bench: " $(BUILD)/bench-user.log | sed 's/^.*bench: //'; \
	if [ $$status -ne 1 ] || ! grep -aq "roottask: exited with code 0" $(BUILD)/bench-user.log; then \
	    echo "error: the ring-3 benchmarks did not finish (QEMU status $$status; log: $(BUILD)/bench-user.log)" >&2; exit 1; fi

# The ring-3 fuzzer (tests/User/Fuzzer) as the root task of the normal kernel: FUZZ_CALLS random system calls
# from FUZZ_SEED (printed first, so any run can be repeated), then the kernel's health checks. Prints the
# fuzzer's lines; fails unless QEMU ended through exit-on-ready and the closing line says 0 failures.
ifndef FUZZ_SEED
FUZZ_SEED := $(shell date +%s)
endif
FUZZ_CALLS ?= 1000000
FUZZ_TIMEOUT ?= 900
fuzz: $(OUT)/kernel.elf $(FUZZER)
	@mkdir -p $(BUILD)
	@echo "fuzz: FUZZ_SEED=$(FUZZ_SEED) FUZZ_CALLS=$(FUZZ_CALLS) (log: $(BUILD)/fuzz.log)"
	@timeout --foreground $(FUZZ_TIMEOUT) $(QEMU_BASE) -smp 2 -display none -kernel $(OUT)/kernel.elf -initrd "$(FUZZER) roottask" \
	    -append "wait-roottask exit-on-ready user.fuzz.seed=$(FUZZ_SEED) user.fuzz.calls=$(FUZZ_CALLS)" \
	    -serial file:$(BUILD)/fuzz.log -serial null $(QEMUFLAGS) </dev/null; status=$$?; \
	grep -a " user: fuzz: " $(BUILD)/fuzz.log | sed 's/^.* user: //'; \
	if [ $$status -ne 1 ] || ! tr -d '\r' <$(BUILD)/fuzz.log | grep -aqE " user: fuzz: [0-9]+ calls, 0 failures \(seed [0-9]+\)$$"; then \
	    echo "error: the fuzz run failed or did not finish (QEMU status $$status; log: $(BUILD)/fuzz.log)" >&2; exit 1; fi
