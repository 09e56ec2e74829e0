// Host tests of the GVM rewriter on snippets compiled for the test: the rewritten assembly runs on .NET
// and must give the same answers as the original assembly under .NET's own GVM dispatch (and the plain
// expected strings), also for generic declaring types, keep base calls non-virtual, leave no GVM callvirt behind, and refuse
// every unsupported use with a build error naming the method and the reason, writing no output.
using System;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using MinimalOS.Tools.GvmRewriter;
using Xunit;

namespace MinimalOS.Tests.Host.GvmRewriter
{
    public class GvmRewriterTests
    {
        private const string Kind = @"
using System.Linq;
static class K
{
    public static string Of<T>() => typeof(T) == typeof(int) ? ""int"" : typeof(T) == typeof(string) ? ""string"" : typeof(T).Name;
}";

        private const string ClassHierarchy = Kind + @"
public class Shape { public virtual string Measure<T>() => ""Shape "" + K.Of<T>(); public virtual string Other<T>() => ""Other "" + K.Of<T>(); }
public class Square : Shape { public override string Measure<T>() => ""Square "" + K.Of<T>(); }
public class SmallSquare : Square { public override string Measure<T>() => ""SmallSquare/"" + base.Measure<T>(); }
public sealed class TinySquare : SmallSquare { }
public sealed class Circle : Shape { public override string Other<T>() => ""CircleOther "" + K.Of<T>(); }
public class Hidden : Square { public new virtual string Measure<T>() => ""Hidden "" + K.Of<T>(); }
public abstract class Visitor { public abstract string Visit<T>(T item); }
public sealed class Printer : Visitor { public override string Visit<T>(T item) => ""print "" + item; }
public static class Probe
{
    static string Call(Shape s) => s.Measure<int>() + "";"" + s.Measure<string>() + "";"" + s.Other<int>();
    static string Shared<T>(Shape s) => s.Measure<T>();
    public static string Run() => string.Join("" | "", new Shape[] { new Shape(), new Square(), new SmallSquare(), new TinySquare(), new Circle(), new Hidden() }.Select(Call))
        + "" | "" + Shared<string>(new TinySquare()) + "" | "" + ((Visitor)new Printer()).Visit(42) + "" | "" + new Hidden().Measure<int>();
    public static string Null() => ((Shape)null).Measure<int>();
}";

        private const string Interfaces = Kind + @"
public interface IConvert { string Convert<T>(T value); string Default<T>() => ""default "" + K.Of<T>(); }
public interface IRefined : IConvert { string IConvert.Default<T>() => ""refined "" + K.Of<T>(); }
public class Implicit : IConvert { public virtual string Convert<T>(T value) => ""implicit "" + K.Of<T>(); }
public sealed class DerivedImplicit : Implicit { public override string Convert<T>(T value) => ""derived "" + K.Of<T>(); }
public class Explicit : IConvert { string IConvert.Convert<T>(T value) => ""explicit "" + K.Of<T>(); public string Default<T>() => ""own "" + K.Of<T>(); }
public sealed class Reimplements : Explicit, IConvert { public string Convert<T>(T value) => ""reimplemented "" + K.Of<T>(); }
public class Refined : IRefined { public string Convert<T>(T value) => ""refined-class""; }
public struct Valued : IConvert { public int Field; public string Convert<T>(T value) => ""struct "" + Field + "" "" + K.Of<T>(); }
public static class Probe
{
    static string Call(IConvert c) => c.Convert(1) + "";"" + c.Default<string>();
    public static string Run() => string.Join("" | "", new IConvert[] { new Implicit(), new DerivedImplicit(), new Explicit(), new Reimplements(), new Refined(), new Valued { Field = 7 } }.Select(Call));
}";

        [Fact]
        public void ClassDispatchPicksTheMostDerivedOverride()
        {
            using var snippet = new SnippetAssembly(ClassHierarchy);
            RewriteSummary summary = snippet.Rewrite();
            Assert.Equal(4, summary.Dispatchers);
            Assert.Equal(
                "Shape int;Shape string;Other int | Square int;Square string;Other int | SmallSquare/Square int;SmallSquare/Square string;Other int | "
                + "SmallSquare/Square int;SmallSquare/Square string;Other int | Shape int;Shape string;CircleOther int | Square int;Square string;Other int | "
                + "SmallSquare/Square string | print 42 | Hidden int",
                snippet.Run());
            Assert.Equal(snippet.RunOriginal(), snippet.Run());
        }

