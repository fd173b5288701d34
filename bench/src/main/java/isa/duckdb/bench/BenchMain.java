package isa.duckdb.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The side-by-side benchmark (issue 11): loads the same lineitem-shaped rows into the service,
 * PostgreSQL and in-process DuckDB, runs every workload on all three interleaved, and prints one
 * table with ratios and the goals, then the server heap under a large stream and a cold
 * open from S3. Started by {@code bash bench/run.sh [rows] [s3-megabytes]}, which provides
 * PostgreSQL; see the README's "Benchmark" section. Exit 0 when every contender delivered the
 * same data and every call worked (goals missed do not fail the run), 1 otherwise.
 */
public final class BenchMain {
    private static final String DATABASE = "lineitem";
    private static final int DUCKDB_THREADS = 2;

    private final Options options;
    private final List<String> failures = new ArrayList<>();

    private BenchMain(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        int status = new BenchMain(Options.parse(args)).run();
        System.exit(status);
    }

    private int run() throws Exception {
        Path work = options.workDirectory();
        Files.createDirectories(work);
        printHeader();
        Measurements measurements = new Measurements();
        List<Report.Line> lines;
        String heapLine;
        ScanResult reference;
        try (BufferAllocator allocator = new RootAllocator();
             ServiceProcess process = ServiceProcess.start(options.serviceJar(), options.serviceXmx(),
                     work.resolve("service-data"), Map.of(), work.resolve("service.log"));
             ServiceContender service = new ServiceContender("127.0.0.1", process.port(), DATABASE, allocator);
             PostgresContender postgres = new PostgresContender(options.postgresHost(), options.postgresPort(),
                     "postgres", options.postgresUser());
             InProcessDuckDb duckdb = new InProcessDuckDb(work.resolve("inprocess.duckdb"), DUCKDB_THREADS, allocator)) {
            System.out.printf(Locale.ROOT, "versions: DuckDB %s (in-process and in the service), PostgreSQL %s, pgjdbc %s%n",
                    duckdb.version(), postgres.version(), org.postgresql.util.DriverInfo.DRIVER_VERSION);
            load(service, postgres, duckdb);
            Contender[] contenders = {service, postgres, duckdb};
            Workloads warmUp = new Workloads(contenders, options, new Measurements(), failures);
            for (int round = 1; round <= options.warmupRounds(); round++) {
                warmUp.warmUp(round);
            }
            Workloads workloads = new Workloads(contenders, options, measurements, failures);
            for (int round = 1; round <= options.repeats(); round++) {
                workloads.round(round);
            }
            long[] acknowledged = workloads.insertsAcknowledged().clone();
            for (int c = 0; c < acknowledged.length; c++) {
                acknowledged[c] += warmUp.insertsAcknowledged()[c];
            }
            checkInserts(contenders, acknowledged);
            lines = Report.lines(measurements, options.manyReaders(), options.manyWriters());
            reference = workloads.referenceScan();
            heapLine = part("heap", () -> HeapPart.run(service, process.pid(), options.serviceXmx(),
                    options.heapMegabytes(), options.rows(), measurements.rowScans[Measurements.SERVICE].bytes()));
        }
        String s3Line = options.s3Megabytes() <= 0 ? "cold open from S3: skipped (s3-mb 0)"
                : part("S3 cold open", this::coldOpen);
        List<String> durabilityLines = new ArrayList<>();
        durabilityLines.add(part("durability (filesystem storage)", () -> DurabilityPart.run(options.serviceJar(),
                options.serviceXmx(), work.resolve("durability"), "filesystem", Map.of(), options).line()));
        if (options.s3Megabytes() > 0) {
            durabilityLines.add(part("durability (S3Proxy storage)", this::durabilityOnS3));
        }
        System.out.println();
        System.out.println(Report.render(lines));
        System.out.println(Report.summary(lines) + "   (ratios: above 1× the service is faster; each result is the best of "
                + options.repeats() + " interleaved rounds)");
        if (reference != null) {
            System.out.printf(Locale.ROOT, "scans: every contender and path read %,d rows, checksum %016x%n",
                    reference.rows(), reference.checksum());
        }
        System.out.println(heapLine);
        System.out.println(s3Line);
        durabilityLines.forEach(System.out::println);
        if (failures.isEmpty()) {
            System.out.println("checks: all contenders delivered the same rows and Q1 answer; every insert acknowledged is stored");
            return 0;
        }
        System.out.println("checks FAILED:");
        failures.forEach(f -> System.out.println("  " + f));
        return 1;
    }

