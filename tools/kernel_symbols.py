#!/usr/bin/env python3
# Builds the kernel's embedded symbol table (read by src/Kernel/Diagnostics/SymbolTable.cs) and drives the
# checks of the two-pass link that embeds it. It only reads ELF files and writes one tiny ELF object; it
# must never change what the linker places, and it fails the build rather than embed a table that
# describes a different layout from the one it lands in.
#
#   reserve OUT.o OBJECTS...   zero-filled .kernel_symbols of the table's size, computed from the objects
#   embed PASS1.elf OUT.o      the real table for PASS1.elf, padded to the size reserved in it
#   verify PASS1.elf FINAL.elf nothing moved between the passes, and FINAL embeds its own exact table
#
# The table size depends only on which symbols exist and their names, never on addresses, so the size
# computed from the objects reserves exactly the room the real table needs: pass 1 and pass 2 then have
# identical section sizes and identical addresses.
#
# Table format, version 1, little-endian (everything is validated again by the kernel's reader):
#   header, 32 bytes: u32 magic "KSYM", u16 version, u16 entry size (16), u64 image base,
#                     u32 entry count, u32 string table offset, u32 string table size, u32 zero
#   entries, 16 bytes each, sorted by start: u32 start - image base, u32 size, u32 name offset,
#                     u16 name length, u8 kind (1 function, 2 type = ilc MethodTable), u8 zero
#   string table: the raw (mangled) names, back to back, not terminated
import struct
import sys

MAGIC = 0x4D59534B  # "KSYM"
VERSION = 1
HEADER = struct.Struct("<IHHQIIII")
ENTRY = struct.Struct("<IIIHBB")
KIND_FUNCTION = 1
KIND_TYPE = 2
SECTION_NAME = ".kernel_symbols"

SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4
STT_NOTYPE, STT_FUNC, STT_SECTION, STT_FILE, STT_TLS = 0, 2, 3, 4, 6
SHN_LORESERVE = 0xFF00
SHT_SYMTAB = 2


class BuildError(Exception):
    pass


