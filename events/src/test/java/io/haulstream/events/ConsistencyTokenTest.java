package io.haulstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    @Test
    void survivesEncodingAndDecoding() {
        var token = new ConsistencyToken("0b5f3c1e-bin", 7);

        assertThat(ConsistencyToken.decode(token.encode())).isEqualTo(token);
        assertThat(token.hasGlobalPosition()).isFalse();
    }

    @Test
    void writesFormatTwoWithoutAGlobalPosition() {
        String plain = new String(
                Base64.getUrlDecoder().decode(new ConsistencyToken("bin-1", 7).encode()), StandardCharsets.UTF_8);

        assertThat(plain).isEqualTo("2|bin-1|7");
    }

    @Test
    void stillReadsFormatOneTokensWithTheirGlobalPosition() {
        String issuedBefore = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("1|0b5f3c1e-bin|7|12345".getBytes(StandardCharsets.UTF_8));

        ConsistencyToken token = ConsistencyToken.decode(issuedBefore);

        assertThat(token).isEqualTo(new ConsistencyToken("0b5f3c1e-bin", 7, 12345));
        assertThat(token.encode()).isEqualTo(issuedBefore);
    }

    @Test
    void encodesToAUrlSafeString() {
        assertThat(new ConsistencyToken("a/b+c", 1).encode()).matches("[A-Za-z0-9_-]+");
        assertThat(new ConsistencyToken("a/b+c", 1, 2).encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void rejectsStringsItDidNotIssue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsistencyToken.decode("%%%"))
                .withMessageContaining("not base64url");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsistencyToken.decode("aGVsbG8"))
                .withMessageContaining("unknown format");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsistencyToken.decode(encoded("2|bin-1|7|12")))
                .withMessageContaining("unknown format");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsistencyToken.decode(encoded("1|bin-1|7|-1")))
                .withMessageContaining("must not be negative");
    }

    private static String encoded(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
