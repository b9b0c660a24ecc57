package io.haulstream.query.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live statistics for dispatch boards, per organization, as server-sent events. A change is
 * published on a Redis topic so that every query-side instance tells its own subscribers, whichever
 * instance projected it; while Redis is unreachable, changes still reach this instance's own
 * subscribers.
 */
@Component
class StatisticsStream {

    private static final Logger log = LoggerFactory.getLogger(StatisticsStream.class);
    private static final String TOPIC = "haulstream.statistics.changes";

    record Change(String scope, String key, String body) {}

    private final RTopic topic;
    private final ObjectMapper json;
    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean listening;

    StatisticsStream(RedissonClient redis, ObjectMapper json) {
        this.topic = redis.getTopic(TOPIC, StringCodec.INSTANCE);
        this.json = json;
    }

    SseEmitter subscribe(String scope) {
        SseEmitter emitter = new SseEmitter(0L);
        List<SseEmitter> ofScope = subscribers.computeIfAbsent(scope, key -> new CopyOnWriteArrayList<>());
        ofScope.add(emitter);
        emitter.onCompletion(() -> ofScope.remove(emitter));
        emitter.onTimeout(() -> ofScope.remove(emitter));
        emitter.onError(failure -> ofScope.remove(emitter));
        try {
            // A comment at once sends the reply's headers, so a client knows it is subscribed now
            // rather than at the first change, which on a quiet organization may be long.
            emitter.send(SseEmitter.event().comment("subscribed"));
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
        return emitter;
    }

    void changed(String scope, String key, String body) {
        Change change = new Change(scope, key, body);
        if (listening) {
            try {
                topic.publish(write(change));
                return;
            } catch (RuntimeException e) {
                log.debug("redis topic unreachable, telling local subscribers only: {}", e.toString());
            }
        }
        deliver(change);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void listen() {
        if (listening) {
            return;
        }
        try {
            topic.addListener(String.class, (channel, message) -> deliver(read(message)));
            listening = true;
        } catch (RuntimeException e) {
            log.warn("cannot listen on redis topic {} yet; live statistics reach local subscribers only", TOPIC);
        }
    }

    private void deliver(Change change) {
        for (SseEmitter emitter : subscribers.getOrDefault(change.scope(), List.of())) {
            try {
                emitter.send(SseEmitter.event()
                        .name(change.key().split(":", 2)[0])
                        .id(change.key())
                        .data(change.body(), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }
    }

    private String write(Change change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Change read(String message) {
        try {
            return json.readValue(message, Change.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
