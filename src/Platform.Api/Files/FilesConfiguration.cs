using GraphQL.Types;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Projections.Files;

namespace Platform.Api.Files;

/// <summary>Files: the storage port (local disk, or an S3-compatible store), uploads in two steps, image processing on a durable queue.</summary>
public static class FilesConfiguration
{
    public static WebApplicationBuilder AddFiles(this WebApplicationBuilder builder)
    {
        RenamedSettings.Refuse(builder.Configuration, ("S3:AccessKeyId", "S3__AccessKey"), ("S3:SecretAccessKey", "S3__SecretKey"));
        var options = builder.Configuration.GetSection("Files").Get<FilesOptions>() ?? new FilesOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(builder.Configuration.GetSection("S3").Get<S3Options>() ?? new S3Options());
        builder.Services.AddSingleton<LocalFileStore>();
        builder.Services.AddSingleton<S3FileStore>();
        builder.Services.AddScoped<PostImageLookup>();
        builder.Services.AddSingleton<IFileStore>(Provider(builder.Configuration) switch
        {
            "local" => s => s.GetRequiredService<LocalFileStore>(),
            "s3" => s => s.GetRequiredService<S3FileStore>(),
            var other => throw new InvalidOperationException($"Files__Provider is 'local' or 's3', not '{other}'."),
        });
        builder.Services.ConfigureMarten(marten => marten.AddFileProjections());
        return builder;
    }

    public static string Provider(IConfiguration configuration) =>
        (configuration["Files:Provider"] is { Length: > 0 } provider ? provider : "local").ToLowerInvariant();

    public static void AddFilesQueries(this ObjectGraphType query) => query.AddFileQuery();

    public static void AddFilesMutations(this ObjectGraphType mutation)
    {
        mutation.AddRequestFileUpload();
        mutation.AddCompleteFileUpload();
    }
}
