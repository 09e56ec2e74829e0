// Base of all structs. Equality over raw bytes is deliberately not offered: it would be wrong for
// structs holding references, and kernel structs compare their own fields.
namespace System
{
    public abstract class ValueType
    {
    }
}
