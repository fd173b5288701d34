package isa.duckdb.domain;

import java.nio.charset.StandardCharsets;

/** An object key a caller names: relative, inside its bucket, never climbing out of it. */
public record ObjectKey(String value) {
    private static final int MAX_BYTES = 1024;

    public ObjectKey {
        if (value == null || value.isEmpty()) {
            throw ServiceException.invalid("object_key is required");
        }
        if (value.startsWith("/") || value.contains("\\") || value.indexOf('\0') >= 0
                || value.chars().anyMatch(Character::isISOControl)) {
            throw ServiceException.invalid("object_key '" + SafeText.quote(value) + "' must be a relative key without"
                    + " backslashes or control characters");
        }
        String framed = "/" + value + "/";
        if (framed.contains("/../") || framed.contains("/./") || framed.contains("//")) {
            throw ServiceException.invalid("object_key '" + SafeText.quote(value) + "' may not contain '.', '..' or"
                    + " empty path segments");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ServiceException.invalid("object_key is longer than " + MAX_BYTES + " bytes");
        }
    }

    public static ObjectKey of(String value) {
        return new ObjectKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
