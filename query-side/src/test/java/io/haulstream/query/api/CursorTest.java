package io.haulstream.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Property
    void givesBackThePartsItWasMadeOf(
            @ForAll @Size(min = 1, max = 4)
                    List<@NotEmpty @AlphaChars @NumericChars @Chars({'-', ':', '.', ' ', 'é', '€'}) String> parts) {
        String cursor = Cursor.encode(parts.toArray(String[]::new));

        assertThat(cursor).matches("[A-Za-z0-9_-]*");
        assertThat(Cursor.decode(cursor, parts.size())).containsExactlyElementsOf(parts);
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertThat(Cursor.decode(null, 3)).isNull();
        assertThat(Cursor.decode("", 3)).isNull();
    }

    @Test
    void refusesWhatItDidNotGiveOutNamingTheParameter() {
        for (String bad : List.of("!!", "not base64 at all", Cursor.encode("a", "b"), Cursor.encode("a", "", "c"))) {
            assertThatThrownBy(() -> Cursor.decode(bad, 3))
                    .isInstanceOf(InvalidQuery.class)
                    .extracting(thrown -> ((InvalidQuery) thrown).field())
                    .isEqualTo("after");
        }
        assertThatThrownBy(() -> Cursor.number("12x")).isInstanceOf(InvalidQuery.class);
    }
}
