package dev.signoff.cli;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.storage.FolderStorage;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.storage.S3Storage;
import picocli.CommandLine.Option;

/** Where the versions' files live: the data directory, or an S3-compatible bucket (a picocli mixin for serve and watch). */
final class ObjectStorageOptions {
    @Option(names = "--storage", paramLabel = "URL",
            description = {"Keep originals, listening previews and waveforms in an S3-compatible bucket instead of the data directory:",
                    "s3://bucket or s3://bucket/prefix. Credentials as the AWS tools find them: AWS_ACCESS_KEY_ID and",
                    "AWS_SECRET_ACCESS_KEY (AWS_SESSION_TOKEN), AWS_PROFILE and ~/.aws/credentials, or an instance role."})
    String url;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "The store's address for MinIO, Ceph, Garage and other S3-compatible stores, e.g. http://minio.lan:9000 (default: AWS S3).")
    String endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "The bucket's region (default: AWS_REGION, else us-east-1).")
    String region;

    /** The bucket named, or null for the data directory; a one-line error for options that do not fit. */
    S3Storage.Location bucket() {
        if ((endpoint != null || region != null) && url == null)
            throw new IllegalArgumentException((endpoint != null ? "--s3-endpoint" : "--s3-region") + " needs --storage s3://bucket (the bucket to keep the audio in)");
        return url == null ? null : S3Storage.Location.parse(url, endpoint, region != null ? region : System.getenv("AWS_REGION"));
    }

    /** The storage chosen, connected (the bucket is checked at once, with a one-line error when it cannot be reached). */
    static MediaStorage open(S3Storage.Location bucket, DataDirectory dir) {
        return bucket == null ? new FolderStorage(dir) : S3Storage.connect(bucket, dir.uploads());
    }
}
