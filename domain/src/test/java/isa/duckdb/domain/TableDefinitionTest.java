package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableDefinitionTest {

    private static ColumnDefinition column(String name) {
        return new ColumnDefinition(Identifier.of(name), SqlType.of("type", "INTEGER"), true, Optional.empty(), false, "");
    }

    @Test
    void acceptsColumnsAndAPrimaryKeyOfThem() {
        TableDefinition table = new TableDefinition(QualifiedName.parse("t"), List.of(column("id"), column("Name")),
                List.of(Identifier.of("ID"), Identifier.of("name")), null);

        assertThat(table.primaryKey()).extracting(Identifier::value).containsExactly("ID", "name");
        assertThat(table.comment()).isEmpty();
    }

    @Test
    void refusesWhatDuckDbWouldRefuseWithAClearerMessage() {
        QualifiedName t = QualifiedName.parse("t");
        assertThatThrownBy(() -> new TableDefinition(t, List.of(), List.of(), ""))
                .hasMessageContaining("at least one column");
        assertThatThrownBy(() -> new TableDefinition(t, List.of(column("a"), column("A")), List.of(), ""))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> new TableDefinition(t, List.of(column("a")), List.of(Identifier.of("b")), ""))
                .hasMessageContaining("not a column");
        assertThatThrownBy(() -> new TableDefinition(t, List.of(column("a")),
                List.of(Identifier.of("a"), Identifier.of("a")), "")).hasMessageContaining("given twice");
    }

    @Test
    void aTableHasAtMost10000Columns() {
        QualifiedName t = QualifiedName.parse("t");
        List<ColumnDefinition> columns = IntStream.rangeClosed(1, 10_001).mapToObj(i -> column("c" + i)).toList();

        assertThat(new TableDefinition(t, columns.subList(0, 10_000), List.of(), "").columns()).hasSize(10_000);
        assertThatThrownBy(() -> new TableDefinition(t, columns, List.of(), ""))
                .hasMessageContaining("at most 10000 columns");
    }

    @Test
    void aColumnWithoutACommentHasAnEmptyOne() {
        assertThat(new ColumnDefinition(Identifier.of("c"), SqlType.of("type", "INTEGER"), true, Optional.empty(), false,
                null).comment()).isEmpty();
    }
}
