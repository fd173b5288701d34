package isa.duckdb.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, as rules a reader can check in one file. The factories Dagger
 * generates while compiling bootstrap (they carry {@code @DaggerGenerated}) sit in the packages of
 * the classes they build, but are bootstrap's code; they are left out.
 */
class HexagonalArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("isa.duckdb")
                .that(not(annotatedWith("dagger.internal.DaggerGenerated")));
    }

    @Test
    void domainDependsOnTheJdkOnly() {
        ArchRule rule = classes().that().resideInAPackage("isa.duckdb.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("isa.duckdb.domain..", "java..");
        rule.check(classes);
    }

    /**
     * The JSR-330 annotations ({@code jakarta.inject}: {@code @Inject}, {@code @Singleton}, {@code @Named})
     * are the one annotation dependency the core may have: they say how a service is built without
     * tying it to a container. Dagger itself ({@code dagger..}) stays out of the core; only bootstrap
     * knows it. No other framework is allowed here.
     */
    @Test
    void applicationDependsOnTheDomainTheJdkAndJsr330AnnotationsOnly() {
        ArchRule rule = classes().that().resideInAPackage("isa.duckdb.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("isa.duckdb.application..", "isa.duckdb.domain..", "java..", "jakarta.inject..");
        rule.check(classes);
    }

    /** One set of JSR-330 annotations everywhere: {@code jakarta.inject}, never the older {@code javax.inject}. */
    @Test
    void injectionAnnotationsAreJakartaOnes() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javax.inject..").check(classes);
    }

    @Test
    void theCoreKnowsNoAdapterNorTheWire() {
        ArchRule rule = noClasses().that().resideInAnyPackage("isa.duckdb.domain..", "isa.duckdb.application..")
                .should().dependOnClassesThat().resideInAnyPackage("isa.duckdb.adapters..", "isa.duckdb.api..",
                        "isa.duckdb.bootstrap..", "io.grpc..", "org.duckdb..", "com.google..", "dagger..");
        rule.check(classes);
    }

    @Test
    void adaptersAreIndependentOfEachOther() {
        slices().matching("isa.duckdb.adapters.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void incomingAndOutgoingPortsAreIndependent() {
        noClasses().that().resideInAPackage("isa.duckdb.application.port.in..")
                .should().dependOnClassesThat().resideInAPackage("isa.duckdb.application.port.out..")
                .check(classes);
        noClasses().that().resideInAPackage("isa.duckdb.application.port.out..")
                .should().dependOnClassesThat().resideInAPackage("isa.duckdb.application.port.in..")
                .check(classes);
    }

    @Test
    void portsAreInterfacesOrPlainData() {
        classes().that().resideInAPackage("isa.duckdb.application.port..")
                .should().beInterfaces().orShould().beRecords()
                .check(classes);
    }

    /** Besides use cases, port.in holds the handles some use cases return for work that goes on. */
    @Test
    void incomingPortsAreNamedUseCase() {
        classes().that().resideInAPackage("isa.duckdb.application.port.in..").and().areInterfaces()
                .and().areTopLevelClasses().and().doNotHaveSimpleName("OpenQuery")
                .and().doNotHaveSimpleName("IncomingImport")
                .should().haveSimpleNameEndingWith("UseCase")
                .check(classes);
    }

    @Test
    void useCasesAreImplementedByServices() {
        classes().that().implement(DescribedPredicate.describe("a use case",
                        (JavaClass c) -> c.getSimpleName().endsWith("UseCase")))
                .should().haveSimpleNameEndingWith("Service")
                .andShould().resideInAPackage("isa.duckdb.application.service..")
                .check(classes);
    }

    @Test
    void outPortsAreImplementedByAdapters() {
        classes().that().resideInAPackage("isa.duckdb.adapters..")
                .and().implement(DescribedPredicate.describe("an out-port root",
                        (JavaClass c) -> c.getName().equals(
                                "isa.duckdb.application.port.out.ObjectStorage")
                                || c.getName().equals("isa.duckdb.application.port.out.QueryEngine")
                                || c.getName().equals("isa.duckdb.application.port.out.ServiceRegistry")
                                || c.getName().equals("isa.duckdb.application.port.out.DatabaseOwnership")))
                .should().haveSimpleNameEndingWith("Adapter")
                .check(classes);
    }

    @Test
    void onlyBootstrapSeesMoreThanOneAdapter() {
        noClasses().that().resideOutsideOfPackages("isa.duckdb.bootstrap..", "isa.duckdb.adapters..")
                .should().dependOnClassesThat().resideInAPackage("isa.duckdb.adapters..")
                .check(classes);
    }

    @Test
    void theCommandLineClientSpeaksOnlyTheWire() {
        noClasses().that().resideInAPackage("isa.duckdb.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("isa.duckdb.domain..",
                        "isa.duckdb.application..", "isa.duckdb.adapters..", "isa.duckdb.bootstrap..",
                        "isa.duckdb.e2e..")
                .check(classes);
    }

    @Test
    void theEndToEndClientSpeaksOnlyTheWire() {
        noClasses().that().resideInAPackage("isa.duckdb.e2e..")
                .should().dependOnClassesThat().resideInAnyPackage("isa.duckdb.domain..",
                        "isa.duckdb.application..", "isa.duckdb.adapters..", "isa.duckdb.bootstrap..")
                .check(classes);
    }
}
