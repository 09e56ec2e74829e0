// The read-only boot-info page the kernel maps into the root task and passes to _start in rdi. Its layout
// is defined by the kernel side (seL4-style BootInfo); the runtime only carries the address to Main.
namespace MinimalOS.User.Runtime
{
    public readonly unsafe struct BootInfoPage
    {
        private readonly void* _start;

        public void* Start => _start;
    }
}
