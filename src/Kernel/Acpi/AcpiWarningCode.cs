// Why an ACPI table or entry was not trusted. Each code says what the two warning values mean.
namespace MinimalOS.Kernel.Acpi
{
    public enum AcpiWarningCode
    {
        /// <summary>Neither the XSDT nor the RSDT was usable. A = RSDP address.</summary>
        NoRootTable,
        /// <summary>The XSDT was unusable and the RSDT is used instead. A = XSDT address.</summary>
        XsdtUnusableUsingRsdt,
        /// <summary>A table's header could not be read in full. A = address.</summary>
        HeaderUnreadable,
        /// <summary>A table's length is below the 36-byte header or above the sanity maximum. A = address, B = length.</summary>
        BadLength,
        /// <summary>A table is shorter in readable memory than its length says. A = address, B = length.</summary>
        Truncated,
        /// <summary>A table's bytes do not sum to 0. A = address, B = signature.</summary>
        BadChecksum,
        /// <summary>The table has an unexpected signature. A = address, B = signature found.</summary>
        WrongSignature,
        /// <summary>A second table with a signature that must be unique; lookups use the first. A = address, B = signature.</summary>
        DuplicateTable,
        /// <summary>More tables than the directory holds; the rest are ignored. A = tables listed.</summary>
        TooManyTables,
        /// <summary>The root table's length is not a whole number of entries. A = address, B = length.</summary>
        RootTableRagged,
        /// <summary>A table is too short for its fixed fields. A = signature, B = length.</summary>
        TableTooShort,
        /// <summary>An entry of a table is shorter than 2 bytes or runs past the table; parsing stops. A = signature, B = offset.</summary>
        BadEntryLength,
        /// <summary>An entry is shorter than its type requires; it is skipped. A = entry type, B = entry length.</summary>
        EntryTooShort,
        /// <summary>More entries of one kind than the parser keeps; the rest are counted only. A = signature, B = entry type.</summary>
        TooManyEntries,
        /// <summary>An MCFG allocation whose end bus precedes its start bus; it is skipped. A = start bus, B = end bus.</summary>
        BadBusRange,
        /// <summary>The DSDT named by the FADT was unusable or absent. A = address.</summary>
        DsdtUnusable,
        /// <summary>No usable \_S5_ package in the DSDT: ACPI power-off is not possible.</summary>
        S5NotFound,
    }
}
