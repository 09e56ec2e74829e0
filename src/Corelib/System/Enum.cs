// Base of all enums. Enum names are not kept at run time (there is no reflection metadata).
namespace System
{
    public abstract class Enum : ValueType
    {
    }
}
