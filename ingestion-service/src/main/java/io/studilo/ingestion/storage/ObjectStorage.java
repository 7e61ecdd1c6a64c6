package io.studilo.ingestion.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.studilo.ingestion.IngestionProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one client of object storage (MinIO in production, S3Proxy on one machine): the same MinIO SDK calls
 * everywhere. Originals are keyed {@code <ownerId>/<documentId>}; the key never contains the file name.
 */
@Component
public class ObjectStorage {

    private final MinioClient client;
    private final String bucket;
    private volatile boolean bucketChecked;

    ObjectStorage(IngestionProperties properties) {
        IngestionProperties.Storage storage = properties.storage();
        this.client = MinioClient.builder()
                .endpoint(storage.endpoint())
                .credentials(storage.accessKey(), storage.secretKey())
                .region(storage.region())
                .build();
        this.bucket = storage.bucket();
    }

    public static String keyOf(UUID ownerId, UUID documentId) {
        return ownerId + "/" + documentId;
    }

    /** Streams {@code content} of known {@code size} to {@code key}; returns the SHA-256 (hex) of what was sent. */
    public String put(String key, InputStream content, long size, String contentType) {
        MessageDigest sha256 = sha256();
        try (DigestInputStream digesting = new DigestInputStream(content, sha256)) {
            ensureBucket();
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(digesting, size, -1)
                    .contentType(contentType)
                    .build());
        } catch (IOException | GeneralSecurityException | io.minio.errors.MinioException e) {
            throw new StorageException("put " + key, e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Copies the object to a local file (the worker reads PDFs from disk so big ones need not fit in memory). */
    public void download(String key, Path target) {
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | GeneralSecurityException | io.minio.errors.MinioException e) {
            throw new StorageException("get " + key, e);
        }
    }

    public boolean exists(String key) {
        try {
            client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())
                    || "NoSuchBucket".equals(e.errorResponse().code())) {
                return false;
            }
            throw new StorageException("stat " + key, e);
        } catch (IOException | GeneralSecurityException | io.minio.errors.MinioException e) {
            throw new StorageException("stat " + key, e);
        }
    }

    /** Removes the object; removing one that is already gone succeeds (deletes are retried). */
    public void delete(String key) {
        try {
            client.removeObject(
                    RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (ErrorResponseException e) {
            if (!"NoSuchKey".equals(e.errorResponse().code())
                    && !"NoSuchBucket".equals(e.errorResponse().code())) {
                throw new StorageException("delete " + key, e);
            }
        } catch (IOException | GeneralSecurityException | io.minio.errors.MinioException e) {
            throw new StorageException("delete " + key, e);
        }
    }

    private void ensureBucket() throws IOException, GeneralSecurityException, io.minio.errors.MinioException {
        if (bucketChecked) {
            return;
        }
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            } catch (ErrorResponseException e) {
                if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())
                        && !"BucketAlreadyExists".equals(e.errorResponse().code())) {
                    throw e;
                }
            }
        }
        bucketChecked = true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Object storage failed, refused or could not be reached; the caller answers 503 or lets the job retry. */
    public static class StorageException extends RuntimeException {
        StorageException(String operation, Exception cause) {
            super("Object storage failed to " + operation, cause);
        }
    }
}
