package dev.signoff.cli;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of docs/architecture.md, checked on the compiled classes of every module: each
 * module uses only the ones below it (audio, analysis, report, server, cli; session sits beside
 * analysis, on audio alone, and the server and the cli use it), and the concern packages of the audio,
 * analysis and report modules, and the server's packages, form no cycle, so a newcomer can read
 * each room without first reading the ones that read it. A public type of the audio or analysis
 * module is one that code outside its package uses (its tests aside): the rest is package-private.
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

    @Test
    void audioAndAnalysisTypesArePublicOnlyWhenUsedOutsideTheirPackage() throws IOException {
        // Every module's main and test classes as the reactor built them: a test of another module
        // may be the only user of a type, and needs it public.
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> built;
        try (Stream<Path> modules = Files.list(root)) {
            built = modules.filter(m -> m.getFileName().toString().startsWith("signoff-"))
                    .flatMap(m -> Stream.of(m.resolve("target/classes"), m.resolve("target/test-classes")))
                    .filter(Files::isDirectory).toList();
        }
        JavaClasses everything = new ClassFileImporter().importPaths(built);
        classes().that().resideInAnyPackage("dev.signoff.audio..", "dev.signoff.analysis..")
                .and().arePublic().and().areTopLevelClasses()
                .should(beUsedOutsideTheirPackage(everything))
                .check(everything);
    }

    /** A use of a nested type (Vocabulary.Entry) needs the type around it public too. */
    private static ArchCondition<JavaClass> beUsedOutsideTheirPackage(JavaClasses everything) {
        return new ArchCondition<>("be used by a class outside their package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean used = everything.stream()
                        .filter(c -> c.equals(type) || c.getName().startsWith(type.getName() + "$"))
                        .flatMap(c -> c.getDirectDependenciesToSelf().stream())
                        .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!used) events.add(SimpleConditionEvent.violated(type, type.getName() + " is public, but nothing outside "
                        + type.getPackageName() + " uses it: make it package-private"));
            }
        };
    }
}
