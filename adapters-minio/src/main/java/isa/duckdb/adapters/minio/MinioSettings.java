package isa.duckdb.adapters.minio;

import java.time.Duration;

/**
 * Where MinIO is and how to talk to it.
 * @param endpoint {@code host:port} or a URL
 * @param callTimeout the longest one HTTP exchange may take (large transfers stream within it)
 */
public record MinioSettings(String endpoint, String accessKey, String secretKey, boolean useSsl, String region,
        Duration connectTimeout, Duration callTimeout) {

    public static MinioSettings of(String endpoint, String accessKey, String secretKey, boolean useSsl) {
        return new MinioSettings(endpoint, accessKey, secretKey, useSsl, "us-east-1", Duration.ofSeconds(5),
                Duration.ofMinutes(10));
    }

    /** The endpoint as a URL, with the scheme that {@code useSsl} asks for when none is given. */
    String url() {
        if (endpoint.startsWith("http://") || endpoint.startsWith("https://")) {
            return endpoint;
        }
        return (useSsl ? "https://" : "http://") + endpoint;
    }

    @Override
    public String toString() {
        return "MinioSettings[endpoint=" + endpoint + ", useSsl=" + useSsl + ", credentials=<hidden>]";
    }
}
