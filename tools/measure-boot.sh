#!/usr/bin/env bash
# Boot-time benchmark (`make bench-boot`): for direct boot, ISO + SeaBIOS and ISO + OVMF, boots MinimalOS
# RUNS times with exit-on-ready and prints the median time from QEMU's launch to the moment the
# "MinimalOS ready" line arrives on QEMU's stdout (the serial port), timestamped as it is read.
# Every run has a timeout and keeps its serial log under <build>/bench-logs/. Usage: measure-boot.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
runs=${RUNS:-5}
timeout_seconds=${BOOT_TIMEOUT:-120}
logs=$build/bench-logs
marker="MinimalOS ready"
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
# QEMUFLAGS is parsed the way the Makefile's recipes parse it: by the shell.
eval "user_flags=(${QEMUFLAGS:-})"

for artifact in "$build/kernel.elf" "$build/user/roottask.elf" "$build/minimalos.iso"; do
    [ -f "$artifact" ] || { echo "error: $artifact is missing: run make bench-boot" >&2; exit 1; }
done
mkdir -p "$logs"

qemu_command() {
    local method=$1
    command=(qemu-system-x86_64 -accel tcg -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04
             -display none -monitor none -serial stdio)
    case $method in
        direct) command+=(-kernel "$build/kernel.elf" -initrd "$build/user/roottask.elf roottask" -append exit-on-ready) ;;
        bios)   command+=(-cdrom "$build/minimalos.iso" -smbios type=11,value=minimalos.cmdline=exit-on-ready) ;;
        uefi)   cp "$ovmf_vars" "$logs/ovmf-vars.fd"
                command+=(-cdrom "$build/minimalos.iso" -smbios type=11,value=minimalos.cmdline=exit-on-ready
                          -drive "if=pflash,format=raw,unit=0,readonly=on,file=$ovmf_code"
                          -drive "if=pflash,format=raw,unit=1,file=$logs/ovmf-vars.fd") ;;
    esac
    command+=("${user_flags[@]}")
}

# Prints the seconds from launch to the ready line, or fails when it never came.
measure_once() {
    local method=$1 log=$2 start ready="" line
    qemu_command "$method"
    : >"$log"
    start=$EPOCHREALTIME
    while IFS= read -r line; do
        if [ -z "$ready" ] && [[ $line == *"$marker"* ]]; then
            ready=$EPOCHREALTIME
        fi
        printf '%s\n' "$line" >>"$log"
    done < <(timeout "$timeout_seconds" "${command[@]}" </dev/null 2>&1)
    if [ -z "$ready" ]; then
        echo "error: $method boot did not print \"$marker\" within $timeout_seconds s (log: $log)" >&2
        return 1
    fi
    awk -v a="$start" -v b="$ready" 'BEGIN { printf "%.3f\n", b - a }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Boot time, QEMU launch to \"$marker\" (TCG, $runs runs each, seconds):"
printf '  %-22s %8s   %s\n' "boot method" "median" "runs"
for method in direct bios uefi; do
    case $method in
        direct) label="direct (-kernel, MB1)" ;;
        bios)   label="ISO + SeaBIOS (MB2)" ;;
        uefi)   label="ISO + OVMF (MB2)" ;;
    esac
    times=()
    for run in $(seq 1 "$runs"); do
        times+=("$(measure_once "$method" "$logs/$method-$run.log")")
    done
    printf '  %-22s %8s   %s\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
done
echo "Serial logs: $logs/"
