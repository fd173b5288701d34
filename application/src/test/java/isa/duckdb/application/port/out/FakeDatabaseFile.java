package isa.duckdb.application.port.out;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlExpression;
import isa.duckdb.domain.SqlType;
import isa.duckdb.domain.Value;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fake engine's database file: the header {@code FAKE-DUCKDB-1\n}, then the committed
 * {@link FakeState} (version, schemas, tables with rows, views, macros) in Java's data format.
 * Values of nested types are kept as their text.
 */
final class FakeDatabaseFile {
    static final byte[] HEADER = "FAKE-DUCKDB-1\n".getBytes(StandardCharsets.US_ASCII);

    private FakeDatabaseFile() {
    }

    static boolean isDatabaseFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        } catch (IOException e) {
            return false;
        }
    }

    static void write(Path file, FakeState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(HEADER);
            out.writeLong(state.version);
            out.writeInt(state.schemas.size());
            for (String schema : state.schemas.values()) {
                out.writeUTF(schema);
            }
            out.writeInt(state.tables.size());
            for (FakeTable table : state.tables.values()) {
                writeTable(out, table);
            }
            out.writeInt(state.views.size());
            for (FakeState.View view : state.views.values()) {
                out.writeUTF(view.schema());
                out.writeUTF(view.name());
                text(out, view.query());
            }
            out.writeInt(state.macros.size());
            for (MacroDefinition macro : state.macros.values()) {
                out.writeUTF(macro.name().value());
                out.writeInt(macro.parameters().size());
                for (Identifier parameter : macro.parameters()) {
                    out.writeUTF(parameter.value());
                }
                text(out, macro.body().text());
                out.writeUTF(macro.returnType().map(SqlType::text).orElse(""));
                out.writeBoolean(macro.table());
            }
            out.flush();
            Files.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "IO Error: could not write the database file", e);
        }
    }

    private static void writeTable(DataOutputStream out, FakeTable table) throws IOException {
        out.writeUTF(table.schema);
        out.writeUTF(table.name);
        text(out, table.comment);
        out.writeInt(table.columns.size());
        for (FakeColumn c : table.columns) {
            out.writeUTF(c.name());
            out.writeUTF(c.type());
            out.writeBoolean(c.nullable());
            text(out, c.defaultValue());
            out.writeBoolean(c.primaryKey());
            out.writeBoolean(c.unique());
            text(out, c.comment());
        }
        out.writeInt(table.rows.size());
        for (Value[] row : table.rows) {
            for (Value value : row) {
                writeValue(out, value);
            }
        }
    }

    private static void writeValue(DataOutputStream out, Value value) throws IOException {
        if (value instanceof Value.Null) {
            out.writeByte('N');
        } else if (value instanceof Value.Bool b) {
            out.writeByte('B');
            out.writeBoolean(b.value());
        } else if (value instanceof Value.Int i) {
            out.writeByte('I');
            out.writeLong(i.value());
        } else if (value instanceof Value.Double d) {
            out.writeByte('D');
            out.writeDouble(d.value());
        } else if (value instanceof Value.Bytes b) {
            out.writeByte('X');
            out.writeInt(b.value().length);
            out.write(b.value());
        } else if (value instanceof Value.Timestamp t) {
            out.writeByte('S');
            out.writeLong(t.value().getEpochSecond());
            out.writeInt(t.value().getNano());
        } else {
            out.writeByte('T');
            text(out, FakeTypes.text(value));
        }
    }

    /** The state in the file; INTERNAL with DuckDB's words when it is not a fake database file. */
    static FakeState read(Path file) {
        if (!isDatabaseFile(file)) {
            throw new ServiceException(ErrorKind.INTERNAL, "IO Error: The file \"" + file.getFileName()
                    + "\" exists, but it is not a valid DuckDB database file!");
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.readNBytes(HEADER.length);
            FakeState state = new FakeState();
            state.version = in.readLong();
            for (int i = in.readInt(); i > 0; i--) {
                String schema = in.readUTF();
                state.schemas.put(schema.toLowerCase(java.util.Locale.ROOT), schema);
            }
            for (int i = in.readInt(); i > 0; i--) {
                FakeTable table = readTable(in);
                state.tables.put(FakeState.key(table.schema, table.name), table);
            }
            for (int i = in.readInt(); i > 0; i--) {
                FakeState.View view = new FakeState.View(in.readUTF(), in.readUTF(), text(in));
                state.views.put(FakeState.key(view.schema(), view.name()), view);
            }
            for (int i = in.readInt(); i > 0; i--) {
                Identifier name = Identifier.of(in.readUTF());
                List<Identifier> parameters = new ArrayList<>();
                for (int p = in.readInt(); p > 0; p--) {
                    parameters.add(Identifier.of(in.readUTF()));
                }
                SqlExpression body = SqlExpression.of("body", text(in));
                String returnType = in.readUTF();
                boolean table = in.readBoolean();
                MacroDefinition macro = new MacroDefinition(name, parameters, body,
                        returnType.isEmpty() ? Optional.empty() : Optional.of(SqlType.of("return_type", returnType)), table);
                state.macros.put(name.value().toLowerCase(java.util.Locale.ROOT), macro);
            }
            return state;
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "IO Error: the database file is damaged", e);
        }
    }

    private static FakeTable readTable(DataInputStream in) throws IOException {
        String schema = in.readUTF();
        String name = in.readUTF();
        String comment = text(in);
        List<FakeColumn> columns = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            columns.add(new FakeColumn(in.readUTF(), in.readUTF(), in.readBoolean(), text(in), in.readBoolean(),
                    in.readBoolean(), text(in)));
        }
        List<Value[]> rows = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            Value[] row = new Value[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = readValue(in);
            }
            rows.add(row);
        }
        return new FakeTable(schema, name, comment, columns, rows);
    }

    private static Value readValue(DataInputStream in) throws IOException {
        switch (in.readByte()) {
            case 'N':
                return Value.NULL;
            case 'B':
                return new Value.Bool(in.readBoolean());
            case 'I':
                return new Value.Int(in.readLong());
            case 'D':
                return new Value.Double(in.readDouble());
            case 'X':
                return new Value.Bytes(in.readNBytes(in.readInt()));
            case 'S':
                return new Value.Timestamp(Instant.ofEpochSecond(in.readLong(), in.readInt()));
            default:
                return new Value.Text(text(in));
        }
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
