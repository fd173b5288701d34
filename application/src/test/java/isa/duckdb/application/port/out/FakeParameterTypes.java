package isa.duckdb.application.port.out;

import isa.duckdb.application.port.out.FakeLexer.Kind;
import isa.duckdb.application.port.out.FakeLexer.Token;
import isa.duckdb.domain.QualifiedName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * DuckDB's answer for the parameter types of a statement of the fake's subset: the column's type
 * for {@code … FROM t WHERE c = ?} and for each position of {@code INSERT INTO t VALUES (?, …)};
 * {@code UNKNOWN} wherever DuckDB cannot tell either (e.g. {@code SELECT ?}).
 */
final class FakeParameterTypes {
    private FakeParameterTypes() {
    }

    static List<String> of(FakeState state, String sql) {
        List<String> types = new ArrayList<>(Collections.nCopies(FakeSqlInterpreter.parameterCount(sql), "UNKNOWN"));
        List<Token> tokens = FakeLexer.tokenize(sql);
        Optional<FakeTable> table = Optional.empty();
        int questionMarks = 0;
        int depth = 0;
        int position = 0;
        boolean inValues = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if ((token.is("FROM") || token.is("INTO")) && i + 1 < tokens.size() && !isCall(tokens, i + 1)) {
                String name = tokens.get(i + 1).text();
                boolean qualified = i + 3 < tokens.size() && tokens.get(i + 2).is(".");
                QualifiedName qualifiedName = QualifiedName.parse(qualified ? name + "." + tokens.get(i + 3).text() : name);
                String schema = qualifiedName.schemaName();
                String object = qualifiedName.name().value();
                table = state.views.containsKey(FakeState.key(schema, object)) ? Optional.empty()
                        : Optional.of(state.table(schema, object));
            }
            inValues |= token.is("VALUES");
            if (inValues && token.is("(")) {
                depth++;
                position = 0;
            } else if (inValues && token.is(")")) {
                depth--;
            } else if (inValues && depth == 1 && token.is(",")) {
                position++;
            }
            if (token.kind() != Kind.PARAMETER) {
                continue;
            }
            int index = token.text().equals("?") ? questionMarks++ : Integer.parseInt(token.text().substring(1)) - 1;
            Optional<String> type = Optional.empty();
            Optional<FakeTable> current = table;
            if (table.isPresent() && inValues && depth == 1 && position < table.get().columns.size()) {
                type = Optional.of(table.get().columns.get(position).type());
            } else if (table.isPresent() && i >= 2 && tokens.get(i - 1).is("=")) {
                type = current.get().columnIndex(tokens.get(i - 2).text()).map(c -> current.get().columns.get(c).type());
            }
            int at = index;
            type.ifPresent(t -> types.set(at, t));
        }
        return types;
    }

    private static boolean isCall(List<Token> tokens, int at) {
        return at + 1 < tokens.size() && tokens.get(at + 1).is("(");
    }
}
