package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServiceHarness.LENA;
import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.application.port.in.CreateViewCommand;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.in.TableRef;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CreateView, ListViews and DropView: a view's query is held to the rules of any query. */
class ViewServiceTest {
    @TempDir
    Path work;
    private final RecordingCatalogEngine engine = new RecordingCatalogEngine();
    private ServiceHarness harness;
    private ViewService views;

    @BeforeEach
    void wire() {
        harness = new ServiceHarness(engine, work);
        views = harness.views();
        harness.create(LENA, "sales");
        harness.queries().execute(new StatementCommand(LENA, "sales", "CREATE TABLE orders (id INTEGER); "
                + "INSERT INTO orders VALUES (1), (2)", "", Map.of(), 0), CancellationSignal.none());
    }

    private String create(String name, String query, boolean replace) {
        return views.create(new CreateViewCommand(new TableRef(LENA, "sales", name), query, replace),
                CancellationSignal.none());
    }

    @Test
    void theViewsQueryReachesTheCatalogAsOneStatementWithoutTheLegacyPrefix() {
        String message = create("user_lena_recent", "  SELECT * FROM user_lena_orders ;  ", false);

        assertThat(message).isEqualTo("view 'recent' created");
        assertThat(engine.changes()).containsExactly("createView main.recent AS SELECT * FROM orders");
        try (OpenQuery query = harness.queries().open(new QueryCommand(LENA, "sales", "SELECT count(*) FROM recent", "",
                Map.of(), 0, 0), CancellationSignal.none())) {
            assertThat(query.next(1).toRows().get(0)[0]).isEqualTo(new isa.duckdb.domain.Value.Int(2));
        }
    }

    @Test
    void replaceReplacesAndWithoutItATakenNameIsRefused() {
        create("recent", "SELECT * FROM orders", false);

        failureOf(() -> create("recent", "SELECT * FROM orders WHERE id = 1", false), ErrorKind.ALREADY_EXISTS);
        String message = create("recent", "SELECT * FROM orders WHERE id = 1", true);

        assertThat(message).isEqualTo("view 'recent' created or replaced");
        assertThat(engine.changes()).last().isEqualTo("createView main.recent OR REPLACE AS SELECT * FROM orders WHERE id = 1");
    }

    @Test
    void aQueryThatIsNotOneAllowedStatementWithoutPlaceholdersIsRefused() {
        for (String query : List.of("", "  ;", "SELECT 1; SELECT 2", "ATTACH 'x.duckdb' AS x",
                "SELECT * FROM orders WHERE id = ?", "SELECT * FROM orders WHERE id = $1")) {
            failureOf(() -> create("v", query, false), ErrorKind.INVALID_ARGUMENT);
        }

        assertThat(engine.changes()).isEmpty();
    }

    @Test
    void viewsAreListedByName() {
        create("zeta", "SELECT * FROM orders", false);
        create("alpha", "SELECT * FROM orders", false);

        assertThat(views.list(LENA, "sales", CancellationSignal.none())).containsExactly("alpha", "zeta");
    }

    @Test
    void droppingAViewRemovesItAndAMissingOneIsNotFound() {
        create("recent", "SELECT * FROM orders", false);

        String message = views.drop(new TableRef(LENA, "sales", "user_lena_recent"), CancellationSignal.none());

        assertThat(message).isEqualTo("view 'recent' dropped");
        assertThat(views.list(LENA, "sales", CancellationSignal.none())).isEmpty();
        failureOf(() -> views.drop(new TableRef(LENA, "sales", "recent"), CancellationSignal.none()),
                ErrorKind.NOT_FOUND);
    }
}
