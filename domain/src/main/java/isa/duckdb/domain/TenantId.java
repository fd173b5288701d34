package isa.duckdb.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The owner of databases: a user, or an organization when the id starts with {@code org-}.
 * Knows the bucket naming rules of the wire contract.
 */
public record TenantId(String id) {
    private static final int MAX_ID_LENGTH = 256;
    private static final int MAX_BUCKET_LENGTH = 63;
    private static final int HASH_CHARS = 8;
    /** The caller-bucket name of a tenant's database bucket ({@code user-{id}-duckdb}). */
    public static final String DATABASE_BUCKET_SUFFIX = "duckdb";

    public TenantId {
        if (id == null || id.isBlank()) {
            throw new ServiceException(ErrorKind.PERMISSION_DENIED, "user_id is required");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw ServiceException.invalid("user_id is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw ServiceException.invalid("user_id contains control characters");
        }
    }

    public static TenantId of(String userId) {
        return new TenantId(userId);
    }

    public boolean isOrganization() {
        return id.startsWith("org-");
    }

    /** {@code user-{s}-duckdb} for users, {@code {s}-duckdb} for organizations. */
    public String databaseBucket() {
        return namespacedBucket(DATABASE_BUCKET_SUFFIX);
    }

    /** A bucket a caller names in import/export calls, placed inside this tenant's namespace. */
    public String namespacedBucket(String callerBucket) {
        String prefix = isOrganization() ? sanitize(id) : "user-" + sanitize(id);
        return shorten(prefix + "-" + sanitize(callerBucket));
    }

    static String sanitize(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
            out.append(allowed ? c : '-');
        }
        return out.toString();
    }

    private static String shorten(String bucket) {
        if (bucket.length() <= MAX_BUCKET_LENGTH) {
            return bucket;
        }
        String hash = sha256Hex(bucket).substring(0, HASH_CHARS);
        String head = bucket.substring(0, MAX_BUCKET_LENGTH - HASH_CHARS - 1);
        return head + "-" + hash;
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
