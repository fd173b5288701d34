package isa.duckdb.application.port.out;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link QueryEngine} for tests that honestly interprets a small SQL subset (see
 * {@link FakeSqlInterpreter}: CREATE TABLE/SCHEMA, INSERT … VALUES, SELECT * and count(*) from a
 * table, view, {@code range(n)} or {@code read_csv(…)}, DELETE, DROP) with DuckDB's column names,
 * types and error kinds, as {@code QueryEngineContract} proves against the DuckDB adapter. Other
 * statements answer as {@link #script scripted}, else INVALID_ARGUMENT like a DuckDB syntax error.
 *
 * <p>Databases persist to real files in the fake's own format ({@link FakeDatabaseFile}); a file
 * of any other kind is refused on open (INTERNAL, as DuckDB refuses a non-database file). Files
 * read and written (imports, exports, {@code read_csv}) are the fake's CSV and must lie inside the
 * database's scratch folder (INVALID_ARGUMENT otherwise, as DuckDB's sandbox answers); there is no
 * other file access, no settings and no extension loading to lock, so the DuckDB sandbox's
 * refusals are tested in adapters-duckdb only.
 *
 * <p>For tests it records what ran ({@link #executed()}, {@link #databases()}), which databases
 * are open ({@link #openDatabases()}), which statements are blocked ({@link #blocked()}), and can
 * be told to fail ({@link #failNextOpen}, {@link #failNextSnapshot}, {@link #failSelfTest}).
 */
public final class InMemoryQueryEngine implements QueryEngine {
    /** What {@link #version()} answers. */
    public static final String VERSION = "v0.0.0-fake";

    private final Map<String, ScriptedAnswer> scripts = new ConcurrentHashMap<>();
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final List<InMemoryEngineDatabase> databases = new CopyOnWriteArrayList<>();
    private final List<String> blocked = new CopyOnWriteArrayList<>();
    private final AtomicReference<ServiceException> nextOpenFailure = new AtomicReference<>();
    private final AtomicReference<ServiceException> nextSnapshotFailure = new AtomicReference<>();
    private final AtomicReference<ServiceException> selfTestFailure = new AtomicReference<>();

    /**
     * Opens the file: restores a fake database file, creates a missing one (its folder must
     * exist); INTERNAL for a file that is not a fake database. A file already open in this engine
     * is a test bug (two DuckDB instances on one file would corrupt it): IllegalStateException.
     */
    @Override
    public synchronized InMemoryEngineDatabase open(Path databaseFile, EngineLimits limits) {
        ServiceException failure = nextOpenFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        Path file = databaseFile.toAbsolutePath().normalize();
        if (openDatabases().contains(file)) {
            throw new IllegalStateException("fake engine: " + databaseFile.getFileName() + " is open already");
        }
        FakeState state;
        if (Files.exists(file)) {
            state = FakeDatabaseFile.read(file);
        } else if (file.getParent() == null || !Files.isDirectory(file.getParent())) {
            throw new ServiceException(ErrorKind.INTERNAL, "IO Error: Cannot open database \""
                    + databaseFile.getFileName() + "\": No such file or directory");
        } else {
            state = new FakeState();
            FakeDatabaseFile.write(file, state);
        }
        InMemoryEngineDatabase database = new InMemoryEngineDatabase(this, file, limits, state);
        databases.add(database);
        return database;
    }

    /** Whether the file starts with the fake's header ({@link FakeDatabaseFile#HEADER}). */
    @Override
    public boolean isDatabaseFile(Path file) {
        return FakeDatabaseFile.isDatabaseFile(file);
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** Java's zone ids stand in for DuckDB's list; matched without regard to case, as DuckDB does. */
    @Override
    public Optional<String> timeZone(String name) {
        return java.time.ZoneId.getAvailableZoneIds().stream().filter(zone -> zone.equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public void selfTest() {
        ServiceException failure = selfTestFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Registers the answer for a statement, matched by its exact text (leading and trailing
     * blanks ignored), whole or as one of several statements; it replaces any earlier answer and
     * wins over the interpreted subset.
     */
    public void script(String sql, ScriptedAnswer answer) {
        scripts.put(sql.strip(), answer);
    }

    /** Every SQL text run by any session, in order. */
    public List<String> executed() {
        return List.copyOf(executed);
    }

    /** Every database opened, in the order of opening (closed ones included; see {@link InMemoryEngineDatabase#isOpen}). */
    public List<InMemoryEngineDatabase> databases() {
        return List.copyOf(databases);
    }

    /** The latest database opened on the file. */
    public Optional<InMemoryEngineDatabase> database(Path file) {
        Path wanted = file.toAbsolutePath().normalize();
        List<InMemoryEngineDatabase> all = new ArrayList<>(databases);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).file().equals(wanted)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Files of the databases open now (absolute, normalized). */
    public List<Path> openDatabases() {
        return databases.stream().filter(InMemoryEngineDatabase::isOpen).map(InMemoryEngineDatabase::file).toList();
    }

    /** SQL texts of statements running now in a {@link ScriptedAnswer#blockUntilCancelled()} answer. */
    public List<String> blocked() {
        return List.copyOf(blocked);
    }

    /** The next {@link #open} throws this (once). */
    public void failNextOpen(ServiceException failure) {
        nextOpenFailure.set(failure);
    }

    /** The next {@link EngineDatabase#snapshotTo} of any database throws this (once). */
    public void failNextSnapshot(ServiceException failure) {
        nextSnapshotFailure.set(failure);
    }

    /** {@link #selfTest()} throws this from now on; null makes it pass again. */
    public void failSelfTest(ServiceException failure) {
        selfTestFailure.set(failure);
    }

    ScriptedAnswer scripted(String sql) {
        return scripts.get(sql.strip());
    }

    void record(InMemoryEngineDatabase database, String sql) {
        executed.add(sql);
        database.record(sql);
    }

    void blocking(String sql, boolean running) {
        if (running) {
            blocked.add(sql);
        } else {
            blocked.remove(sql);
        }
    }

    Optional<ServiceException> takeSnapshotFailure() {
        return Optional.ofNullable(nextSnapshotFailure.getAndSet(null));
    }
}