class Elf:
    """The sections and symbols of an ELF64 little-endian file (executable or relocatable object)."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        self.path = path
        d = self.data
        if d[:4] != b"\x7fELF" or d[4] != 2 or d[5] != 1:
            raise BuildError(f"{path}: not a 64-bit little-endian ELF file")
        shoff, = struct.unpack_from("<Q", d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3A)
        self.sections = []
        for i in range(shnum):
            name, stype, flags, addr, offset, size, link, info, align, entsize = struct.unpack_from(
                "<IIQQQQIIQQ", d, shoff + i * shentsize)
            self.sections.append(dict(name_offset=name, type=stype, flags=flags, addr=addr, offset=offset,
                                      size=size, link=link, info=info, entsize=entsize))
        names = self.sections[shstrndx]
        for s in self.sections:
            s["name"] = self._string(names, s["name_offset"])
        self.symbols = []
        for s in self.sections:
            if s["type"] != SHT_SYMTAB:
                continue
            strings = self.sections[s["link"]]
            for i in range(s["size"] // 24):
                name, info, other, shndx, value, size = struct.unpack_from("<IBBHQQ", d, s["offset"] + i * 24)
                self.symbols.append(dict(name=self._string(strings, name), type=info & 0xF, bind=info >> 4,
                                         shndx=shndx, value=value, size=size))

    def _string(self, table, offset):
        start = table["offset"] + offset
        end = self.data.index(b"\0", start)
        return self.data[start:end].decode("utf-8")

    def section(self, name):
        for s in self.sections:
            if s["name"] == name:
                return s
        return None

    def section_bytes(self, section):
        return self.data[section["offset"]:section["offset"] + section["size"]]

    def symbol_value(self, name):
        for sym in self.symbols:
            if sym["name"] == name:
                return sym["value"]
        raise BuildError(f"{self.path}: no symbol {name}")


def kernel_symbols(elf):
    """The symbols the table describes, one per address: (section index, value, size, name, kind).

    Functions are the symbols in executable sections, except linker-script markers (untyped names that
    start with "__", such as __text_start); types are ilc's MethodTables, named _ZTV<length><type>.
    Where several names share an address the longest is kept (the managed name rather than its
    [RuntimeExport] alias), so both the objects and the linked file pick the same one.
    """
    by_address = {}
    for sym in elf.symbols:
        if not sym["name"] or sym["shndx"] == 0 or sym["shndx"] >= SHN_LORESERVE:
            continue
        if sym["type"] in (STT_SECTION, STT_FILE, STT_TLS):
            continue
        section = elf.sections[sym["shndx"]]
        if not section["flags"] & SHF_ALLOC:
            continue
        if section["flags"] & SHF_EXECINSTR:
            if sym["type"] not in (STT_FUNC, STT_NOTYPE):
                continue
            if sym["type"] == STT_NOTYPE and sym["name"].startswith("__"):
                continue
            kind = KIND_FUNCTION
        elif sym["name"].startswith("_ZTV"):
            kind = KIND_TYPE
        else:
            continue
        key = (sym["shndx"], sym["value"])
        best = by_address.get(key)
        if best is None or (len(sym["name"]), best["name"]) > (len(best["name"]), sym["name"]):
            by_address[key] = dict(sym, kind=kind)
    return sorted(by_address.values(), key=lambda s: (s["shndx"], s["value"]))


def table_size(symbols):
    return HEADER.size + ENTRY.size * len(symbols) + sum(len(s["name"].encode("utf-8")) for s in symbols)


def build_table(elf):
    """The table for a linked kernel: addresses are offsets from __image_start."""
    image_base = elf.symbol_value("__image_start")
    symbols = sorted(kernel_symbols(elf), key=lambda s: s["value"])
    entries = bytearray()
    strings = bytearray()
    for i, sym in enumerate(symbols):
        size = sym["size"]
        if sym["kind"] == KIND_FUNCTION and size == 0:
            size = untyped_function_size(elf, symbols, i)
        start = sym["value"] - image_base
        name = sym["name"].encode("utf-8")
        if not 0 <= start < 2**32 or size >= 2**32 or len(name) >= 2**16:
            raise BuildError(f"{elf.path}: symbol {sym['name']} does not fit the table (start {start:#x}, size {size})")
        entries += ENTRY.pack(start, size, len(strings), len(name), sym["kind"], 0)
        strings += name
    header = HEADER.pack(MAGIC, VERSION, ENTRY.size, image_base, len(symbols),
                         HEADER.size + len(entries), len(strings), 0)
    return bytes(header + entries + strings)


def untyped_function_size(elf, symbols, index):
    """Assembly labels carry no size: a label's code runs to the next described symbol or its section's end."""
    sym = symbols[index]
    section = elf.sections[sym["shndx"]]
    end = section["addr"] + section["size"]
    for later in symbols[index + 1:]:
        if later["shndx"] == sym["shndx"] and later["value"] > sym["value"]:
            end = min(end, later["value"])
            break
    return end - sym["value"]


def write_object(path, payload):
    """A relocatable x86-64 object with one read-only, 8-aligned .kernel_symbols section holding payload."""
    shstrtab = b"\0" + SECTION_NAME.encode() + b"\0.note.GNU-stack\0.symtab\0.strtab\0.shstrtab\0"
    def name(n):
        return shstrtab.index(n.encode() + b"\0")
    symtab = bytes(24) + struct.pack("<IBBHQQ", 0, STT_SECTION, 0, 1, 0, 0)  # null + section symbol
    strtab = b"\0"
    body = bytearray()
    def place(blob, align):
        while (64 + len(body)) % align:
            body.append(0)
        offset = 64 + len(body)
        body.extend(blob)
        return offset
    payload_at = place(payload, 8)
    symtab_at = place(symtab, 8)
    strtab_at = place(strtab, 1)
    shstrtab_at = place(shstrtab, 1)
    while (64 + len(body)) % 8:
        body.append(0)
    shoff = 64 + len(body)
    header = struct.pack("<4sBBBBB7sHHIQQQIHHHHHH", b"\x7fELF", 2, 1, 1, 0, 0, bytes(7),
                         1, 62, 1, 0, 0, shoff, 0, 64, 0, 0, 64, 6, 5)
    section = struct.Struct("<IIQQQQIIQQ")
    headers = (section.pack(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
               + section.pack(name(SECTION_NAME), 1, SHF_ALLOC, 0, payload_at, len(payload), 0, 0, 8, 0)
               + section.pack(name(".note.GNU-stack"), 1, 0, 0, shstrtab_at, 0, 0, 0, 1, 0)
               + section.pack(name(".symtab"), SHT_SYMTAB, 0, 0, symtab_at, len(symtab), 4, 2, 8, 24)
               + section.pack(name(".strtab"), 3, 0, 0, strtab_at, len(strtab), 0, 0, 1, 0)
               + section.pack(name(".shstrtab"), 3, 0, 0, shstrtab_at, len(shstrtab), 0, 0, 1, 0))
    with open(path, "wb") as f:
        f.write(header + body + headers)


def reserve(output, objects):
    symbols = [sym for path in objects for sym in kernel_symbols(Elf(path))]
    write_object(output, bytes(table_size(symbols)))


def embed(pass1_path, output):
    pass1 = Elf(pass1_path)
    reserved = pass1.section(SECTION_NAME)
    if reserved is None:
        raise BuildError(f"{pass1_path}: no {SECTION_NAME} section (is the reservation object linked?)")
    table = build_table(pass1)
    if len(table) > reserved["size"]:
        raise BuildError(f"{pass1_path}: the symbol table needs {len(table)} bytes but pass 1 reserved "
                         f"{reserved['size']}; the object files and the linked kernel disagree on its symbols")
    write_object(output, table + bytes(reserved["size"] - len(table)))


def layout(elf):
    sections = [(s["name"], s["addr"], s["size"]) for s in elf.sections if s["flags"] & SHF_ALLOC]
    symbols = sorted((s["name"], s["value"], s["size"]) for s in elf.symbols if s["name"])
    return sections, symbols


def verify(pass1_path, final_path):
    pass1, final = Elf(pass1_path), Elf(final_path)
    (sections1, symbols1), (sections2, symbols2) = layout(pass1), layout(final)
    if sections1 != sections2:
        moved = [f"{a[0]} {a[1]:#x}+{a[2]:#x} -> {b[0]} {b[1]:#x}+{b[2]:#x}"
                 for a, b in zip(sections1, sections2) if a != b] or ["different section lists"]
        raise BuildError(f"{final_path}: sections moved between link passes: {'; '.join(moved[:5])}")
    if symbols1 != symbols2:
        moved = [f"{a[0]} {a[1]:#x} -> {b[0]} {b[1]:#x}"
                 for a, b in zip(symbols1, symbols2) if a != b] or ["different symbol lists"]
        raise BuildError(f"{final_path}: symbols moved between link passes: {'; '.join(moved[:5])}")
    embedded = final.section_bytes(final.section(SECTION_NAME))
    expected = build_table(final)
    if embedded[:len(expected)] != expected or any(embedded[len(expected):]):
        raise BuildError(f"{final_path}: the embedded symbol table does not describe this kernel")


def main(argv):
    try:
        if len(argv) >= 3 and argv[0] == "reserve":
            reserve(argv[1], argv[2:])
        elif len(argv) == 3 and argv[0] == "embed":
            embed(argv[1], argv[2])
        elif len(argv) == 3 and argv[0] == "verify":
            verify(argv[1], argv[2])
        else:
            print("usage: kernel_symbols.py reserve OUT.o OBJECTS... | embed PASS1.elf OUT.o | verify PASS1.elf FINAL.elf",
                  file=sys.stderr)
            return 2
    except BuildError as e:
        print(f"kernel_symbols: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
