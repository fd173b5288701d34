package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
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
    void aTableMacroHasNoReturnType() {
        assertThatThrownBy(() -> new MacroDefinition(Identifier.of("f"), List.of(), SqlExpression.of("body", "SELECT 1"),
                Optional.of(SqlType.of("type", "INTEGER")), true)).hasMessageContaining("return_type");
        assertThatThrownBy(() -> new MacroDefinition(Identifier.of("f"), List.of(Identifier.of("x"), Identifier.of("X")),
                SqlExpression.of("body", "x"), Optional.empty(), false)).hasMessageContaining("given twice");
    }
}
