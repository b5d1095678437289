using System.Text;
using Mono.Cecil;

namespace Outreach.Tests.Architecture;

/// <summary>
/// Dependencies between the folders (namespaces) of one project point one way. Read from the compiled assemblies —
/// every type named in a signature, a base type, an attribute or a method body — so a fully qualified name or a
/// parent-namespace lookup cannot hide an edge the way it would from a source grep.
/// </summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Assemblies() => new(["Outreach.Domain", "Outreach.Data", "Outreach.Functions", "outreach"]);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Namespaces_OfEachProject_HaveNoCycles(string assembly)
    {
        var graph = NamespaceGraph.Read(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));

        var cycles = graph.Cycles();

        TestContext.Current.TestOutputHelper?.WriteLine(graph.ToString());
        Assert.True(cycles.Count == 0, graph.Describe(cycles));
    }

    [Fact]
    public void NamespaceGraph_WhenTwoNamespacesReferToEachOther_ReportsTheCycleWithAnExample()
    {
        var graph = new NamespaceGraph();
        graph.Add("A.Pipeline", "A.Providers", "A.Pipeline.Store -> A.Providers.Port");
        graph.Add("A.Providers", "A.Pipeline", "A.Providers.Client -> A.Pipeline.Failure");
        graph.Add("A.Triggers", "A.Pipeline", "A.Triggers.T -> A.Pipeline.Store");

        var cycles = graph.Cycles();

        var cycle = Assert.Single(cycles);
        Assert.Equal(["A.Pipeline", "A.Providers"], cycle.Order(StringComparer.Ordinal));
        Assert.Contains("A.Providers.Client -> A.Pipeline.Failure", graph.Describe(cycles), StringComparison.Ordinal);
    }

    /// <summary>Namespace → namespace edges of one assembly's own types, with one example reference per edge.</summary>
    internal sealed class NamespaceGraph
    {
        private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

        public static NamespaceGraph Read(string path)
        {
            var graph = new NamespaceGraph();
            using var module = ModuleDefinition.ReadModule(path);
            var own = module.Assembly.Name.Name;
            foreach (var type in module.GetTypes())
            {
                var from = NamespaceOf(type);
                if (Generated(from))
                {
                    continue;
                }

                foreach (var used in Referenced(type))
                {
                    if (used.Scope is ModuleDefinition m && m.Assembly.Name.Name == own && NamespaceOf(used) is var to && to.Length > 0 && from.Length > 0 && to != from && !Generated(to))
                    {
                        graph.Add(from, to, $"{Outer(type).FullName} -> {Outer(used).FullName}");
                    }
                }
            }

            return graph;
        }

        public void Add(string from, string to, string example)
        {
            if (!_edges.TryGetValue(from, out var targets))
            {
                _edges[from] = targets = new(StringComparer.Ordinal);
            }

            targets.TryAdd(to, example);
        }

        /// <summary>Strongly connected components of more than one namespace (Tarjan).</summary>
        public List<HashSet<string>> Cycles()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<HashSet<string>>();
            var next = 0;

            void Visit(string v)
            {
                index[v] = low[v] = next++;
                stack.Push(v);
                onStack.Add(v);
                foreach (var w in _edges.TryGetValue(v, out var t) ? t.Keys : Enumerable.Empty<string>())
                {
                    if (!index.TryGetValue(w, out var wIndex))
                    {
                        Visit(w);
                        low[v] = Math.Min(low[v], low[w]);
                    }
                    else if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], wIndex);
                    }
                }

                if (low[v] == index[v])
                {
                    var component = new HashSet<string>(StringComparer.Ordinal);
                    string w;
                    do
                    {
                        w = stack.Pop();
                        onStack.Remove(w);
                        component.Add(w);
                    }
                    while (w != v);
                    if (component.Count > 1)
                    {
                        result.Add(component);
                    }
                }
            }

            foreach (var v in _edges.Keys.Order(StringComparer.Ordinal).ToList())
            {
                if (!index.ContainsKey(v))
                {
                    Visit(v);
                }
            }

            return result;
        }

        public string Describe(List<HashSet<string>> cycles)
        {
            var text = new StringBuilder($"{cycles.Count} namespace cycle(s):");
            foreach (var cycle in cycles)
            {
                text.AppendLine().Append("  ").AppendJoin(" <-> ", cycle.Order(StringComparer.Ordinal)).Append(':');
                foreach (var from in cycle.Order(StringComparer.Ordinal))
                {
                    foreach (var (to, example) in _edges[from].Where(e => cycle.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
                    {
                        text.AppendLine().Append($"    {from} -> {to}   e.g. {example}");
                    }
                }
            }

            return text.ToString();
        }

        /// <summary>One line per namespace: what it depends on.</summary>
        public override string ToString() => string.Join(
            Environment.NewLine,
            _edges.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} -> {string.Join(", ", e.Value.Keys.Order(StringComparer.Ordinal))}"));

        // Source generators put their types in the assembly under framework namespaces (e.g. the regex generator's).
        private static bool Generated(string ns) => ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal);

        private static string NamespaceOf(TypeReference type) => Outer(type).Namespace;

        private static TypeReference Outer(TypeReference type)
        {
            while (type.DeclaringType is { } parent)
            {
                type = parent;
            }

            return type;
        }

        private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
        {
            IEnumerable<TypeReference> Expand(TypeReference? t)
            {
                switch (t)
                {
                    case null:
                        yield break;
                    case GenericInstanceType g:
                        yield return g.ElementType;
                        foreach (var a in g.GenericArguments.SelectMany(Expand))
                        {
                            yield return a;
                        }

                        break;
                    case TypeSpecification s:
                        foreach (var e in Expand(s.ElementType))
                        {
                            yield return e;
                        }

                        break;
                    case GenericParameter:
                        yield break;
                    default:
                        yield return t;
                        break;
                }
            }

            IEnumerable<TypeReference> Attributes(ICustomAttributeProvider p) => p.CustomAttributes.SelectMany(a =>
                Expand(a.AttributeType).Concat(a.ConstructorArguments.Select(c => c.Value).OfType<TypeReference>().SelectMany(Expand)));

            foreach (var t in Expand(type.BaseType).Concat(type.Interfaces.SelectMany(i => Expand(i.InterfaceType))).Concat(Attributes(type)))
            {
                yield return t;
            }

            foreach (var field in type.Fields)
            {
                foreach (var t in Expand(field.FieldType).Concat(Attributes(field)))
                {
                    yield return t;
                }
            }

            foreach (var property in type.Properties)
            {
                foreach (var t in Expand(property.PropertyType).Concat(Attributes(property)))
                {
                    yield return t;
                }
            }

            foreach (var method in type.Methods)
            {
                foreach (var t in Expand(method.ReturnType).Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType).Concat(Attributes(p)))).Concat(Attributes(method)))
                {
                    yield return t;
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var local in method.Body.Variables)
                {
                    foreach (var t in Expand(local.VariableType))
                    {
                        yield return t;
                    }
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    var operand = instruction.Operand switch
                    {
                        TypeReference t => Expand(t),
                        MethodReference m => Expand(m.DeclaringType).Concat(Expand(m.ReturnType)).Concat(m.Parameters.SelectMany(p => Expand(p.ParameterType)))
                            .Concat(m is GenericInstanceMethod gm ? gm.GenericArguments.SelectMany(Expand) : []),
                        FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
                        _ => [],
                    };
                    foreach (var t in operand)
                    {
                        yield return t;
                    }
                }
            }
        }
    }
}
