package io.haulstream.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link IsoInstants} against the JDK's {@link DateTimeFormatter#ISO_INSTANT}, the format it promises. */
class IsoInstantsTest {

    @Property(tries = 5_000)
    void writesWhatTheIsoInstantFormatterWrites(@ForAll("instants") Instant instant) {
        assertThat(IsoInstants.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    /**
     * Whole seconds, milliseconds, microseconds and nanoseconds alike, over the formatter's whole
     * range (years with a sign or five digits included), with the ends of days and years often.
     */
    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs()
                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .edgeCases(edges -> edges.add(
                        -62_167_219_200L, -62_167_219_201L, 253_402_300_799L, 253_402_300_800L, -1L, 0L, 86_399L));
        Arbitrary<Long> recent = Arbitraries.longs().between(0, 4_102_444_800L);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(
                Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(millis -> millis * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(micros -> micros * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(Arbitraries.oneOf(seconds, recent), nanos).as(Instant::ofEpochSecond);
    }
}
