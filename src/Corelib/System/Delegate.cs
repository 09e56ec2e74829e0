// Delegates. ilc builds delegate objects by calling the Initialize* methods below (it finds them by
// name) and invokes them by calling _functionPointer with _firstParameter as the receiver, so the field
// names and meanings are fixed by the compiler. Multicast delegates (+=) are not supported yet: the C#
// compiler rejects += on delegates because Delegate.Combine does not exist.
using Internal.Runtime;

namespace System
{
    public abstract unsafe class Delegate
    {
        // ilc reads and writes these fields by name.
        internal object _firstParameter;
        internal object _helperObject;
        internal nint _extraFunctionPointerOrData;
        internal nint _functionPointer;

        // Closed over an instance (lambdas and instance method groups).
        private void InitializeClosedInstance(object firstParameter, nint functionPointer)
        {
            if (firstParameter is null)
                ThrowHelper.ThrowNullReferenceException();
            _functionPointer = functionPointer;
            _firstParameter = firstParameter;
        }

        private void InitializeClosedInstanceSlow(object firstParameter, nint functionPointer) =>
            InitializeClosedInstance(firstParameter, functionPointer);

        // Closed over an instance, to an interface method: ilc passes the call's dispatch cell, resolved here once.
        private void InitializeClosedInstanceToInterface(object firstParameter, nint dispatchCell)
        {
            if (firstParameter is null)
                ThrowHelper.ThrowNullReferenceException();
            _functionPointer = InterfaceDispatch.Resolve(firstParameter, (InterfaceDispatchCell*)dispatchCell);
            _firstParameter = firstParameter;
        }

        // A static method called through a thunk that ilc generates; the thunk reads the target from
        // _extraFunctionPointerOrData.
        private void InitializeOpenStaticThunk(object firstParameter, nint functionPointer, nint functionPointerThunk)
        {
            _firstParameter = this;
            _functionPointer = functionPointerThunk;
            _extraFunctionPointerOrData = functionPointer;
        }

        private void InitializeClosedStaticThunk(object firstParameter, nint functionPointer, nint functionPointerThunk)
        {
            _extraFunctionPointerOrData = functionPointer;
            _helperObject = firstParameter;
            _functionPointer = functionPointerThunk;
            _firstParameter = this;
        }

        private void InitializeOpenInstanceThunk(object firstParameter, nint functionPointer, nint functionPointerThunk)
        {
            _firstParameter = this;
            _functionPointer = functionPointerThunk;
            _extraFunctionPointerOrData = functionPointer;
        }

        protected virtual nint GetThunk(int whichThunk) => 0;

        public static bool operator ==(Delegate a, Delegate b) => a is null ? b is null : a.Equals(b);

        public static bool operator !=(Delegate a, Delegate b) => !(a == b);

        // Equal when of the same type and bound to the same method and target, as in .NET.
        public override bool Equals(object obj)
        {
            if ((object)this == obj)
                return true;
            if (obj is not Delegate other || GetMethodTable() != other.GetMethodTable())
                return false;
            // A delegate called through a thunk points _firstParameter at itself and keeps its target in
            // _extraFunctionPointerOrData (and a closed static's first argument in _helperObject).
            bool throughThunk = _firstParameter == this;
            if (throughThunk != (other._firstParameter == other))
                return false;
            if (throughThunk)
            {
                return _functionPointer == other._functionPointer
                    && _extraFunctionPointerOrData == other._extraFunctionPointerOrData
                    && _helperObject == other._helperObject;
            }
            return _functionPointer == other._functionPointer && _firstParameter == other._firstParameter;
        }

        public override int GetHashCode() => (int)_functionPointer;
    }

    public abstract class MulticastDelegate : Delegate
    {
    }
}
