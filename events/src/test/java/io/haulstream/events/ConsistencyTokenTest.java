package io.haulstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    @Test
    void survivesEncodingAndDecoding() {
        var token = new ConsistencyToken("0b5f3c1e-bin", 7, 12345);

        assertThat(ConsistencyToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void encodesToAUrlSafeString() {
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
    }
}
