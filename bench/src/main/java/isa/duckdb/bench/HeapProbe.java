package isa.duckdb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Samples another JVM's heap with {@code jstat -gc PID INTERVAL} (the JDK's tool) while it runs:
 * heap used = survivor + eden + old generation used (S0U+S1U+EU+OU), old generation used = OU.
 * Keeps the peaks of both, in KiB.
 */
public final class HeapProbe implements AutoCloseable {
    private final Process jstat;
    private final Thread reader;
    private volatile long peakUsedKib;
    private volatile long peakOldKib;
    private volatile int samples;

    private HeapProbe(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "jstat-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts sampling process {@code pid} every {@code intervalMillis}. */
    public static HeapProbe start(long pid, int intervalMillis) throws IOException {
        return new HeapProbe(new ProcessBuilder(List.of("jstat", "-gc", Long.toString(pid), Integer.toString(intervalMillis)))
                .redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 0 && fields[0].equals("S0C")) {
                    header = Arrays.asList(fields);
                } else if (header != null && fields.length == header.size()) {
                    accept(header, fields);
                }
            }
        } catch (IOException | RuntimeException ended) {
            // jstat ended or printed something else: keep what was sampled
        }
    }

    private void accept(List<String> header, String[] fields) {
        double used = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            used += number(fields[header.indexOf(column)]);
        }
        long old = (long) number(fields[header.indexOf("OU")]);
        peakUsedKib = Math.max(peakUsedKib, (long) used);
        peakOldKib = Math.max(peakOldKib, old);
        samples++;
    }

    private static double number(String field) {
        return Double.parseDouble(field.replace(',', '.'));
    }

    /** Highest heap used seen, KiB. */
    public long peakUsedKib() {
        return peakUsedKib;
    }

    /** Highest old generation used seen, KiB. */
    public long peakOldKib() {
        return peakOldKib;
    }

    /** Samples read. */
    public int samples() {
        return samples;
    }

    /** Stops sampling and waits (up to 5 s) for the last sample to be read. */
    public void stop() {
        jstat.destroy();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
