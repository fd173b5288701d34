package isa.duckdb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * The cold open of a large database from S3: a service on S3Proxy creates a database of about
 * the asked size and stops (its final sync uploads it); then, per round, a fresh service (empty
 * working folder, same S3) answers its first query on that database, and the bench client
 * downloads the same object with one plain HTTP GET (AWS signature V2) to a local file.
 */
final class S3ColdOpen {
    /** Sizes and best times of the two; {@code firstQueryNanos} includes download and open. */
    record Result(long objectBytes, long firstQueryNanos, long warmQueryNanos, long rawGetNanos) {
    }

    private static final String DATABASE = "cold_open";

    private S3ColdOpen() {
    }

    static Result run(Path jar, String xmx, Path workDirectory, long megabytes, int rounds) throws Exception {
        try (LocalS3 s3 = LocalS3.start(workDirectory.resolve("s3"))) {
            Map<String, String> environment = Map.of(
                    "ISA_CLOUD_STORAGE_MINIO_ENDPOINT", s3.endpoint(),
                    "ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY", LocalS3.ACCESS_KEY,
                    "ISA_CLOUD_STORAGE_MINIO_SECRET_KEY", LocalS3.SECRET_KEY,
                    "ISA_CLOUD_STORAGE_MINIO_USE_SSL", "false");
            try (ServiceProcess writer = ServiceProcess.start(jar, xmx, workDirectory.resolve("work-load"), environment,
                    workDirectory.resolve("service-s3-load.log"));
                 ServiceContender client = new ServiceContender("127.0.0.1", writer.port(), DATABASE, null)) {
                client.createDatabase();
                client.statement("CREATE TABLE big AS " + Lineitem.incompressibleSql(megabytes << 20));
                int exit = writer.stop(600);
                if (exit != 0) {
                    throw new IllegalStateException("the loading service exited with " + exit + " (its final sync failed)");
                }
            }
            String[] object = largestObject(s3);
            long objectBytes = Long.parseLong(object[2]);
            long bestCold = Long.MAX_VALUE;
            long bestWarm = Long.MAX_VALUE;
            long bestGet = Long.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                bestGet = Math.min(bestGet, rawGet(s3.endpoint(), object[0], object[1], workDirectory.resolve("raw-get.duckdb")));
                Path work = workDirectory.resolve("work-cold-" + round);
                try (ServiceProcess reader = ServiceProcess.start(jar, xmx, work, environment,
                        workDirectory.resolve("service-s3-cold-" + round + ".log"));
                     ServiceContender client = new ServiceContender("127.0.0.1", reader.port(), DATABASE, null)) {
                    long start = System.nanoTime();
                    client.query("SELECT count(*) FROM big");
                    bestCold = Math.min(bestCold, System.nanoTime() - start);
                    start = System.nanoTime();
                    client.query("SELECT count(*) FROM big");
                    bestWarm = Math.min(bestWarm, System.nanoTime() - start);
                    reader.stop(600);
                }
            }
            return new Result(objectBytes, bestCold, bestWarm, bestGet);
        }
    }

    /** Bucket, key and size of the largest object (the database file). */
    private static String[] largestObject(LocalS3 s3) {
        String[] largest = null;
        long size = -1;
        for (StorageMetadata bucket : s3.blobStore().list()) {
            for (StorageMetadata blob : s3.blobStore().list(bucket.getName(), ListContainerOptions.Builder.recursive())) {
                Long blobSize = blob.getSize();
                if (blobSize != null && blobSize > size) {
                    size = blobSize;
                    largest = new String[] {bucket.getName(), blob.getName(), Long.toString(blobSize)};
                }
            }
        }
        if (largest == null) {
            throw new IllegalStateException("no object in S3 after the loading service stopped");
        }
        return largest;
    }

    /** GETs {@code bucket/key} into {@code target}; answers the nanoseconds taken. */
    static long rawGet(String endpoint, String bucket, String key, Path target) throws Exception {
        String resource = "/" + bucket + "/" + encodePath(key);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(LocalS3.SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(("GET\n\n\n" + date + "\n" + resource).getBytes(StandardCharsets.UTF_8)));
        long start = System.nanoTime();
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + endpoint + resource).toURL().openConnection();
        connection.setRequestProperty("Date", date);
        connection.setRequestProperty("Authorization", "AWS " + LocalS3.ACCESS_KEY + ":" + signature);
        try {
            if (connection.getResponseCode() != 200) {
                throw new IOException("GET " + resource + " answered " + connection.getResponseCode());
            }
            try (InputStream body = connection.getInputStream()) {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return System.nanoTime() - start;
        } finally {
            connection.disconnect();
            Files.deleteIfExists(target);
        }
    }

    private static String encodePath(String key) {
        StringBuilder encoded = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (encoded.length() > 0) {
                encoded.append('/');
            }
            encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return encoded.toString();
    }
}
