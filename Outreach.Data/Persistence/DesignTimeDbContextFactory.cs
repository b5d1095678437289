using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Outreach.Data.Persistence;

/// <summary>
/// Used only by <c>dotnet ef migrations add</c> and <c>dotnet ef dbcontext optimize</c>, which need the model built from
/// the configurations (never the compiled one), not a server: the connection string
/// comes from <c>ConnectionStrings__Outreach</c> when set and is otherwise a placeholder that is never opened.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<OutreachDbContext>
{
    /// <inheritdoc />
    public OutreachDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Outreach")
            ?? "Host=127.0.0.1;Database=outreach_design_time";
        var options = new DbContextOptionsBuilder<OutreachDbContext>();
        options.UseOutreachDatabase(OutreachDatabase.CreateDataSource(connectionString), compiledModel: false);
        return new OutreachDbContext(options.Options);
    }
}
