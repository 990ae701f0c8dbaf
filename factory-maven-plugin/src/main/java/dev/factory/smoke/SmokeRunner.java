package dev.factory.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.bake.ImageJson;
import dev.factory.docker.Containers;
import dev.factory.docker.EngineInfo;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Hashing;
import dev.factory.io.Json;
import dev.factory.io.Text;
import dev.factory.manifest.ManifestLoader;
import dev.factory.stitch.BuildSelector;
import dev.factory.stitch.FragmentLibrary;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * factory:test. Reads every build's tests (all specs are validated before any container starts), then
 * tests builds in parallel, each build's platforms one after the other, every test in its own
 * labelled container(s). Every build is tested and its files written ({@code evidence.log},
 * {@code smoke-report.xml}, {@code smoke.json}, Surefire-style {@code TEST-*.xml}) before the goal
 * fails; it ends with a table of build, platform, passed and failed.
 */
public final class SmokeRunner {
    public static final String EVIDENCE = "evidence.log";
    public static final String REPORT = "smoke-report.xml";

    public SmokeRun run(TestRequest request) {
        ManifestLoader loader = new ManifestLoader(request.projectDir(), request.limits());
        List<StitchedBuild> selected = new BuildSelector(request.manifestId()).read(request.outputDir());
        List<StitchedBuild> builds = withoutReused(selected, request);
        if (builds.isEmpty()) {
            request.info().accept("Nothing to test: passing records vouch for every image of the " + selected.size()
                    + " build(s) (no container is started; -Dfactory.rebuild=all tests them again).");
            return new SmokeRun(null, List.of());
        }
        request.info().accept(
                "Reading the tests of " + builds.size() + " build(s); all are checked before any container starts");
        FragmentLibrary library = FragmentLibrary.load(request.factoryDir(), loader::display, request.libraries(),
                request.limits());
        TestSpecParser parser = new TestSpecParser(request.projectDir(), request.timeout(), request.limits());
        SpecCollector collector = new SpecCollector(request.projectDir(), request.outputDir(), library, parser);
        Map<String, List<SmokeTest>> tests = new LinkedHashMap<>();
        for (StitchedBuild b : builds) {
            tests.put(b.build(), collector.collect(b));
        }

        EngineInfo engine = request.docker().check();
        Containers containers = new Containers(request.docker());
        String runId = RunJanitor.newRunId();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("factory-test-");
        } catch (IOException e) {
            throw new EnvironmentException("Cannot create a temporary folder for the test run: " + e.getMessage(), e);
        }
        request.info()
                .accept("Testing " + builds.size() + " build(s), " + request.parallel() + " at a time (run " + runId
                        + "; containers labelled " + Containers.RUN_LABEL + "=" + runId + ")");
        List<SmokeRun.BuildResult> results = new ArrayList<>();
        AtomicInteger environmentErrors = new AtomicInteger();
        AtomicReference<String> firstEnvironmentError = new AtomicReference<>();
        try (RunJanitor janitor = new RunJanitor(containers, runId, request.warn()).start()) {
            Session session = new Session(containers, janitor, request.outputLimit(), request.emulationFactor(),
                    scratch);
            BuildTester tester = new BuildTester(request, session, engine, environmentErrors, firstEnvironmentError);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, request.parallel()), daemonThreads());
            try {
                List<Future<SmokeRun.BuildResult>> futures = new ArrayList<>();
                for (StitchedBuild b : builds) {
                    futures.add(pool.submit(() -> tester.test(b, tests.get(b.build()), runId)));
                }
                for (Future<SmokeRun.BuildResult> f : futures) {
                    results.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("factory:test was interrupted; its containers are being removed.", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException) {
                    throw (RuntimeException) e.getCause();
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        } finally {
            deleteQuietly(scratch);
        }

        SmokeRun run = new SmokeRun(runId, results);
        request.info().accept("Smoke tests (run " + runId + "):");
        run.table().forEach(line -> request.info().accept("  " + line));
        conclude(run, request, environmentErrors.get(), firstEnvironmentError.get(), loader);
        return run;
    }

    /**
     * The builds with a platform to test: a platform that a passing record vouches for (image.json marks it reused) is
     * not tested again, and a build whose platforms all are is left out. Says which were left alone.
     */
    private static List<StitchedBuild> withoutReused(List<StitchedBuild> builds, TestRequest request) {
        List<StitchedBuild> out = new ArrayList<>();
        List<String> reused = new ArrayList<>();
        for (StitchedBuild b : builds) {
            Set<String> platforms = new LinkedHashSet<>(b.platforms());
            if (request.platform() != null && !request.platform().isBlank()) {
                platforms.retainAll(Set.of(request.platform().trim()));
            }
            Set<String> vouched = reusedPlatforms(request, b);
            platforms.stream().filter(vouched::contains).forEach(p -> reused.add(b.build() + " " + p));
            if (platforms.isEmpty() || !vouched.containsAll(platforms)) {
                out.add(b);
            }
        }
        if (!reused.isEmpty()) {
            request.info()
                    .accept("Not testing again " + reused.size()
                            + " image(s) that passing records vouch for (same key, "
                            + "same image; the bake table names them and the records)"
                            + (reused.size() <= 4 ? ": " + String.join(", ", reused) : ""));
        }
        return out;
    }

    /** The platforms of a build that image.json marks reused; none when it has no image.json. */
    static Set<String> reusedPlatforms(TestRequest request, StitchedBuild b) {
        Path dir = request.outputDir().resolve("builds").resolve(b.build());
        if (!Files.isRegularFile(dir.resolve(ImageJson.FILE))) {
            return Set.of();
        }
        try {
            Set<String> out = new LinkedHashSet<>();
            ImageJson.read(dir, b.build()).platforms().stream().filter(ImageJson.PlatformImage::isReused)
                    .forEach(p -> out.add(p.platform()));
            return out;
        } catch (BadInputException e) {
            return Set.of();
        }
    }

    private static void conclude(SmokeRun run, TestRequest request, int environmentErrors, String firstEnvironmentError,
            ManifestLoader loader) {
        if (run.passed()) {
            request.info().accept("All " + run.total() + " smoke test(s) passed.");
            return;
        }
        String where = "Evidence and JUnit reports: " + loader.display(request.outputDir().resolve("builds"))
                + "/<build>/" + EVIDENCE + " and " + REPORT
                + (request.reportsDir() != null
                        ? ", and " + loader.display(request.reportsDir()) + "/TEST-factory.*.xml" : "")
                + ".";
        String summary = String.join("\n", run.verdict()) + "\n" + where;
        if (request.failureIgnore()) {
            request.warn().accept(summary + " Going on: factory.test.failureIgnore is set.");
            return;
        }
        if (environmentErrors > 0) {
            throw new EnvironmentException(
                    summary + " " + environmentErrors + " test(s) could not run because docker failed, "
                            + "first: " + firstEnvironmentError + " Check the engine (docker info), then run again.");
        }
        throw new TestFailuresException(
                summary + " Fix the image or the tests, or set factory.test.failureIgnore to go on "
                        + "regardless.",
                run.builds());
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "factory-test-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void deleteQuietly(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            // a temporary folder of cid files; the OS cleans it up
        }
    }

    /** Tests one build on each of its platforms and writes its files. */
    static final class BuildTester {
        private final TestRequest request;
        private final Session session;
        private final EngineInfo engine;
        private final AtomicInteger environmentErrors;
        private final AtomicReference<String> firstEnvironmentError;
        private final ManifestLoader loader;

        BuildTester(TestRequest request, Session session, EngineInfo engine, AtomicInteger environmentErrors,
                AtomicReference<String> firstEnvironmentError) {
            this.request = request;
            this.session = session;
            this.engine = engine;
            this.environmentErrors = environmentErrors;
            this.firstEnvironmentError = firstEnvironmentError;
            this.loader = new ManifestLoader(request.projectDir());
        }

        SmokeRun.BuildResult test(StitchedBuild build, List<SmokeTest> tests, String runId) {
            Instant started = Instant.now();
            Path buildDir = request.outputDir().resolve("builds").resolve(build.build());
            ImageJson.Outcome read = ImageJson.tryRead(buildDir, build.build());
            ImageJson image = read.image();
            String imageProblem = read.problem();
            List<PlatformResult> platforms = new ArrayList<>();
            List<String> toTest = platforms(build, image);
            if (image != null) {
                image.platforms().stream().filter(ImageJson.PlatformImage::isReused)
                        .forEach(p -> toTest.remove(p.platform()));
            }
            for (String platform : toTest) {
                if (session.janitor().closing()) {
                    break;
                }
                if (imageProblem != null) {
                    // said once, in the summary at the end; the table marks the row meanwhile
                    PlatformResult.Untested why = new PlatformResult.Untested(PlatformResult.Kind.NOT_BUILT,
                            build.build() + " " + platform + ": " + imageProblem, imageProblem);
                    platforms.add(new PlatformResult(build.build(), platform, null, null, false, List.of(), why,
                            Duration.ZERO));
                    continue;
                }
                platforms.add(testPlatform(build, image, platform, tests));
            }
            SmokeSummary summary = write(build.build(), buildDir, runId, started, platforms);
            return new SmokeRun.BuildResult(build.build(), platforms, summary);
        }

        /** The build's platforms (narrowed by factory.platform), plus any image.json has that builds.json lacks. */
        private List<String> platforms(StitchedBuild build, ImageJson image) {
            Set<String> all = new LinkedHashSet<>(build.platforms());
            if (image != null) {
                image.platforms().forEach(p -> all.add(p.platform()));
            }
            if (request.platform() != null && !request.platform().isBlank()) {
                all.retainAll(Set.of(request.platform().trim()));
            }
            return new ArrayList<>(all);
        }

        private PlatformResult testPlatform(StitchedBuild build, ImageJson image, String platform,
                List<SmokeTest> tests) {
            long start = System.nanoTime();
            ImageJson.PlatformImage pi = image.platforms().stream().filter(p -> p.platform().equals(platform))
                    .findFirst().orElse(null);
            if (pi == null || !pi.built() || pi.ref() == null) {
                String problem = "Build " + build.build() + " has no image for " + platform
                        + (pi != null && pi.error() != null ? " (its bake failed: " + pi.error() + ")" : "")
                        + ". Run factory:bake (mvn package runs it) until that platform builds, then run factory:test again.";
                // the bake's error can be pages long: the console points at the bake table, the reports keep it all
                String line = build.build() + " " + platform + " has no image ("
                        + (pi == null ? "image.json has no entry for it; run factory:bake"
                                : pi.error() != null ? "its bake failed, see the bake table above"
                                        : pi.built() ? "image.json names no image; run factory:bake again"
                                                : "its bake status is " + pi.status() + "; run factory:bake")
                        + ")";
                return new PlatformResult(build.build(), platform, null, null, false, List.of(),
                        new PlatformResult.Untested(PlatformResult.Kind.NOT_BUILT, line, problem),
                        Session.since(start));
            }
            String ref = pi.ref() + (request.tagSuffix() == null ? "" : request.tagSuffix());
            Optional<JsonNode> inspected;
            try {
                inspected = locate(ref, platform);
            } catch (EnvironmentException e) {
                environmentError(e);
                return new PlatformResult(build.build(), platform, ref, pi.digest(), false, List.of(),
                        new PlatformResult.Untested(PlatformResult.Kind.DOCKER_FAILED,
                                build.build() + " " + platform + ": "
                                        + Text.firstLine(e.getMessage()),
                                e.getMessage()),
                        Session.since(start));
            }
            if (inspected.isEmpty()) {
                String problem = "Build " + build.build() + ": the image " + ref + " for " + platform
                        + " is neither in the local "
                        + "engine nor pullable. Run factory:bake (with --load, the default without a registry, or push it)"
                        + (request.tagSuffix() != null
                                ? ", and the goal that makes the '" + request.tagSuffix() + "' tag" : "")
                        + ", then run factory:test again.";
                return new PlatformResult(build.build(), platform, ref, pi.digest(), false, List.of(),
                        new PlatformResult.Untested(PlatformResult.Kind.NOT_FOUND,
                                build.build() + " " + platform + ": " + problem,
                                problem),
                        Session.since(start));
            }
            boolean emulated = !arch(platform).equals(arch(engine.platform()));
            ImageUnderTest target = new ImageUnderTest(build.build(), platform, ref, pi.digest(), emulated,
                    inspected.get().path("Config"));
            request.info().accept(build.build() + " " + platform + ": " + tests.size() + " test(s) on " + ref
                    + (emulated ? " (emulated; timeouts x" + request.emulationFactor() + ")" : ""));
            List<CaseResult> cases = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            CommandExecutor commands = new CommandExecutor(session);
            ServiceExecutor services = new ServiceExecutor(session);
            try (FileExecutor files = new FileExecutor(session, target)) {
                for (SmokeTest t : tests) {
                    if (session.janitor().closing()) {
                        break;
                    }
                    CaseResult c = runOne(t, target, commands, services, files);
                    int n = seen.merge(c.name(), 1, Integer::sum);
                    if (n > 1) {
                        c = c.renamed(c.name() + " (" + n + ")");
                    }
                    log(build.build(), platform, c);
                    cases.add(c);
                }
            } catch (EnvironmentException e) {
                // removing the file-test container failed; the sweep at the end tries again
                request.warn().accept(build.build() + " " + platform + ": " + e.getMessage());
            }
            return new PlatformResult(build.build(), platform, ref, pi.digest(), emulated, cases, null,
                    Session.since(start));
        }

        private CaseResult runOne(SmokeTest t, ImageUnderTest target, CommandExecutor commands,
                ServiceExecutor services,
                FileExecutor files) {
            long start = System.nanoTime();
            try {
                if (t instanceof SmokeTest.Command c) {
                    return commands.run(c, target);
                } else if (t instanceof SmokeTest.FileExistence f) {
                    return files.existence(f);
                } else if (t instanceof SmokeTest.FileContent f) {
                    return files.content(f);
                } else if (t instanceof SmokeTest.Metadata m) {
                    Step step = session.note("inspect",
                            Containers.commandLine(List.of(session.containers().docker().binary(),
                                    "image", "inspect", target.ref())),
                            Json.compact(target.config()), Duration.ZERO, null);
                    Duration budget = session.budget(t, target);
                    try {
                        return CaseResult.of(t,
                                Checks.metadata(m, target.config(), Regex.Deadline.after(start, budget)),
                                Session.since(start), List.of(step));
                    } catch (Regex.TimedOut e) {
                        return CaseResult.of(t, List.of(Checks.matchingTimedOut(budget)), Session.since(start),
                                List.of(step));
                    }
                } else if (t instanceof SmokeTest.Service s) {
                    return services.run(s, target);
                } else {
                    SmokeTest.Skipped s = (SmokeTest.Skipped) t;
                    return new CaseResult(s.name(), s.kind(), s.origin(), CaseResult.Status.SKIPPED, s.reason(),
                            s.reason(),
                            Duration.ZERO, List.of());
                }
            } catch (EnvironmentException e) {
                environmentError(e);
                return CaseResult.error(t, e.getMessage(), Session.since(start), List.of());
            }
        }

        private void environmentError(EnvironmentException e) {
            environmentErrors.incrementAndGet();
            firstEnvironmentError.compareAndSet(null, e.getMessage());
        }

        /** The image's inspect output; pulled first when the engine lacks it (pushed images, repacked tags). */
        private Optional<JsonNode> locate(String ref, String platform) {
            Optional<JsonNode> found = session.containers().inspectImage(ref);
            if (found.isPresent()) {
                return found;
            }
            ProcessRunner.Result pull = session.containers().pull(ref, platform);
            if (!pull.ok()) {
                request.warn().accept(
                        "docker pull " + ref + " failed: " + dev.factory.docker.Docker.lastLines(pull.stderr(), 3));
                return Optional.empty();
            }
            return session.containers().inspectImage(ref);
        }

        private void log(String build, String platform, CaseResult c) {
            String line = "  " + build + " " + platform + "  " + c.status() + "  " + c.name() + " ("
                    + Durations.format(c.duration()) + ")";
            if (c.status() == CaseResult.Status.FAILED || c.status() == CaseResult.Status.ERROR) {
                request.warn().accept(line + ": " + Text.firstLine(c.message()) + " [" + c.origin() + "]");
            } else {
                request.info().accept(line);
            }
        }

        private SmokeSummary write(String build, Path buildDir, String runId, Instant started,
                List<PlatformResult> platforms) {
            try {
                Files.createDirectories(buildDir);
                byte[] evidence = EvidenceLog.format(build, runId, started, request.outputLimit(), platforms)
                        .getBytes(StandardCharsets.UTF_8);
                Path evidenceFile = buildDir.resolve(EVIDENCE);
                AtomicFiles.write(evidenceFile, evidence);
                Map<String, Map<String, String>> properties = new LinkedHashMap<>();
                for (PlatformResult p : platforms) {
                    properties.put(p.platform(), properties(p, runId));
                }
                Path report = buildDir.resolve(REPORT);
                AtomicFiles.write(report, JUnitReport.suites(build, platforms, properties));
                List<SmokeSummary.Platform> summaries = new ArrayList<>();
                for (PlatformResult p : platforms) {
                    String suiteReport = null;
                    if (request.reportsDir() != null) {
                        Path copy = request.reportsDir().resolve("TEST-" + p.suiteName() + ".xml");
                        AtomicFiles.write(copy, JUnitReport.suite(p, properties.get(p.platform())));
                        suiteReport = loader.display(copy);
                    }
                    summaries.add(new SmokeSummary.Platform(p.platform(), p.ref(), p.digest(), p.emulated(), p.status(),
                            p.total(), p.passed(), p.failures(), p.errors(), p.skipped(), p.duration().toMillis(),
                            p.suiteName(),
                            suiteReport, p.problem()));
                }
                String status = platforms.stream().anyMatch(p -> p.status().equals("error")) ? "error"
                        : platforms.stream().anyMatch(p -> p.status().equals("fail")) ? "fail" : "pass";
                SmokeSummary summary = new SmokeSummary(build, runId, status, new SmokeSummary.Tests(
                        platforms.stream().mapToInt(PlatformResult::total).sum(),
                        platforms.stream().mapToInt(PlatformResult::failures).sum(),
                        platforms.stream().mapToInt(PlatformResult::errors).sum(),
                        platforms.stream().mapToInt(PlatformResult::skipped).sum()),
                        loader.display(report),
                        new SmokeSummary.Evidence(loader.display(evidenceFile), Hashing.sha256(evidence)),
                        summaries);
                AtomicFiles.write(buildDir.resolve(SmokeSummary.FILE), Json.bytes(summary));
                return summary;
            } catch (IOException e) {
                throw new EnvironmentException(
                        "Cannot write the test results of build " + build + " under " + buildDir + ": "
                                + e.getMessage() + ". Check free space and permissions there, then run again.",
                        e);
            }
        }

        private static Map<String, String> properties(PlatformResult p, String runId) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("factory.build", p.build());
            props.put("factory.platform", p.platform());
            props.put("factory.image", p.ref() == null ? "" : p.ref());
            props.put("factory.digest", p.digest() == null ? "" : p.digest());
            props.put("factory.emulated", String.valueOf(p.emulated()));
            props.put("factory.run", runId);
            return props;
        }

        static String arch(String platform) {
            String[] parts = platform.split("/");
            return parts.length > 1 ? parts[0] + "/" + parts[1] : platform;
        }
    }
}
