package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.CreateFunctionCommand;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.MacroDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CreateFunction: DuckDB macros, a scalar expression or a query returning a table. */
class FunctionServiceTest {
    @TempDir
    Path work;
    private final RecordingCatalogEngine engine = new RecordingCatalogEngine();
    private FunctionService functions;

    @BeforeEach
    void wire() {
        ServiceHarness harness = new ServiceHarness(engine, work);
        functions = harness.functions();
        harness.create(LENA, "sales");
    }

    private String create(String name, String body, List<String> parameters, String returnType) {
        return functions.create(new CreateFunctionCommand(Caller.trusted(LENA), "sales", name, body, parameters, returnType),
                CancellationSignal.none());
    }

    private MacroDefinition lastMacro() {
        return (MacroDefinition) engine.changes().get(engine.changes().size() - 1);
    }

    @Test
    void anExpressionBodyMakesAScalarFunctionCastToItsReturnType() {
        String message = create("add_tax", " price * (1 + rate) ", List.of("price", "rate"), "DECIMAL(18,2)");

        assertThat(message).isEqualTo("function 'add_tax' created with 2 parameter(s), returning DECIMAL(18,2)");
        MacroDefinition macro = lastMacro();
        assertThat(macro.name().value()).isEqualTo("add_tax");
        assertThat(macro.parameters()).extracting(Identifier::value).containsExactly("price", "rate");
        assertThat(macro.body().text()).isEqualTo("price * (1 + rate)");
        assertThat(macro.returnType()).hasValueSatisfying(t -> assertThat(t.text()).isEqualTo("DECIMAL(18,2)"));
        assertThat(macro.table()).isFalse();
    }

    @Test
    void aQueryBodyMakesAFunctionReturningATable() {
        for (String body : List.of("SELECT * FROM user_lena_orders WHERE id = n", "with x AS (SELECT 1) SELECT * FROM x",
                "FROM orders", "VALUES (1), (2)")) {
            String message = create("rows_of", body, List.of("n"), "");

            assertThat(message).endsWith(", returning a table");
            assertThat(lastMacro().table()).isTrue();
        }
        assertThat(((MacroDefinition) engine.changes().get(0)).body().text())
                .isEqualTo("SELECT * FROM orders WHERE id = n");
    }

    @Test
    void aFunctionWithoutReturnTypeKeepsItsBodysType() {
        String message = create("twice", "x * 2", List.of("x"), " ");

        assertThat(message).isEqualTo("function 'twice' created with 1 parameter(s)");
        assertThat(lastMacro().returnType()).isEmpty();
    }

    @Test
    void invalidDefinitionsAreRefusedBeforeTheCatalog() {
        failureOf(() -> create("", "1", List.of(), ""), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create("f", "", List.of(), ""), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create("f", "1); DROP TABLE orders; --", List.of(), ""), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create("f", "a + b", List.of("a", "A"), ""), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create("f", "SELECT 1", List.of(), "INTEGER"), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create("f", "ATTACH 'x.duckdb'", List.of(), ""), ErrorKind.INVALID_ARGUMENT);
        failureOf(() -> create("f", "x", List.of("x"), "INTEGER) AS (1"), ErrorKind.INVALID_ARGUMENT);

        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void aReturnTypeTheEngineDoesNotKnowIsInvalid() {
        failureOf(() -> create("f", "x", List.of("x"), "NOSUCHTYPE"), ErrorKind.INVALID_ARGUMENT);

        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void aFunctionNeedsAnExistingDatabaseOfTheCaller() {
        failureOf(() -> functions.create(new CreateFunctionCommand(Caller.trusted(ServiceHarness.MIA), "sales", "f", "1", List.of(), ""),
                CancellationSignal.none()), ErrorKind.NOT_FOUND);
    }
}
