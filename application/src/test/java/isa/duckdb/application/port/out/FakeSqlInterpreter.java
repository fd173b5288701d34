package isa.duckdb.application.port.out;

import isa.duckdb.application.port.out.FakeLexer.Kind;
import isa.duckdb.application.port.out.FakeLexer.Token;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one statement of the fake engine's SQL subset against a {@link FakeState}, answering with
 * DuckDB's column names, types and error kinds:
 * <pre>
 * CREATE TABLE [IF NOT EXISTS] t (c TYPE [NOT NULL] [PRIMARY KEY] [UNIQUE] [DEFAULT literal], … [, PRIMARY KEY (c, …)])
 * CREATE SCHEMA s
 * INSERT INTO t VALUES (literal|?|$n, …), (…)
 * SELECT * | count(*) FROM t | view | range(n) | read_csv('file', …) [WHERE c = literal|?|$n]
 * DELETE FROM t [WHERE c = …]
 * DROP TABLE [IF EXISTS] t | DROP VIEW v
 * </pre>
 * Anything else is a syntax error (INVALID_ARGUMENT), as DuckDB's parser would say of bad SQL.
 */
final class FakeSqlInterpreter {
    /** What a statement gave: rows under columns (columns null when it has none), or affected rows. */
    record Result(List<Column> columns, List<Value[]> rows, long affected, boolean wrote) {
        static Result affected(long count, boolean wrote) {
            return new Result(null, List.of(), count, wrote);
        }
    }

    private final FakeState state;
    private final List<Value> values;
    private final Path scratch;
    private final String sql;
    private final List<Token> tokens;
    private int pos;
    private int nextQuestionMark;

    FakeSqlInterpreter(FakeState state, List<Value> values, Path scratch, String sql) {
        this.state = state;
        this.values = values;
        this.scratch = scratch;
        this.sql = sql;
        this.tokens = FakeLexer.tokenize(sql);
    }