        [Fact]
        public void InterfaceDispatchFollowsImplicitExplicitDefaultAndStructImplementations()
        {
            using var snippet = new SnippetAssembly(Interfaces);
            snippet.Rewrite();
            Assert.Equal(
                "implicit int;default string | derived int;default string | explicit int;own string | "
                + "reimplemented int;own string | refined-class;refined string | struct 7 int;default string",
                snippet.Run());
            Assert.Equal(snippet.RunOriginal(), snippet.Run());
        }

        private const string GenericTypes = Kind + @"
public abstract class Node<X> { public abstract string Accept<T>(X value, T extra); public virtual string Name<T>() => ""Node<"" + K.Of<X>() + ""> "" + K.Of<T>(); public string Twice<T>() => Name<T>() + ""+"" + Name<T>(); }
public class Leaf<X> : Node<X> { public override string Accept<T>(X value, T extra) => ""leaf "" + value + "" "" + K.Of<T>(); }
public sealed class IntLeaf : Node<int> { public override string Accept<T>(int value, T extra) => ""intleaf "" + (value + 1) + "" "" + K.Of<T>(); public override string Name<T>() => ""IntLeaf "" + K.Of<T>(); }
public sealed class Special : Leaf<string> { public override string Accept<T>(string value, T extra) => ""special "" + value.Length + "" "" + K.Of<T>(); }
public interface IVisitor<X> { X Visit<T>(X seed, T item); }
public class Adder : IVisitor<int> { public int Visit<T>(int seed, T item) => seed + 1; }
public class Wrapper<X> : IVisitor<X> { public X Visit<T>(X seed, T item) => seed; }
public class Named : IVisitor<string> { string IVisitor<string>.Visit<T>(string seed, T item) => seed + K.Of<T>(); }
public static class Probe
{
    static string Shared<X, T>(Node<X> n, X v, T e) => n.Accept(v, e) + ""/"" + n.Name<T>();
    static X Visit<X>(IVisitor<X> v, X seed) => v.Visit(seed, ""item"");
    public static string Run() => string.Join("" | "", Shared(new Leaf<int>(), 5, ""s""), Shared(new IntLeaf(), 5, ""s""), Shared(new Leaf<string>(), ""v"", 3),
        Shared<string, long>(new Special(), ""abc"", 1L), new Special().Accept(""xy"", 2),
        Visit(new Adder(), 1), Visit(new Wrapper<int>(), 7), Visit(new Wrapper<string>(), ""w""), Visit(new Named(), ""n""),
        new IntLeaf().Twice<string>(), new Leaf<long>().Twice<int>());
}";

        [Fact]
        public void GenericDeclaringTypesDispatchOverTheirTypeArguments()
        {
            using var snippet = new SnippetAssembly(GenericTypes);
            Assert.Equal(3, snippet.Rewrite().Dispatchers);
            Assert.Equal(
                "leaf 5 string/Node<int> string | intleaf 6 string/IntLeaf string | leaf v int/Node<string> int | "
                + "special 3 Int64/Node<string> Int64 | special 2 int | 2 | 7 | w | nstring | IntLeaf string+IntLeaf string | Node<Int64> int+Node<Int64> int",
                snippet.Run());
            Assert.Equal(snippet.RunOriginal(), snippet.Run());
        }

        [Fact]
        public void NoGenericVirtualCallvirtRemainsAndBaseCallsStayDirect()
        {
            using var snippet = new SnippetAssembly(ClassHierarchy);
            snippet.Rewrite();
            using ModuleDefinition module = ModuleDefinition.ReadModule(snippet.OutputPath);
            Instruction[] instructions = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
                .SelectMany(m => m.Body.Instructions).ToArray();
            Assert.DoesNotContain(instructions, i => i.OpCode == OpCodes.Callvirt && i.Operand is GenericInstanceMethod);
            MethodDefinition smallSquare = module.GetType("SmallSquare").Methods.Single(m => m.Name == "Measure");
            Assert.Contains(smallSquare.Body.Instructions,
                i => i.OpCode == OpCodes.Call && i.Operand is GenericInstanceMethod g && g.ElementMethod.DeclaringType.Name == "Square");
            MethodDefinition dispatcher = module.GetType("MinimalOS.Generated", "GenericVirtualDispatch")
                .Methods.Single(m => m.Name == "Shape__Measure");
            Assert.Contains(dispatcher.Body.Instructions, i => i.OpCode == OpCodes.Ldstr && ((string)i.Operand).Contains("Shape::Measure"));
        }

