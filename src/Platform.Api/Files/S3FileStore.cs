using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Platform.Api.Files;

/// <summary>
/// Any S3-compatible store (Cloudflare R2 first; AWS S3 and MinIO by configuration): the browser uploads with a
/// presigned PUT and downloads with a presigned GET, straight to and from the store.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly S3Options options;
    private readonly FilesOptions files;

    public S3FileStore(S3Options options, FilesOptions files)
    {
        (this.options, this.files) = (options, files);
        client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            AuthenticationRegion = options.Region,
            ForcePathStyle = options.ForcePathStyle,
            // R2 and other S3-compatible stores reject or ignore the SDK's newer default checksums (aws-chunked trailers).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 2,
        });
    }

    public string Name => "s3";

    /// <summary>S3 cannot cap a presigned PUT's size: <c>completeFileUpload</c> checks the stored size and refuses it.</summary>
    public FileUploadTarget UploadTarget(string key, string contentType, long maxBytes)
    {
        var expires = SignerNow.Add(files.UploadLifetime);
        var url = client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket, Key = key, Verb = HttpVerb.PUT, ContentType = contentType, Expires = expires.UtcDateTime, Protocol = Protocol,
        });
        return new FileUploadTarget(url, new Dictionary<string, string> { ["Content-Type"] = contentType }, expires);
    }

    public string DownloadUrl(string key, string contentType, FileCaching caching)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket, Key = key, Verb = HttpVerb.GET, Expires = SignerNow.Add(files.DownloadLifetime).UtcDateTime, Protocol = Protocol,
        };
        // Only the type is overridden: a presigned URL is reachable only by whoever holds it, and the store (or the CDN on
        // its custom domain) sets the caching; see the README. Caching is decided per URL by the local store alone.
        request.ResponseHeaderOverrides.ContentType = contentType;
        return client.GetPreSignedURL(request);
    }

    public async Task<StoredObject?> Inspect(string key, CancellationToken cancellation)
    {
        try
        {
            var metadata = await client.GetObjectMetadataAsync(options.Bucket, key, cancellation);
            if (metadata.ContentLength == 0) return new StoredObject(0, []);
            using var start = await client.GetObjectAsync(new GetObjectRequest { BucketName = options.Bucket, Key = key, ByteRange = new ByteRange(0, 15) }, cancellation);
            using var head = new MemoryStream();
            await start.ResponseStream.CopyToAsync(head, cancellation);
            return new StoredObject(metadata.ContentLength, head.ToArray()[..Math.Min(16, (int)head.Length)]);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<byte[]> Read(string key, CancellationToken cancellation)
    {
        using var response = await client.GetObjectAsync(options.Bucket, key, cancellation);
        using var content = new MemoryStream();
        await response.ResponseStream.CopyToAsync(content, cancellation);
        return content.ToArray();
    }

    public Task Write(string key, byte[] content, string contentType, CancellationToken cancellation) =>
        client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket, Key = key, InputStream = new MemoryStream(content), ContentType = contentType, UseChunkEncoding = false,
        }, cancellation);

    public Task Delete(string key, CancellationToken cancellation) => client.DeleteObjectAsync(options.Bucket, key, cancellation);

    /// <summary>The SDK signs with its own clock (X-Amz-Date): a presigned URL's lifetime must count from that clock.</summary>
    private static DateTimeOffset SignerNow => Amazon.Util.AWSSDKUtils.CorrectedUtcNow;

    private Protocol Protocol => options.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS;

    public void Dispose() => client.Dispose();
}