    /** The statements of a text, split at semicolons outside quotes; empty ones dropped. */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        for (Token token : FakeLexer.tokenize(sql)) {
            if (token.is(";")) {
                statements.add(sql.substring(start, token.start()));
                start = token.end();
            }
        }
        statements.add(sql.substring(start));
        statements.replaceAll(String::strip);
        statements.removeIf(String::isEmpty);
        return statements;
    }

    /** How many parameters the text has: the count of {@code ?}, or the highest {@code $n}. */
    static int parameterCount(String sql) {
        int questionMarks = 0;
        int highest = 0;
        for (Token token : FakeLexer.tokenize(sql)) {
            if (token.kind() == Kind.PARAMETER && token.text().equals("?")) {
                questionMarks++;
            } else if (token.kind() == Kind.PARAMETER) {
                highest = Math.max(highest, Integer.parseInt(token.text().substring(1)));
            }
        }
        return Math.max(questionMarks, highest);
    }

    Result run() {
        Token first = next();
        Result result;
        if (first.is("CREATE") && accept("TABLE")) {
            result = createTable();
        } else if (first.is("CREATE") && accept("SCHEMA")) {
            String name = name();
            state.schemas.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
            result = Result.affected(0, true);
        } else if (first.is("INSERT")) {
            result = insert();
        } else if (first.is("SELECT")) {
            result = select();
        } else if (first.is("DELETE")) {
            result = delete();
        } else if (first.is("DROP")) {
            result = drop();
        } else {
            throw syntaxError(first);
        }
        if (pos < tokens.size()) {
            throw syntaxError(tokens.get(pos));
        }
        return result;
    }

    private Result createTable() {
        boolean ifNotExists = accept("IF");
        if (ifNotExists) {
            expect("NOT");
            expect("EXISTS");
        }
        QualifiedName name = qualifiedName();
        String schema = state.schema(name.schemaName());
        if (ifNotExists && state.findTable(schema, name.name().value()).isPresent()) {
            return Result.affected(0, false);
        }
        expect("(");
        List<FakeColumn> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        do {
            if (accept("PRIMARY")) {
                expect("KEY");
                expect("(");
                do {
                    primaryKey.add(name());
                } while (accept(","));
                expect(")");
            } else {
                columns.add(column());
            }
        } while (accept(","));
        expect(")");
        state.addTable(new FakeTable(schema, name.name().value(), "", FakeTableShapes.withKey(columns, primaryKey),
                List.of()));
        return Result.affected(0, true);
    }

    private FakeColumn column() {
        String name = name();
        int typeStart = peek().start();
        int typeEnd = typeStart;
        int depth = 0;
        while (pos < tokens.size() && (depth > 0 || !(peek().is(",") || peek().is(")") || peek().is("NOT")
                || peek().is("NULL") || peek().is("PRIMARY") || peek().is("UNIQUE") || peek().is("DEFAULT")))) {
            Token token = next();
            depth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
            typeEnd = token.end();
        }
        String typeText = sql.substring(typeStart, typeEnd);
        String type = FakeTypes.normalize(typeText).orElseThrow(() -> ServiceException.notFound(
                "Catalog Error: Type with name " + typeText + " does not exist!"));
        boolean nullable = true;
        boolean primaryKey = false;
        boolean unique = false;
        String defaultValue = "";
        while (true) {
            if (accept("NOT")) {
                expect("NULL");
                nullable = false;
            } else if (accept("NULL")) {
                nullable = true;
            } else if (accept("PRIMARY")) {
                expect("KEY");
                primaryKey = true;
            } else if (accept("UNIQUE")) {
                unique = true;
            } else if (accept("DEFAULT")) {
                Token literal = peek();
                literal();
                defaultValue = sql.substring(literal.start(), tokens.get(pos - 1).end());
            } else {
                break;
            }
        }
        return new FakeColumn(name, type, nullable && !primaryKey, defaultValue, primaryKey, unique || primaryKey, "");
    }

    private Result insert() {
        expect("INTO");
        QualifiedName name = qualifiedName();
        FakeTable table = state.table(name.schemaName(), name.name().value());
        expect("VALUES");
        List<Value[]> added = new ArrayList<>();
        do {
            expect("(");
            List<Value> row = new ArrayList<>();
            do {
                row.add(literal());
            } while (accept(","));
            expect(")");
            if (row.size() != table.columns.size()) {
                throw ServiceException.invalid("Binder Error: table " + table.name + " has " + table.columns.size()
                        + " columns but " + row.size() + " values were supplied");
            }
            added.add(FakeTableShapes.conform(table, row));
        } while (accept(","));
        table.rows.addAll(added);
        FakeTableShapes.checkKeys(table);
        return Result.affected(added.size(), true);
    }

    private Result select() {
        boolean count = false;
        if (accept("count")) {
            expect("(");
            expect("*");
            expect(")");
            count = true;
        } else {
            expect("*");
        }
        expect("FROM");
        Result source = filtered(source());
        if (count) {
            return new Result(List.of(new Column("count_star()", "BIGINT")),
                    List.<Value[]>of(new Value[] {new Value.Int(source.rows().size())}), 0, false);
        }
        return source;
    }

    private Result delete() {
        expect("FROM");
        QualifiedName name = qualifiedName();
        FakeTable table = state.table(name.schemaName(), name.name().value());
        Condition condition = where(columnsOf(table));
        int before = table.rows.size();
        table.rows.removeIf(row -> condition == null || condition.matches(row));
        return Result.affected(before - table.rows.size(), true);
    }

    private Result drop() {
        if (accept("VIEW")) {
            QualifiedName name = qualifiedName();
            if (state.views.remove(FakeState.key(name.schemaName(), name.name().value())) == null) {
                throw ServiceException.notFound("Catalog Error: View with name " + name.name() + " does not exist!");
            }
            return Result.affected(0, true);
        }
        expect("TABLE");
        boolean ifExists = accept("IF");
        if (ifExists) {
            expect("EXISTS");
        }
        QualifiedName name = qualifiedName();
        if (ifExists && state.findTable(name.schemaName(), name.name().value()).isEmpty()) {
            return Result.affected(0, false);
        }
        state.table(name.schemaName(), name.name().value());
        state.tables.remove(FakeState.key(name.schemaName(), name.name().value()));
        return Result.affected(0, true);
    }

    private Result source() {
        Token token = peek();
        if (token.is("range") && pos + 1 < tokens.size() && tokens.get(pos + 1).is("(")) {
            next();
            next();
            long n = ((Value.Int) FakeTypes.coerce(literal(), "BIGINT")).value();
            expect(")");
            List<Value[]> rows = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                rows.add(new Value[] {new Value.Int(i)});
            }
            return new Result(List.of(new Column("range", "BIGINT")), rows, 0, false);
        }
        if (token.upper().matches("READ_(CSV|CSV_AUTO|PARQUET|JSON|JSON_AUTO)")) {
            next();
            expect("(");
            Path file = Path.of(((Value.Text) literal()).value());
            while (accept(",")) {
                next();
                expect("=");
                literal();
            }
            expect(")");
            FakeCsv.checkAccess(scratch, file);
            FakeCsv.Content content = FakeCsv.read(file);
            return new Result(content.columns(), content.rows(), 0, false);
        }
        QualifiedName name = qualifiedName();
        Optional<FakeTable> table = state.findTable(name.schemaName(), name.name().value());
        if (table.isPresent()) {
            return new Result(columnsOf(table.get()), table.get().rows, 0, false);
        }
        FakeState.View view = state.views.get(FakeState.key(name.schemaName(), name.name().value()));
        if (view != null) {
            return new FakeSqlInterpreter(state, List.of(), scratch, view.query()).run();
        }
        throw ServiceException.notFound("Catalog Error: Table with name " + name.name() + " does not exist!");
    }

    /** {@code WHERE column = value}: NULL never matches. */
    private record Condition(int index, Value wanted) {
        boolean matches(Value[] row) {
            return !(wanted instanceof Value.Null) && row[index].equals(wanted);
        }
    }

    private Condition where(List<Column> columns) {
        if (!accept("WHERE")) {
            return null;
        }
        String column = name();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                expect("=");
                return new Condition(i, FakeTypes.coerce(literal(), columns.get(i).type()));
            }
        }
        throw ServiceException.invalid("Binder Error: Referenced column \"" + column + "\" not found in FROM clause!");
    }

    private Result filtered(Result source) {
        Condition condition = where(source.columns());
        List<Value[]> rows = new ArrayList<>();
        for (Value[] row : source.rows()) {
            if (condition == null || condition.matches(row)) {
                rows.add(row.clone());
            }
        }
        return new Result(source.columns(), rows, 0, false);
    }

    static List<Column> columnsOf(FakeTable table) {
        return table.columns.stream().map(c -> new Column(c.name(), c.type())).toList();
    }

    private Value literal() {
        Token token = next();
        if (token.kind() == Kind.PARAMETER) {
            int index = token.text().equals("?") ? nextQuestionMark++ : Integer.parseInt(token.text().substring(1)) - 1;
            return values.get(index);
        }
        boolean negative = token.is("-");
        if (negative) {
            token = next();
        }
        if (token.kind() == Kind.NUMBER) {
            String text = (negative ? "-" : "") + token.text();
            return text.contains(".") ? new Value.Double(Double.parseDouble(text)) : new Value.Int(Long.parseLong(text));
        }
        if (negative) {
            throw syntaxError(token);
        }
        if (token.kind() == Kind.STRING) {
            return new Value.Text(token.text());
        }
        if (token.is("NULL")) {
            return Value.NULL;
        }
        if (token.is("TRUE") || token.is("FALSE")) {
            return new Value.Bool(token.is("TRUE"));
        }
        throw syntaxError(token);
    }

    private QualifiedName qualifiedName() {
        String first = name();
        if (accept(".")) {
            return QualifiedName.parse(first + "." + name());
        }
        return QualifiedName.of(isa.duckdb.domain.Identifier.of(first));
    }

    private String name() {
        Token token = next();
        if (token.kind() != Kind.WORD && token.kind() != Kind.QUOTED) {
            throw syntaxError(token);
        }
        return token.text();
    }

    private Token peek() {
        if (pos >= tokens.size()) {
            throw ServiceException.invalid("Parser Error: syntax error at end of input");
        }
        return tokens.get(pos);
    }

    private Token next() {
        Token token = peek();
        pos++;
        return token;
    }

    private boolean accept(String word) {
        if (pos < tokens.size() && tokens.get(pos).is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        Token token = next();
        if (!token.is(word)) {
            throw syntaxError(token);
        }
    }

    private static ServiceException syntaxError(Token token) {
        return ServiceException.invalid("Parser Error: syntax error at or near \"" + token.text() + "\" (the fake"
                + " engine knows a small SQL subset; script other statements with InMemoryQueryEngine.script)");
    }
}
