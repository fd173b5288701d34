package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.ColumnInfo;
import isa.duckdb.api.CreateFunctionRequest;
import isa.duckdb.api.CreateTableRequest;
import isa.duckdb.api.CreateViewRequest;
import isa.duckdb.api.GetTableSchemaRequest;
import isa.duckdb.api.TableInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables, comments, views and functions made through the catalog RPCs are synced like any write. */
class CatalogRestartEndToEndTest {
    @TempDir
    Path data;

    @Test
    void catalogChangesSurviveARestart() throws Exception {
        try (RunningService first = RunningService.start(data)) {
            var stub = first.blocking();
            createDatabase(stub, "cleo", "kept");
            assertThat(stub.createTable(CreateTableRequest.newBuilder().setUserId("cleo").setDatabaseId("kept")
                    .setTableName("notes").setComment("kept notes")
                    .addColumns(ColumnInfo.newBuilder().setName("id").setDataType("INTEGER").setIsPrimaryKey(true)
                            .setComment("the id"))
                    .build()).getSuccess()).isTrue();
            assertThat(stub.createView(CreateViewRequest.newBuilder().setUserId("cleo").setDatabaseId("kept")
                    .setViewName("note_ids").setQuery("SELECT id FROM notes").build()).getSuccess()).isTrue();
            assertThat(stub.createFunction(CreateFunctionRequest.newBuilder().setUserId("cleo").setDatabaseId("kept")
                    .setFunctionName("twice").addParameters("x").setFunctionBody("x * 2").build()).getSuccess()).isTrue();
        }
        try (RunningService second = RunningService.start(data)) {
            var stub = second.blocking();
            TableInfo notes = stub.getTableSchema(GetTableSchemaRequest.newBuilder().setUserId("cleo")
                    .setDatabaseId("kept").setTableName("notes").build()).getTableInfo();
            assertThat(notes.getComment()).isEqualTo("kept notes");
            assertThat(notes.getColumns(0).getComment()).isEqualTo("the id");
            assertThat(notes.getColumns(0).getIsPrimaryKey()).isTrue();
            assertThat(select(stub, "cleo", "kept", "SELECT twice(21), count(*) FROM note_ids").getRows(0)
                    .getValues(0).getIntValue()).isEqualTo(42);
        }
    }
}
