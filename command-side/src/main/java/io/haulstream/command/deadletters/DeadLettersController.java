package io.haulstream.command.deadletters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dead-letter endpoints; {@link ManagementConnector} serves them on the management port only. */
@RestController
@RequestMapping(ManagementConnector.PATH)
class DeadLettersController {

    private final DeadLetters deadLetters;

    DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Map<String, Object> list() {
        List<DeadLetters.DeadLetter> letters = deadLetters.list();
        Map<String, Object> reply = new LinkedHashMap<>(DeadLetters.summary(letters));
        reply.put("deadLetters", letters);
        return reply;
    }

    @PostMapping("/{partition}/{offset}/replay")
    ResponseEntity<DeadLetters.DeadLetter> replay(@PathVariable int partition, @PathVariable long offset) {
        return ResponseEntity.of(deadLetters.replay(partition, offset));
    }

    @PostMapping("/replay")
    Map<String, Object> replayAll() {
        List<DeadLetters.DeadLetter> replayed = deadLetters.replayAll();
        return Map.of("replayed", replayed.size(), "deadLetters", replayed);
    }
}
