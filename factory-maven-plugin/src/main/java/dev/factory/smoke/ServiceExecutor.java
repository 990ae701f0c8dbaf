package dev.factory.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.docker.Containers;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.Text;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service tests: the image runs detached with its port published on a free loopback port, is polled
 * until it answers (TCP or HTTP) or the readiness timeout passes, then each request's answer is
 * checked. A service that never becomes ready fails with the container's last 50 log lines.
 */
final class ServiceExecutor {
    static final int LOG_LINES = 50;
    private static final Duration PROBE = Duration.ofSeconds(2);
    /** How long a TCP probe waits for the service to close the connection (a proxy with no listener does at once). */
    private static final int TCP_SETTLE_MS = 300;

    private final Session session;
    private final HttpClient http;

    ServiceExecutor(Session session) {
        this.session = session;
        // no proxy: the service is on the loopback, whatever the Maven JVM's proxy settings say
        this.http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(PROBE)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    CaseResult run(SmokeTest.Service t, ImageUnderTest image) {
        long start = System.nanoTime();
        Duration budget = session.budget(t, image);
        Map<String, String> imageEnv = image.env();
        List<Step> steps = new ArrayList<>();
        String name = session.janitor().nextName();
        Containers.Spec spec = session.spec(image, image.ref()).name(name).detach(true)
                .publish("127.0.0.1::" + t.port());
        if (t.command() != null) {
            List<String> command = new ArrayList<>();
            command.add(t.command());
            command.addAll(t.args());
            spec.entrypoint(t.entrypoint() == null ? List.of() : t.entrypoint())
                    .command(Session.expand(command, imageEnv));
        } else {
            if (t.entrypoint() != null) {
                spec.entrypoint(t.entrypoint());
            }
            spec.command(Session.expand(t.args(), imageEnv));
        }
        Session.apply(spec, t.env(), t.options(), imageEnv);
        try {
            ProcessRunner.Result r = session.containers().run(spec,
                    Durations.remaining(budget, start, System.nanoTime()),
                    Session.CAPTURE);
            steps.add(session.step("start", spec.runArgs(), r, r.ok() ? r.stdout().trim() : name));
            if (!r.ok()) {
                String why = r.timedOut() ? "did not start within " + Durations.format(budget)
                        : "exit " + r.exitCode() + ": "
                                + Text.firstLine(r.stderr());
                if (r.exitCode() == 126 || r.exitCode() == 127) {
                    // the image cannot run what the test names (missing or not executable): the image or test is wrong
                    return CaseResult.of(t, List.of(new Checks.Problem("the service could not be started: " + why,
                            "the container starts", Checks.excerpt(r.stderr().trim()))), Session.since(start), steps);
                }
                return CaseResult.error(t, "the service container could not be started (" + why + ")",
                        Session.since(start), steps);
            }
            Optional<String> address = session.containers().hostAddress(name, t.port());
            if (address.isEmpty()) {
                logs(name, steps);
                return CaseResult.of(t,
                        List.of(new Checks.Problem("port " + t.port() + " was not published (the container "
                                + "stopped at once?)", "port " + t.port() + " published",
                                "none; see the container's logs in the evidence")),
                        Session.since(start), steps);
            }
            String base = "http://" + address.get();
            Duration readyBudget = Durations.effective(
                    t.readiness().timeout() == null ? t.timeout() : t.readiness().timeout(),
                    image.emulated(), session.emulationFactor());
            Checks.Problem notReady = awaitReady(t, name, address.get(), base, readyBudget, steps);
            if (notReady != null) {
                String logs = logs(name, steps);
                return CaseResult.of(t, List.of(new Checks.Problem(notReady.message(), notReady.expected(),
                        notReady.actual() + "\nlast " + LOG_LINES + " log lines:\n" + logs)), Session.since(start),
                        steps);
            }
            List<Checks.Problem> problems = new ArrayList<>();
            for (SmokeTest.HttpCheck check : t.requests()) {
                Duration left = Durations.remaining(budget, start, System.nanoTime());
                if (left.isZero()) {
                    problems.add(
                            new Checks.Problem("timed out after " + Durations.format(budget), "all requests answered",
                                    "no time left for " + check.method() + " " + check.path()));
                    break;
                }
                try {
                    problems.addAll(request(check, base, left, steps, name));
                } catch (Regex.TimedOut e) {
                    problems.add(Checks.matchingTimedOut(budget));
                    break;
                }
            }
            logs(name, steps);
            return CaseResult.of(t, problems, Session.since(start), steps);
        } finally {
            session.containers().remove(List.of(name));
        }
    }

    /** Null when ready, else what was seen last. */
    private Checks.Problem awaitReady(SmokeTest.Service t, String container, String address, String base,
            Duration budget,
            List<Step> steps) {
        long start = System.nanoTime();
        long lastStateCheck = start;
        int attempts = 0;
        String last = "no attempt";
        SmokeTest.Readiness readiness = t.readiness();
        String what = readiness.http() ? "GET " + base + readiness.httpPath() + " answering " + readiness.status()
                : "TCP " + address + " accepting and holding a connection";
        while (true) {
            attempts++;
            last = readiness.http() ? probeHttp(base + readiness.httpPath(), readiness.status()) : probeTcp(address);
            if (last == null) {
                steps.add(session.note("ready", what, "ready after " + attempts + " attempt(s)", Session.since(start),
                        container));
                return null;
            }
            Duration left = Durations.remaining(budget, start, System.nanoTime());
            if (left.isZero() || Thread.currentThread().isInterrupted() || session.janitor().closing()) {
                break;
            }
            if (System.nanoTime() - lastStateCheck > 1_000_000_000L) {
                lastStateCheck = System.nanoTime();
                Optional<JsonNode> state = session.containers().inspectContainer(container);
                if (state.isPresent() && !state.get().path("State").path("Running").asBoolean(true)) {
                    int exit = state.get().path("State").path("ExitCode").asInt();
                    steps.add(session.note("ready", what, "the container exited with " + exit + " after " + attempts
                            + " attempt(s); last: " + last, Session.since(start), container));
                    return new Checks.Problem("the service exited with code " + exit + " before it became ready",
                            what + " within " + Durations.format(budget),
                            "exited with " + exit + "; last probe: " + last);
                }
            }
            sleep(Math.min(readiness.interval().toMillis(), left.toMillis()));
        }
        steps.add(
                session.note("ready", what, "not ready after " + attempts + " attempt(s) in " + Durations.format(budget)
                        + "; last: " + last, Session.since(start), container));
        return new Checks.Problem(
                "the service was not ready on port " + t.port() + " within " + Durations.format(budget),
                what + " within " + Durations.format(budget), "last probe: " + last);
    }

    /** Null when the service holds the connection open (or sends something); else why not. */
    static String probeTcp(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) PROBE.toMillis());
            s.setSoTimeout(TCP_SETTLE_MS);
            // docker's port proxy accepts even when nothing listens in the container, then closes at once
            InputStream in = s.getInputStream();
            try {
                return in.read() < 0 ? "connection closed at once (nothing listening in the container yet)" : null;
            } catch (SocketTimeoutException e) {
                return null;
            }
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private String probeHttp(String url, int status) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PROBE).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == status ? null : "status " + r.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private List<Checks.Problem> request(SmokeTest.HttpCheck check, String base, Duration timeout, List<Step> steps,
            String container) {
        String url = base + check.path();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        check.headers().forEach(b::header);
        b.method(check.method(), check.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(check.body(), StandardCharsets.UTF_8));
        long start = System.nanoTime();
        String command = check.method() + " " + url;
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            StringBuilder headers = new StringBuilder();
            r.headers().map()
                    .forEach((k, v) -> headers.append(k).append(": ").append(String.join(", ", v)).append('\n'));
            steps.add(new Step("request", command, r.statusCode(), false,
                    Step.Output.of(r.body(), false, session.outputLimit()),
                    Step.Output.of(headers.toString(), false, session.outputLimit()), Session.since(start), container,
                    "exit is the HTTP status; stdout the body, stderr the response headers"));
            return Checks.http(check, r.statusCode(), r.headers().map(), r.body(),
                    Regex.Deadline.after(start, timeout));
        } catch (IOException e) {
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            steps.add(new Step("request", command, null, e instanceof java.net.http.HttpTimeoutException,
                    Step.Output.EMPTY,
                    Step.Output.of(why, false, session.outputLimit()), Session.since(start), container, null));
            return List.of(new Checks.Problem(command + " failed: " + why, "an answer " + check.expectedStatus(), why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new Checks.Problem(command + " was interrupted", "an answer", "interrupted"));
        }
    }

    /** Adds the container's last log lines to the evidence and returns them. */
    private String logs(String container, List<Step> steps) {
        List<String> args = List.of("logs", "--tail", String.valueOf(LOG_LINES), container);
        ProcessRunner.Result r = session.containers().logs(container, LOG_LINES, Duration.ofSeconds(30));
        steps.add(session.step("logs", args, r, container));
        String text = (r.stdout() + (r.stderr().isEmpty() ? "" : (r.stdout().isEmpty() ? "" : "\n") + r.stderr()))
                .trim();
        return text.isEmpty() ? "(no output)" : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(10, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