    private void load(ServiceContender service, PostgresContender postgres, InProcessDuckDb duckdb) throws Exception {
        Path csv = options.workDirectory().resolve("lineitem.csv");
        long start = System.nanoTime();
        duckdb.load(options.rows());
        long duckdbNanos = System.nanoTime() - start;
        duckdb.exportCsv(csv);
        start = System.nanoTime();
        postgres.load(csv);
        long postgresNanos = System.nanoTime() - start;
        Files.deleteIfExists(csv);
        start = System.nanoTime();
        service.load(options.rows());
        long serviceNanos = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "loaded %,d lineitem rows: service (CREATE TABLE AS over ExecuteStatement) %.1f s, "
                        + "PostgreSQL (COPY from CSV, VACUUM ANALYZE) %.1f s, in-process DuckDB (CREATE TABLE AS) %.1f s%n",
                options.rows(), serviceNanos / 1e9, postgresNanos / 1e9, duckdbNanos / 1e9);
    }

    private void checkInserts(Contender[] contenders, long[] acknowledged) {
        for (int c = 0; c < contenders.length; c++) {
            try {
                long stored = contenders[c].insertedRows();
                if (stored != acknowledged[c]) {
                    failures.add(String.format(Locale.ROOT, "%s stores %,d inserted rows but acknowledged %,d",
                            contenders[c].name(), stored, acknowledged[c]));
                }
            } catch (Exception e) {
                failures.add("counting the inserts of " + contenders[c].name() + " failed: " + e);
            }
        }
    }

    private String coldOpen() throws Exception {
        S3ColdOpen.Result result = S3ColdOpen.run(options.serviceJar(), options.serviceXmx(),
                options.workDirectory().resolve("s3-part"), options.s3Megabytes(), Math.min(2, options.repeats()));
        return String.format(Locale.ROOT,
                "cold open from S3 (S3Proxy on loopback) of a %,.0f MiB database: first query %.2f s (next query %.1f ms); "
                        + "raw GET of the same object to a file %.2f s; cold open ÷ raw GET = %.2f×",
                result.objectBytes() / 1048576.0, result.firstQueryNanos() / 1e9, result.warmQueryNanos() / 1e6,
                result.rawGetNanos() / 1e9, (double) result.firstQueryNanos() / result.rawGetNanos());
    }

    private String durabilityOnS3() throws Exception {
        Path directory = options.workDirectory().resolve("durability-s3");
        try (LocalS3 s3 = LocalS3.start(directory.resolve("s3"))) {
            return DurabilityPart.run(options.serviceJar(), options.serviceXmx(), directory, "S3Proxy on loopback",
                    LocalS3.environment(s3), options).line();
        }
    }

    private interface Part {
        String run() throws Exception;
    }

    private String part(String name, Part part) {
        System.out.println(name + " ...");
        try {
            return part.run();
        } catch (Exception e) {
            failures.add(name + " failed: " + e);
            return name + ": FAILED (" + e + ")";
        }
    }

    private void printHeader() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memoryGib = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
        System.out.printf(Locale.ROOT, "benchmark %s: %,d rows, best of %d rounds after %d warm-up round(s), %d s per rate, "
                + "service -Xmx%s%n", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                options.rows(), options.repeats(), options.warmupRounds(), options.seconds(), options.serviceXmx());
        System.out.printf(Locale.ROOT, "machine: %d cores (%s), %d GiB memory, Java %s%n",
                Runtime.getRuntime().availableProcessors(), cpu, memoryGib, System.getProperty("java.version"));
    }
}
