package dev.signoff.server.storage;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The versions' files as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage), under
 * an optional prefix, so instances on other machines share them. Each file is one PUT of the whole
 * file, which the store makes visible only once complete: an upload cut off half-way leaves no
 * object. Range requests are passed on to the store as ranged GETs; the decoders get a temporary
 * copy in the data directory's uploads/ folder.
 */
public final class S3Storage implements MediaStorage {
    /** The most one PUT may carry, and so the largest version this storage keeps. */
    public static final long MAX_OBJECT_BYTES = 5L << 30;
    private static final int MAX_SIZES = 4096;

    /** Where the objects go: bucket, key prefix ("" or ending in '/'), and the store's address (null: AWS). */
    public record Location(String bucket, String prefix, String endpoint, String region) {
        /** {@code s3://bucket[/prefix]}, or a one-line reason it is not one. */
        public static Location parse(String url, String endpoint, String region) {
            String problem = "--storage must be s3://bucket or s3://bucket/prefix (got '" + url + "')";
            if (!url.startsWith("s3://")) throw new IllegalArgumentException(problem);
            String rest = url.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) throw new IllegalArgumentException(problem
                    + ": a bucket name is 3-63 lower-case letters, digits, dots and hyphens");
            if (endpoint != null) {
                String notAnAddress = "--s3-endpoint must be an http:// or https:// address (got '" + endpoint + "')";
                URI u;
                try {
                    u = new URI(endpoint);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException(notAnAddress);
                }
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) throw new IllegalArgumentException(notAnAddress);
            }
            return new Location(bucket, prefix.isEmpty() ? "" : prefix + "/", endpoint, region);
        }

        @Override public String toString() { return "s3://" + bucket + "/" + prefix + (endpoint == null ? "" : " at " + endpoint); }
    }

    private final Location location;
    private final S3Client client;
    private final Path scratch;
    private final Map<String, Long> sizes = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) { return size() > MAX_SIZES; }
    };

    private S3Storage(Location location, S3Client client, Path scratch) {
        this.location = location;
        this.client = client;
        this.scratch = scratch;
    }

    /** With credentials found as the AWS tools find them: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws, an instance role. */
    public static S3Storage connect(Location location, Path scratch) {
        return connect(location, DefaultCredentialsProvider.builder().build(), scratch);
    }

    /**
     * Connects and checks the bucket can be reached, or throws {@link IllegalStateException} with
     * one line saying why.
     *
     * @param scratch a folder on the local disk for the decoders' temporary copies
     */
    public static S3Storage connect(Location location, AwsCredentialsProvider credentials, Path scratch) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .credentialsProvider(credentials)
                .region(Region.of(location.region() == null ? "us-east-1" : location.region()))
                // Checksums only where S3 requires them: stores other than AWS do not all read the trailing ones.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (location.endpoint() != null) builder.endpointOverride(URI.create(location.endpoint())).forcePathStyle(true);
        S3Client client = builder.build();
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
        } catch (SdkException e) {
            client.close();
            throw new IllegalStateException("object storage: cannot reach " + location + " (" + reason(e) + ")");
        }
        return new S3Storage(location, client, scratch);
    }

    @Override public String describe() { return location.toString(); }

    @Override public void put(String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_OBJECT_BYTES) throw new IOException("a file over 5 GB cannot be stored in object storage");
        try {
            client.putObject(b -> b.bucket(location.bucket()).key(location.prefix() + key).contentLength(size), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failed("storing", key, e);
        }
        Files.deleteIfExists(file);
    }

    @Override public long size(String key) throws IOException {
        synchronized (sizes) {
            Long known = sizes.get(key);
            if (known != null) return known;
        }
        long size;
        try {
            size = client.headObject(b -> b.bucket(location.bucket()).key(location.prefix() + key)).contentLength();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) throw new NoSuchFileException(key);
            throw failed("reading", key, e);
        } catch (SdkException e) {
            throw failed("reading", key, e);
        }
        synchronized (sizes) {
            sizes.put(key, size);
        }
        return size;
    }

    @Override public void transfer(String key, long first, long length, Sink out) throws IOException {
        if (length == 0) return;
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(location.bucket()).key(location.prefix() + key)
                .range("bytes=" + first + "-" + (first + length - 1)))) {
            copy(in, length, out);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw failed("reading", key, e);
        }
    }

    private static void copy(InputStream in, long length, Sink out) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new IOException("the object store sent " + (length - left) + " of " + length + " bytes");
            out.write(ByteBuffer.wrap(buf, 0, n));
            left -= n;
        }
    }

    @Override public LocalCopy local(String key) throws IOException {
        String name = key.substring(key.lastIndexOf('/') + 1);
        Path copy = scratch.resolve(UUID.randomUUID() + name.substring(Math.max(0, name.lastIndexOf('.'))));
        try {
            client.getObject(b -> b.bucket(location.bucket()).key(location.prefix() + key), copy);
            return new LocalCopy(copy, true);
        } catch (NoSuchKeyException e) {
            Files.deleteIfExists(copy);
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            Files.deleteIfExists(copy);
            throw failed("reading", key, e);
        }
    }

    @Override public void delete(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(location.prefix() + key));
        } catch (SdkException e) {
            throw failed("removing", key, e);
        }
        synchronized (sizes) {
            sizes.remove(key);
        }
    }

    @Override public List<Stored> list(String prefix) throws IOException {
        List<Stored> out = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.prefix() + prefix)).contents())
                out.add(new Stored(o.key().substring(location.prefix().length()), o.lastModified().toEpochMilli()));
        } catch (SdkException e) {
            throw failed("listing", prefix, e);
        }
        return out;
    }

    /**
     * The store's error as an IOException, so it fails a request or a job as a disk error would; no
     * answer at all, or a 5xx (down, overloaded), is {@link StorageUnavailable}.
     */
    private IOException failed(String doing, String key, SdkException e) {
        String message = doing + " " + key + " in " + location + " failed: " + reason(e);
        boolean unavailable = e instanceof SdkClientException || (e instanceof S3Exception s && s.statusCode() >= 500);
        return unavailable ? new StorageUnavailable(message, e) : new IOException(message, e);
    }

    private static String reason(SdkException e) {
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return "HTTP " + s.statusCode() + (code == null ? "" : " " + code);
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override public void close() { client.close(); }
}
