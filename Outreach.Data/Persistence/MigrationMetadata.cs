using System.Reflection;
using System.Reflection.Metadata;

namespace Outreach.Data.Persistence;

/// <summary>
/// The ids of the migrations compiled into an assembly, read off its metadata — the <c>[Migration("…")]</c> on each
/// migration class — without loading a type. Reflection over the types would load every type of Outreach.Data (the
/// compiled model's included) and EF Core's assemblies: about 20 ms of a read verb's 0.4 s, for a list of strings.
/// </summary>
internal static class MigrationMetadata
{
    // Spelled out, not typeof(MigrationAttribute).Namespace: that would load EF Core's assembly, which this avoids.
    private const string AttributeNamespace = "Microsoft.EntityFrameworkCore.Migrations";
    private const string AttributeName = "MigrationAttribute";

    /// <summary>The id of every class of <paramref name="assembly"/> that carries the migration attribute, in metadata order.</summary>
    public static unsafe List<string> IdsIn(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!assembly.TryGetRawMetadata(out var blob, out var length))
        {
            throw new InvalidOperationException($"The metadata of {assembly.GetName().Name} cannot be read.");
        }

        var reader = new MetadataReader(blob, length);
        var ids = new List<string>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            foreach (var attributeHandle in reader.GetTypeDefinition(typeHandle).GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(attributeHandle);
                if (IsMigrationAttribute(reader, attribute.Constructor))
                {
                    // A custom attribute's value: the prolog (0x0001), then the constructor's one string argument.
                    var value = reader.GetBlobReader(attribute.Value);
                    value.ReadUInt16();
                    ids.Add(value.ReadSerializedString() ?? throw new InvalidOperationException("A migration attribute has no id."));
                }
            }
        }

        return ids;
    }

    // The attribute is EF Core's, so its constructor is a reference into another assembly: a member of a type reference.
    private static bool IsMigrationAttribute(MetadataReader reader, EntityHandle constructor)
    {
        if (constructor.Kind != HandleKind.MemberReference)
        {
            return false;
        }

        var parent = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var type = reader.GetTypeReference((TypeReferenceHandle)parent);
        return reader.StringComparer.Equals(type.Name, AttributeName) && reader.StringComparer.Equals(type.Namespace, AttributeNamespace);
    }
}