        [Fact]
        public void NullReceiverThrowsNullReferenceException()
        {
            using var snippet = new SnippetAssembly(ClassHierarchy);
            snippet.Rewrite();
            Assert.Throws<NullReferenceException>(() => snippet.Run("Null"));
        }

        [Fact]
        public void AssemblyWithoutGenericVirtualCallsIsCopiedUnchanged()
        {
            using var snippet = new SnippetAssembly("public class Plain { public virtual int M() => 1; public static int G<T>() => 2; public static int Run() => new Plain().M() + G<int>(); }");
            Assert.Equal(0, snippet.Rewrite().CallSites);
            Assert.Equal(File.ReadAllBytes(snippet.InputPath), File.ReadAllBytes(snippet.OutputPath));
        }

        [Theory]
        [InlineData("public class S { public virtual int M<T>() => 1; } public static class Probe { public static System.Func<int> F(S s) => s.M<int>; }",
            "ldvirtftn", "S::M")]
        [InlineData("public interface I { int M<T>(); } public static class Probe { public static int F<X>(X x) where X : I => x.M<int>(); }",
            "constrained.", "I::M")]
        [InlineData("public class G<A, B> { public virtual int M<T>() => 1; } public class P<U> : G<int, int> { public override int M<T>() => 2; } public static class Probe { public static int F(G<int, int> g) => g.M<int>(); }",
            "its type arguments cannot all be taken from the call site", "G`2::M")]
        [InlineData("public class S { public virtual int M<T>() => 1; } public class D<U> : S { public override int M<T>() => 2; } public static class Probe { public static int F(S s) => s.M<int>(); }",
            "implemented in generic type D`1", "S::M")]
        [InlineData("public interface I<X> { int M<T>(); } public class Both : I<int>, I<string> { int I<int>.M<T>() => 1; int I<string>.M<T>() => 2; } public static class Probe { public static int F(I<int> i) => i.M<int>(); }",
            "implements both", "I`1::M")]
        [InlineData("public abstract class R<X> { public abstract void M<T>(ref X x); } public class RI : R<int> { public override void M<T>(ref int x) { } } public static class Probe { public static void F(R<int> r, int v) => r.M<int>(ref v); }",
            "cannot be converted by reference", "R`1::M")]
        [InlineData("public interface I { int M<T>(); } public static class Probe { public static int F(System.Collections.Generic.List<I> l) => l[0].M<int>() + new System.Text.StringBuilder().Append(1).Length; }"
            + " public class Impl<U> : I { public int M<T>() => 1; }",
            "implemented in generic type Impl`1", "I::M")]
        [InlineData("public interface I<in X> { int M<T>(X x); } public static class Probe { public static int F(I<string> i) => i.M<int>(null); }",
            "variant generic interface", "I`1::M")]
        [InlineData("public static class Probe { public static int F(System.Linq.IQueryProvider p) => p.Execute<int>(null); }",
            "declared outside Snippet", "IQueryProvider::Execute")]
        public void UnsupportedUsesAreBuildErrorsNamingTheMethod(string source, string reason, string method)
        {
            using var snippet = new SnippetAssembly(source);
            GvmRewriteException error = Assert.Throws<GvmRewriteException>(() => snippet.Rewrite());
            Assert.Contains(reason, error.Message);
            Assert.Contains(method, error.Message);
            Assert.False(File.Exists(snippet.OutputPath), "no output after a build error");
        }

        [Fact]
        public void CommandLineReportsErrorsAndRemovesStaleOutput()
        {
            using var snippet = new SnippetAssembly("public class S { public virtual int M<T>() => 1; } public static class Probe { public static System.Func<int> F(S s) => s.M<int>; }");
            Directory.CreateDirectory(Path.GetDirectoryName(snippet.OutputPath));
            File.WriteAllText(snippet.OutputPath, "stale");
            var error = new StringWriter();
            TextWriter original = System.Console.Error;
            System.Console.SetError(error);
            try
            {
                Assert.Equal(1, Program.Main(new[] { snippet.InputPath, snippet.OutputPath }));
            }
            finally
            {
                System.Console.SetError(original);
            }
            Assert.StartsWith("error: GvmRewriter: in System.Func`1<System.Int32> Probe::F(S): ldvirtftn", error.ToString());
            Assert.False(File.Exists(snippet.OutputPath));
            Assert.Equal(2, Program.Main(new[] { snippet.InputPath }));
        }
    }
}
