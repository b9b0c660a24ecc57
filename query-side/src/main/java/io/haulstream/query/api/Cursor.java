package io.haulstream.query.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code after=} cursor of keyset-paged lists: the last row's sort key, its parts joined
 * by a separator no key holds, in URL-safe base64. Opaque so that clients pass it back as given and
 * a list may change its sort key without breaking them; anything that does not decode to the
 * expected number of parts is refused as {@link InvalidQuery} naming the parameter.
 */
public final class Cursor {

    public static final String PARAMETER = "after";

    private static final String SEPARATOR = "\u001f";

    private Cursor() {}

    public static String encode(String... parts) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for no cursor (the first page) */
    public static List<String> decode(String cursor, int parts) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw malformed();
        }
        List<String> decoded = List.of(text.split(SEPARATOR, -1));
        if (decoded.size() != parts || decoded.stream().anyMatch(String::isEmpty)) {
            throw malformed();
        }
        return decoded;
    }

    /** A part that must be a number, e.g. a sequence or epoch microseconds. */
    public static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException notANumber) {
            throw malformed();
        }
    }

    private static InvalidQuery malformed() {
        return new InvalidQuery(
                PARAMETER, "is not a cursor this list gave out: pass the previous page's next as it is");
    }
}
