package isa.duckdb.adapters.auth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** Where a JWKS comes from: an {@code https://} URL (fetched with nimbus's retriever) or a file path. */
final class JwksSources {
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT_BYTES = 1024 * 1024;

    private JwksSources() {
    }

    /**
     * @param location an {@code https://} URL or a file path; {@code http://} is refused (keys must not be
     *     replaceable on the way), IllegalArgumentException saying so
     */
    static SigningKeys.Source of(String location, Clock clock) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            URL url = toUrl(location);
            DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS,
                    SIZE_LIMIT_BYTES);
            return () -> Optional.of(retriever.retrieveResource(url).getContent());
        }
        if (lower.contains("://")) {
            throw new IllegalArgumentException("the JWKS must be an https:// URL or a file path");
        }
        ChangedFile file = new ChangedFile(Path.of(location), clock);
        return () -> file.changed()
                ? Optional.of(Files.readString(file.path(), StandardCharsets.UTF_8))
                : Optional.empty();
    }

    private static URL toUrl(String location) {
        try {
            return URI.create(location).toURL();
        } catch (Exception e) {
            throw new IllegalArgumentException("the JWKS URL is not a valid URL", e);
        }
    }
}
