// System.Array<T>: ilc requires this type; it supplies the members that every T[] gets. Arrays do not
// implement the generic collection interfaces yet; foreach over an array compiles to an index loop and
// needs none.
namespace System
{
    public class Array<T> : Array
    {
    }
}
