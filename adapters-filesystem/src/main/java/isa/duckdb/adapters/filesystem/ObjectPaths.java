package isa.duckdb.adapters.filesystem;

import isa.duckdb.domain.ServiceException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maps bucket names and object keys to paths below the root, and rejects every name that could
 * leave its bucket folder. Error messages name the bucket or key, never a path.
 */
final class ObjectPaths {

    /** Files whose name starts with this are uploads in progress: never objects. */
    static final String TEMP_PREFIX = ".upload-";

    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final int MAX_KEY_LENGTH = 1024;

    private final Path root;

    ObjectPaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path bucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw ServiceException.invalid("invalid bucket name '" + printable(bucket) + "'");
        }
        Path folder = root.resolve(bucket).normalize();
        if (!folder.getParent().equals(root)) {
            throw ServiceException.invalid("invalid bucket name '" + printable(bucket) + "'");
        }
        return folder;
    }

    Path object(String bucket, String key) {
        Path folder = bucket(bucket);
        checkKey(key);
        try {
            Path relative = Path.of(key);
            Path file = folder.resolve(relative).normalize();
            if (relative.isAbsolute() || !file.startsWith(folder) || file.equals(folder)) {
                throw invalidKey(key);
            }
            return file;
        } catch (InvalidPathException e) {
            throw invalidKey(key);
        }
    }

    /** The key of a file below {@code folder}, with '/' between its parts. */
    static String keyOf(Path folder, Path file) {
        StringBuilder key = new StringBuilder();
        for (Path part : folder.relativize(file)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH
                || key.startsWith("/") || key.contains("..") || key.indexOf('\\') >= 0
                || key.indexOf('\0') >= 0) {
            throw invalidKey(key);
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.startsWith(TEMP_PREFIX)) {
                throw invalidKey(key);
            }
        }
    }

    private static ServiceException invalidKey(String key) {
        return ServiceException.invalid("invalid object key '" + printable(key) + "'");
    }

    /** The name as it may appear in a message: control characters replaced, length bounded. */
    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        String cut = name.length() > 200 ? name.substring(0, 200) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
