#!/bin/sh
# Runs the Linux side of the benchmarks (init.c and the files it calls) as the only process of a one-file
# initramfs, in the same QEMU (TCG, -smp 2) that `make bench` uses, and prints its "linux-bench:" lines.
# Arguments are extra QEMU options (`make bench-linux ICOUNT=1` passes -icount). The kernel is
# Debian's (the linux-image-amd64 dependency, fetched with apt-get download into build/linux-bench unless
# LINUX_KERNEL names a vmlinuz). Needs gcc with static glibc (libc6-dev). Never part of `make test`.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/build/linux-bench"
mkdir -p "$work"
cd "$work"

kernel=${LINUX_KERNEL:-}
if [ -z "$kernel" ]; then
    kernel=$(find "$work/extracted/boot" -name 'vmlinuz-*' 2>/dev/null | head -n 1 || true)
fi
if [ -z "$kernel" ]; then
    image=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    [ -n "$image" ] || { echo "error: cannot find Debian's linux-image package (apt-cache depends linux-image-amd64)" >&2; exit 1; }
    echo "fetching $image with apt-get download" >&2
    apt-get download "$image" >/dev/null
    dpkg-deb -x "$image"_*.deb extracted
    kernel=$(find "$work/extracted/boot" -name 'vmlinuz-*' | head -n 1)
fi

gcc -static -O2 -pthread -Wall -Wextra -o init "$root"/tools/linux-bench/*.c
python3 - <<'PY'
# A newc cpio archive holding /init only: the format is a 110-byte ASCII header per entry.
import os
data = open("init", "rb").read()
def entry(name, mode, body):
    name_bytes = name.encode() + b"\0"
    header = "070701" + "".join("%08X" % v for v in (0, mode, 0, 0, 1, 0, len(body), 0, 0, 0, 0, len(name_bytes), 0))
    out = header.encode() + name_bytes
    out += b"\0" * (-len(out) % 4) + body
    return out + b"\0" * (-len(out) % 4)
archive = entry("init", 0o100755, data) + entry("TRAILER!!!", 0, b"")
open("initrd.cpio", "wb").write(archive)
PY

timeout 600 qemu-system-x86_64 -accel tcg -smp 2 -m 512M -display none -no-reboot -serial stdio \
    -kernel "$kernel" -initrd initrd.cpio -append "console=ttyS0 quiet panic=-1" "$@" </dev/null >serial.log 2>&1 || true
grep -a "^linux-bench: " serial.log | grep -av "^linux-bench: done"
grep -aq "^linux-bench: done" serial.log || { echo "error: the Linux benchmark did not finish (log: $work/serial.log)" >&2; exit 1; }
