package dev.signoff.cli;

import com.tngtech.archunit.base.DescribedPredicate;
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
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * Of those, only the types listed in {@link #MODULE_API} may be used by the modules above.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    /**
     * What the modules above may use of signoff-audio and signoff-analysis, type by type (nested
     * types go with theirs): the readers' interface and AudioDecoders, the measurement plan and its
     * results, the findings, and each feature's entry point. Other public types of these modules are
     * public only for another package of their own module (MeasurementPlan builds the analysers of
     * every concern, AudioDecoders opens the reader of every format): Java without JPMS cannot say
     * "public to this module", so this list does. Tests may use more (a meter, the test signals).
     * A new use from another module is a decision about a module's API: add the type here.
     */
    private static final Map<String, Set<String>> MODULE_API = Map.of(
            "dev.signoff.audio", api(Map.of(
                    "", "AudioBlock AudioDecoders AudioFileException AudioReader ChannelLayout DecodeDamage Speaker StreamInfo StreamTime",
                    "ffmpeg", "FfmpegReader",
                    "synth", "SongSynth",
                    "wav", "WavWriter")),
            "dev.signoff.analysis", api(Map.ofEntries(
                    Map.entry("", "Analyser AnalysisPipeline CheckResult MeasurementPlan Measurements MixCheck StreamingChecks TimeSeries"),
                    Map.entry("album", "Album AlbumResult AlbumTrack"),
                    Map.entry("codecs", "Codec CodecResult CodecRoundTrip"),
                    Map.entry("devices", "DeviceCatalog DeviceModel DeviceRenders DeviceTranslation KickRegion LimiterSettings LowEndTranslation"),
                    Map.entry("diff", "Alignment Audibility BounceSketch Change ChangeKind ChangeMap DiffResult Hz NoiseChange Span VersionDiff"),
                    Map.entry("drums", "DrumHits"),
                    Map.entry("findings", "Clock Finding FindingCode PlatformRules Severity TranslationRules"),
                    Map.entry("history", "LetItGoMeter StepCache VersionOrder"),
                    Map.entry("loudness", "LoudnessResult PeakResult"),
                    Map.entry("platforms", "PlatformPlayback StreamingService"),
                    Map.entry("quiet", "QuietPassage"),
                    Map.entry("references", "Reference ReferenceComparison Spread"),
                    Map.entry("revisions", "Conflicts FeedbackTranslator RequestParser RevisionItem RevisionRequest Scope ScopeCheck Vocabulary WholePicture"),
                    Map.entry("sections", "Section SectionsResult"),
                    Map.entry("spectrum", "SpectrumResult"),
                    Map.entry("stereo", "StereoResult"),
                    Map.entry("technical", "ClippingResult DcOffsetResult EdgesResult"),
                    Map.entry("tonal", "TonalBalance TonalRange"),
                    Map.entry("vocal", "LeadVocal VocalChoice"),
                    Map.entry("waveform", "WaveformPeaks WaveformResult"))));

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
    void theModulesAboveUseOnlyTheAudioAndAnalysisApi() {
        MODULE_API.forEach((module, api) -> classes()
                .that().resideInAPackage(module + "..").and(DescribedPredicate.not(inApi(module, api)))
                .should().onlyHaveDependentClassesThat().resideInAPackage(module + "..")
                .because("the modules above use only the types listed in ArchitectureTest.MODULE_API")
                .check(classes));
    }

    @Test
    void everyApiTypeIsUsedByAModuleAbove() {
        MODULE_API.forEach((module, api) -> {
            classes().that(inApi(module, api)).and().areTopLevelClasses().should(beUsedOutside(module)).check(classes);
            Set<String> found = classes.stream().filter(inApi(module, api)::test).map(c -> apiName(module, c)).collect(Collectors.toSet());
            Set<String> missing = api.stream().filter(type -> !found.contains(type)).collect(Collectors.toSet());
            if (!missing.isEmpty()) throw new AssertionError("ArchitectureTest.MODULE_API lists " + missing + " of " + module
                    + ", which do not exist: drop or rename them");
        });
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

    private static ArchCondition<JavaClass> beUsedOutsideTheirPackage(JavaClasses everything) {
        return new ArchCondition<>("be used by a class outside their package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean used = usedFrom(everything, type, origin -> !origin.equals(type.getPackageName()));
                if (!used) events.add(SimpleConditionEvent.violated(type, type.getName() + " is public, but nothing outside "
                        + type.getPackageName() + " uses it: make it package-private"));
            }
        };
    }

    /**
     * Whether a class of a package {@code from} accepts uses the type or one nested in it: a use
     * of a nested type (Vocabulary.Entry) needs the type around it public too.
     */
    private static boolean usedFrom(JavaClasses in, JavaClass type, Predicate<String> from) {
        return in.stream()
                .filter(c -> c.equals(type) || c.getName().startsWith(type.getName() + "$"))
                .flatMap(c -> c.getDirectDependenciesToSelf().stream())
                .anyMatch(d -> from.test(d.getOriginClass().getPackageName()));
    }

    private static Set<String> api(Map<String, String> typesByPackage) {
        return typesByPackage.entrySet().stream()
                .flatMap(e -> Stream.of(e.getValue().split(" ")).map(type -> e.getKey().isEmpty() ? type : e.getKey() + "." + type))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** "wav.WavWriter" for dev.signoff.audio.wav.WavWriter and its nested types. */
    private static String apiName(String module, JavaClass type) {
        return type.getName().substring(module.length() + 1).split("\\$")[0];
    }

    private static boolean isIn(String module, String packageName) {
        return packageName.equals(module) || packageName.startsWith(module + ".");
    }

    /** A type of the module named in its API, or nested in one. */
    private static DescribedPredicate<JavaClass> inApi(String module, Set<String> api) {
        return DescribedPredicate.describe("in the module's API",
                c -> isIn(module, c.getPackageName()) && api.contains(apiName(module, c)));
    }

    private static ArchCondition<JavaClass> beUsedOutside(String module) {
        return new ArchCondition<>("be used by another module") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean used = usedFrom(classes, type, origin -> !isIn(module, origin));
                if (!used) events.add(SimpleConditionEvent.violated(type, type.getName()
                        + " is listed in ArchitectureTest.MODULE_API, but no other module uses it: drop it from the list"));
            }
        };
    }
}
