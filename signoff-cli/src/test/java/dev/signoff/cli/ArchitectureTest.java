package dev.signoff.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of docs/architecture.md, checked on the compiled classes of every module: each
 * module uses only the ones below it (audio, analysis, report, server, cli; session sits beside
 * analysis, on audio alone, and the server and the cli use it), and the concern packages of the audio,
 * analysis and report modules, and the server's packages, form no cycle, so a newcomer can read
 * each room without first reading the ones that read it.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.signoff");
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("audio").definedBy("dev.signoff.audio..")
                .layer("analysis").definedBy("dev.signoff.analysis..")
                .layer("session").definedBy("dev.signoff.session..")
                .layer("report").definedBy("dev.signoff.report..")
                .layer("server").definedBy("dev.signoff.server..")
                .layer("cli").definedBy("dev.signoff.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("session").mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("report", "server", "cli")
                .whereLayer("audio").mayOnlyBeAccessedByLayers("analysis", "session", "report", "server", "cli")
                .check(classes);
    }

    @Test
    void theReadersFormNoCycle() {
        slices().matching("dev.signoff.audio.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theAnalysersAndRulesFormNoCycle() {
        slices().matching("dev.signoff.analysis.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theServersPackagesFormNoCycle() {
        slices().matching("dev.signoff.server.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theServersStoresKnowNoHttp() {
        noClasses().that().resideInAPackage("dev.signoff.server.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.signoff.server.http..", "io.javalin..")
                .check(classes);
    }

    @Test
    void noServerPartReachesUpToTheServerThatWiresIt() {
        noClasses().that().resideInAPackage("dev.signoff.server.*..")
                .should().dependOnClassesThat().haveNameMatching("dev\\.signoff\\.server\\.SignoffServer(\\$.*)?")
                .check(classes);
    }
}
