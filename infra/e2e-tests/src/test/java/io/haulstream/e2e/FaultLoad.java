package io.haulstream.e2e;

import io.haulstream.events.ConsistencyToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fault suite's steady load: random commands over HTTP, spread over both command sides, and
 * fleet records on the inbound topic for bins nothing else touches. Each outcome is written to the
 * current {@link Window}: what was acknowledged (a command's consistency token, a record's id once
 * the broker took it) and every error by status or exception. {@link #pause()} waits for the
 * commands in flight, so a comparison with the truth sees a quiet system.
 */
final class FaultLoad implements AutoCloseable {

    static final String FLEET_SYSTEM = "fault-trucks";
    private static final int COMMAND_THREADS = 3;
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

    /** What the load saw while one fault lasted. */
    static final class Window {
        final String fault;
        final Queue<ConsistencyToken> acknowledged = new ConcurrentLinkedQueue<>();
        final Queue<String> fleetAcknowledged = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();

        Window(String fault) {
            this.fault = fault;
        }

        void error(String what) {
            errors.computeIfAbsent(what, key -> new AtomicInteger()).incrementAndGet();
        }

        Map<String, Integer> errorCounts() {
            Map<String, Integer> counts = new TreeMap<>();
            errors.forEach((what, count) -> counts.put(what, count.get()));
            return counts;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Application> commandSides;
    private final RandomCommands commands;
    private final List<String> fleetBins;
    private final String fleetTopic;
    private final KafkaProducer<String, String> producer;
    private final AtomicReference<Window> window = new AtomicReference<>(new Window("start-up"));
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    FaultLoad(
            List<Application> commandSides,
            List<String> organizations,
            Map<String, List<String>> customers,
            List<String> fleetBins,
            String bootstrap,
            String fleetTopic) {
        this.commandSides = commandSides;
        this.fleetBins = fleetBins;
        this.fleetTopic = fleetTopic;
        Map<String, List<String>> bins = new ConcurrentHashMap<>();
        Map<String, List<String>> routes = new ConcurrentHashMap<>();
        Map<String, List<String>> territories = new ConcurrentHashMap<>();
        for (String organization : organizations) {
            bins.put(organization, new CopyOnWriteArrayList<>());
            routes.put(organization, new CopyOnWriteArrayList<>());
            territories.put(organization, new CopyOnWriteArrayList<>());
        }
        this.commands = new RandomCommands(
                new RandomCommands.Http() {
                    @Override
                    public HttpResponse<String> post(String path, Object body)
                            throws IOException, InterruptedException {
                        return send("POST", path, body);
                    }

                    @Override
                    public HttpResponse<String> put(String path, Object body) throws IOException, InterruptedException {
                        return send("PUT", path, body);
                    }

                    @Override
                    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
                        return send("DELETE", path, null);
                    }
                },
                organizations,
                customers,
                bins,
                routes,
                territories);
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producer = new KafkaProducer<>(settings);
    }

    void start() {
        for (int i = 0; i < COMMAND_THREADS; i++) {
            long seed = 1000L + i;
            threads.add(new Thread(() -> commands(new Random(seed)), "fault-load-" + i));
        }
        threads.add(new Thread(() -> fleet(new Random(7)), "fault-fleet"));
        threads.forEach(Thread::start);
    }

    /** A new window: what follows is counted for this fault. */
    Window window(String fault) {
        Window fresh = new Window(fault);
        window.set(fresh);
        return fresh;
    }

    /** Waits for the commands in flight and every record the producer holds; none follow until resumed. */
    void pause() {
        gate.writeLock().lock();
        producer.flush();
    }

    void resume() {
        gate.writeLock().unlock();
    }

    private void commands(Random dice) {
        while (running) {
            gate.readLock().lock();
            try {
                if (!running) {
                    return;
                }
                commands.randomCommand(new Random(dice.nextLong()));
            } catch (InterruptedException e) {
                return;
            } catch (IOException countedWhereSent) {
                // send() counted it
            } catch (Exception e) {
                window.get().error(e.getClass().getSimpleName());
            } finally {
                gate.readLock().unlock();
            }
            LockSupport.parkNanos(PACE_NANOS);
        }
    }

    private void fleet(Random dice) {
        while (running) {
            gate.readLock().lock();
            try {
                if (!running) {
                    return;
                }
                String bin = fleetBins.get(dice.nextInt(fleetBins.size()));
                String recordId = "fault-" + UUID.randomUUID();
                String record = dice.nextBoolean()
                        ? "{\"type\":\"BIN_SERVICED\",\"fleetSystem\":\"" + FLEET_SYSTEM + "\",\"recordId\":\""
                                + recordId + "\",\"binId\":\"" + bin + "\",\"outcome\":\"EMPTIED\",\"weightKg\":"
                                + dice.nextInt(40) + ",\"occurredAt\":\"" + Instant.now() + "\"}"
                        : "{\"type\":\"FILL_LEVEL_REPORTED\",\"fleetSystem\":\"" + FLEET_SYSTEM + "\",\"recordId\":\""
                                + recordId + "\",\"binId\":\"" + bin + "\",\"fillPercent\":" + dice.nextInt(101)
                                + ",\"occurredAt\":\"" + Instant.now() + "\"}";
                Window counted = window.get();
                counted.sent.incrementAndGet();
                producer.send(new ProducerRecord<>(fleetTopic, bin, record), (metadata, failure) -> {
                    if (failure == null) {
                        counted.fleetAcknowledged.add(recordId);
                    } else {
                        counted.error("fleet record: " + failure.getClass().getSimpleName());
                    }
                });
            } finally {
                gate.readLock().unlock();
            }
            LockSupport.parkNanos(PACE_NANOS * 2);
        }
    }

    /** Round robin over the command sides; a 2xx reply's token is what the command side acknowledged. */
    private HttpResponse<String> send(String method, String path, Object body)
            throws IOException, InterruptedException {
        Application commandSide = commandSides.get(Math.floorMod(next.getAndIncrement(), commandSides.size()));
        URI uri = commandSide.uri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(StatisticsExactnessIT.JSON.writeValueAsString(body)));
        }
        Window counted = window.get();
        counted.sent.incrementAndGet();
        HttpResponse<String> reply;
        try {
            reply = Callers.send(http, request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            counted.error(e.getClass().getSimpleName());
            throw e;
        }
        if (reply.statusCode() / 100 == 2) {
            reply.headers()
                    .firstValue("Consistency-Token")
                    .ifPresent(token -> counted.acknowledged.add(ConsistencyToken.decode(token)));
        } else {
            counted.error("HTTP " + reply.statusCode());
        }
        return reply;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        producer.close(Duration.ofSeconds(10));
    }
}
