package io.haulstream.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One packaged haulstream application, started as its own JVM the way the run command starts it. */
final class Application implements AutoCloseable {

    // A busy shared machine has taken over two minutes to start one; the scripts' own setting widens it.
    private static final Duration START_TIMEOUT =
            Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("APP_START_TIMEOUT_SECONDS", "120")));

    private final String name;
    private final ProcessBuilder builder;
    private final Path log;
    private Process process;
    final int port;

    /** The port of the operators' endpoints (monitoring, dead letters), on loopback. */
    final int managementPort;

    private Application(String name, ProcessBuilder builder, Path log, int port, int managementPort)
            throws IOException {
        this.name = name;
        this.builder = builder;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.process = builder.start();
    }

    static Application start(String name, String jarProperty, String portVariable, Map<String, String> environment)
            throws IOException {
        return start(name, jarProperty, portVariable, freePort(), environment);
    }

    /**
     * On a port chosen beforehand: for an address another process must know before this one
     * starts (the board's origin, which the development issuer lets in).
     */
    static Application start(
            String name, String jarProperty, String portVariable, int port, Map<String, String> environment)
            throws IOException {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException(jarProperty + " must name a packaged jar, was " + jar);
        }
        Path log = Files.createDirectories(Path.of("target", "e2e-logs")).resolve(name + ".log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Trusting the test key, unless the test names an issuer of its own.
        builder.environment().putAll(Callers.applicationEnvironment());
        // The packaged applications have no password of their own outside the dev profile: the
        // test servers' one, from the environment infra/test.sh exports, else its development default.
        builder.environment().putIfAbsent("HAULSTREAM_DB_PASSWORD", "haulstream");
        // The tests send commands as fast as they can from one address; the limit has its own IT.
        builder.environment().putIfAbsent("COMMAND_RATE_LIMIT", "0");
        builder.environment().putAll(environment);
        builder.environment().put(portVariable, Integer.toString(port));
        // Each application reads its own variable; a free port either way keeps the defaults
        // (9081, 9082) to the applications that infra/run.sh starts.
        int managementPort = freePort();
        builder.environment().put("COMMAND_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("QUERY_MANAGEMENT_PORT", Integer.toString(managementPort));
        return new Application(name, builder, log, port, managementPort);
    }

    /** Kills the process at once, as a crash would: no shutdown hook, no graceful stop. */
    void crash() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    void restart() throws IOException {
        process = builder.start();
    }

    long pid() {
        return process.pid();
    }

    /** Sends the process a signal by name (STOP, CONT), as an operator's kill would. */
    void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    void awaitReady(HttpClient http) throws IOException, InterruptedException {
        awaitReady(http, "/actuator/health/readiness");
    }

    /** Until the path answers 200 (the development issuer has no actuator: its discovery document). */
    void awaitReady(HttpClient http, String path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var reply =
                        http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.discarding());
                if (reply.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens only once the context has started
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
