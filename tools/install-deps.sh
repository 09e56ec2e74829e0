#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when any is missing. Runs apt-get as root
# or through sudo; otherwise says exactly what to install by hand.
set -euo pipefail

packages=(make python3 qemu-system-x86 ovmf nasm binutils grub-pc-bin grub-efi-amd64-bin grub-common xorriso mtools strace)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "MinimalOS: installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
else
    echo "error: these packages are missing and I cannot install them (not root, no passwordless sudo):" >&2
    echo "       sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    "${sudo[@]}" apt-get update -q >/dev/null
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null || {
        echo "error: apt-get could not install: ${missing[*]}" >&2
        exit 1
    }
fi
echo "MinimalOS: system packages installed."
