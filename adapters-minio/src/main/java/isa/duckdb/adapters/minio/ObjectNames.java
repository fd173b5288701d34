package isa.duckdb.adapters.minio;

import isa.duckdb.domain.ServiceException;

/** Refuses bucket names and keys that S3 would reject or read as something else. */
final class ObjectNames {
    private static final int MAX_KEY_BYTES = 1024;

    private ObjectNames() {
    }

    static void checkBucket(String bucket) {
        if (bucket == null || bucket.length() < 3 || bucket.length() > 63
                || !bucket.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]")) {
            throw ServiceException.invalid("bucket name '" + bucket + "' is not a valid S3 bucket name");
        }
    }

    static void check(String bucket, String key) {
        checkBucket(bucket);
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("\0")
                || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES
                || ("/" + key + "/").contains("/../") || ("/" + key + "/").contains("/./")) {
            throw ServiceException.invalid("object key is empty, absolute, too long or climbs out of its bucket");
        }
    }
}
