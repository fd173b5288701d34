package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.FileImport;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's SQL for reading and writing files (DuckDB's CSV, Parquet and JSON docs name the options). */
class FileSqlTest {
    @TempDir
    Path folder;

    private static Map<String, String> options(String... pairs) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aCsvReaderNamesDuckDbsOptionsWithTypedLiterals() {
        String sql = FileSql.reader(Path.of("/s/in.csv"),
                FileOptions.forReading("csv", options("delimiter", ";", "header", "TRUE", "skip", "2", "null", "NA")));

        assertThat(sql).isEqualTo("read_csv('/s/in.csv', delim = ';', header = true, nullstr = 'NA', skip = 2)");
    }

    @Test
    void eachFormatHasItsReaderAndTheOptionsItsNameImplies() {
        assertThat(FileSql.reader(Path.of("/s/in.tsv"), FileOptions.forReading("tsv", Map.of())))
                .isEqualTo("read_csv('/s/in.tsv', delim = '\t')");
        assertThat(FileSql.reader(Path.of("/s/in.parquet"), FileOptions.forReading("parquet", Map.of())))
                .isEqualTo("read_parquet('/s/in.parquet')");
        assertThat(FileSql.reader(Path.of("/s/in.json"), FileOptions.forReading("ndjson", Map.of())))
                .isEqualTo("read_json('/s/in.json', format = 'newline_delimited')");
    }

    @Test
    void quotesInPathsAndOptionValuesAreDoubledSoTheyStayOneLiteral() {
        String sql = FileSql.reader(Path.of("/s/it's.csv"), FileOptions.forReading("csv", options("nullstr", "N'A")));

        assertThat(sql).isEqualTo("read_csv('/s/it''s.csv', nullstr = 'N''A')");
    }

    @Test
    void copyWrapsTheQueryAndWritesTheFormatWithItsOptions() {
        assertThat(FileSql.copyTo("SELECT 1", Path.of("/s/out.parquet"),
                FileOptions.forWriting("parquet", options("compression", "ZSTD", "row_group_size", "1000"))))
                .isEqualTo("COPY (\nSELECT 1\n) TO '/s/out.parquet' (FORMAT parquet, compression 'zstd', row_group_size 1000)");
        assertThat(FileSql.copyTo("SELECT 1", Path.of("/s/out.csv"),
                FileOptions.forWriting("csv", options("sep", "|", "header", "false"))))
                .isEqualTo("COPY (\nSELECT 1\n) TO '/s/out.csv' (FORMAT csv, header false, delim '|')");
    }

    @Test
    void anOptionOutsideTheAllowListNeverReachesTheSql() {
        ServiceException failure = catchThrowableOfType(ServiceException.class,
                () -> FileOptions.forReading("csv", options("filename", "true")));

        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void anExportedFileWithOptionsAndAQuoteInItsFolderImportsBackIntoDuckDb() throws Exception {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("CREATE TABLE t AS SELECT range AS id, 'name ' || range AS name FROM range(3)");
            Path file = Files.createDirectories(db.scratch.resolve("it's")).resolve("out.csv");

            long written = db.session.exportQuery("SELECT * FROM t", file,
                    FileOptions.forWriting("csv", options("delimiter", ";", "null", "-")), CancellationSignal.none());
            long imported = db.session.importFile(new FileImport(file,
                    FileOptions.forReading("csv", options("delimiter", ";", "null", "-")), QualifiedName.parse("back"),
                    true, false), CancellationSignal.none());

            assertThat(written).isEqualTo(3);
            assertThat(imported).isEqualTo(3);
            assertThat(Files.readString(file)).startsWith("id;name\n0;name 0\n");
            assertThat(db.value("SELECT name FROM back WHERE id = 2")).isEqualTo(new Value.Text("name 2"));
        }
    }

    @Test
    void anOptionValueShapedLikeSqlIsReadAsTextAndRunsNothing() throws Exception {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("CREATE TABLE keep (x INTEGER)");
            Path file = Files.writeString(db.scratch.resolve("in.csv"), "a\n1\n");
            String reader = db.session.fileReader(file,
                    FileOptions.forReading("csv", options("nullstr", "x'); DROP TABLE keep; --")));

            assertThat(db.value("SELECT count(*) FROM " + reader)).isEqualTo(new Value.Int(1));
            assertThat(db.value("SELECT count(*) FROM keep")).isEqualTo(new Value.Int(0));
        }
    }
}
