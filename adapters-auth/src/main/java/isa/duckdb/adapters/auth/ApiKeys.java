package isa.duckdb.adapters.auth;

import isa.duckdb.domain.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys from a file ({@code ISA_CLOUD_STORAGE_DUCKDB_AUTH_API_KEYS}), one per line:
 * {@code <sha256 hex of the key> <principal> <tenant>[,<tenant>…]} ({@code *} for any tenant); blank lines and
 * lines starting with {@code #} are ignored. Keys are compared by their SHA-256 in constant time against every
 * line. The file is read again when it changes; a changed file that does not parse keeps the last good keys (and
 * says so in the log, with the line number, never a key or hash).
 */
final class ApiKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

    private record Entry(byte[] hash, String principal, List<String> tenants) {
    }

    private final ChangedFile file;
    private volatile List<Entry> entries = List.of();

    /** Reads the file now; IllegalArgumentException naming the line when it does not parse (a start-up error). */
    ApiKeys(ChangedFile file) {
        this.file = file;
        try {
            if (file.changed()) {
                entries = parse(Files.readAllLines(file.path(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the API keys file cannot be read", e);
        }
    }

    /** The key's principal, if a line holds its hash. */
    Optional<Principal> find(String key) {
        reloadIfChanged();
        byte[] hash = sha256(key);
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash) && match == null) {
                match = entry;
            }
        }
        return Optional.ofNullable(match).map(e -> Principal.apiKey(e.principal(), e.tenants()));
    }

    private void reloadIfChanged() {
        try {
            if (file.changed()) {
                entries = parse(Files.readAllLines(file.path(), StandardCharsets.UTF_8));
                LOG.info("API keys file re-read: {} key(s)", entries.size());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The changed API keys file could not be used ({}); the previous keys stay in force", e.getMessage());
        }
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 3 || !HASH.matcher(fields[0]).matches()) {
                throw new IllegalArgumentException("API keys file line " + (i + 1)
                        + ": expected '<sha256 hex> <principal> <tenant>[,<tenant>...]'");
            }
            List<String> tenants = Arrays.stream(fields[2].split(",")).map(String::strip).filter(t -> !t.isEmpty())
                    .toList();
            if (tenants.isEmpty()) {
                throw new IllegalArgumentException("API keys file line " + (i + 1) + ": no tenant listed");
            }
            parsed.add(new Entry(HexFormat.of().parseHex(fields[0].toLowerCase(java.util.Locale.ROOT)), fields[1],
                    tenants));
        }
        return List.copyOf(parsed);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
