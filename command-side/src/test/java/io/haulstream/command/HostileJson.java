package io.haulstream.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a hostile or broken client sends as JSON: every value is raw JSON text, so it
 * can be what no serializer would write (NaN, a thousand-digit number, nesting past any limit, a lone
 * surrogate escaped). Shared by the fuzz properties of the command API and of the fleet record parser.
 */
public final class HostileJson {

    private HostileJson() {}

    /** Texts that break something somewhere: control characters, SQL and script, odd Unicode, length. */
    public static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        " ",
                        "'; DROP TABLE domain_event_entry; --",
                        "\" OR 1=1 --",
                        "Robert'); DELETE FROM bins;--",
                        "<script>alert(1)</script>",
                        "${jndi:ldap://x/a}",
                        "{{7*7}}",
                        "../../etc/passwd",
                        "%00%0a",
                        "\\u0000",
                        "Zoë's Café – Straße 1",
                        "🚛🗑️ bin",
                        "\u202Eevil",
                        " leading and trailing ",
                        "tab\tinside",
                        "line\nbreak",
                        "nul\u0000byte",
                        "bell\u0007",
                        "c1\u0085next",
                        "lone \ud800 high",
                        "lone \udc00 low"),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(60).ofMaxLength(300));
    }

    /** A text as a JSON string literal, every character escaped as JSON allows (lone surrogates too). */
    public static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Numbers a parser may choke on, or that a field may silently truncate. */
    public static Arbitrary<String> hostileNumber() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "1e400",
                        "-1e400",
                        "1e-400",
                        "99999999999999999999999999",
                        "-9223372036854775809",
                        "2147483648",
                        "240.5",
                        "-0",
                        "0x10",
                        "01",
                        "1" + "0".repeat(200),
                        "0." + "1".repeat(200)),
                Arbitraries.integers().map(Object::toString),
                Arbitraries.doubles().map(Object::toString));
    }

    /** Arrays or objects nested deeper than any command needs. */
    public static Arbitrary<String> deepNesting() {
        return Arbitraries.integers()
                .between(5, 400)
                .flatMap(depth -> Arbitraries.of(
                        "[".repeat(depth) + "]".repeat(depth), "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
    }

    /** Any JSON value of the wrong kind, or no JSON at all. */
    public static Arbitrary<String> anyValue() {
        return Arbitraries.oneOf(
                hostileText().map(HostileJson::quoted),
                hostileNumber(),
                deepNesting(),
                Arbitraries.of("true", "false", "null", "[]", "{}", "[1,2]", "{\"x\":1}", "undefined", "'single'"));
    }

    /**
     * A JSON object with the given fields, each field's value taken from its own arbitrary, and now
     * and then a field left out, an unknown field added or the whole text cut short.
     */
    public static Arbitrary<String> object(Map<String, Arbitrary<String>> fields) {
        List<Arbitrary<String>> members = new ArrayList<>();
        fields.forEach((name, value) -> members.add(Arbitraries.oneOf(
                value.map(v -> quoted(name) + ":" + v), value.map(v -> quoted(name) + ":" + v), Arbitraries.just(""))));
        Arbitrary<List<String>> all = Combinators.combine(members).as(List::copyOf);
        return Combinators.combine(all, Arbitraries.of("", "", "", "\"unknown\":[1]"), Arbitraries.of(0, 0, 0, 0, 1))
                .as((present, extra, cut) -> {
                    List<String> parts = new ArrayList<>(
                            present.stream().filter(p -> !p.isEmpty()).toList());
                    if (!extra.isEmpty()) {
                        parts.add(extra);
                    }
                    String json = "{" + String.join(",", parts) + "}";
                    return cut == 1 ? json.substring(0, json.length() / 2) : json;
                });
    }

    /** A field's value: mostly one a good client would send, otherwise anything. */
    public static Arbitrary<String> mostly(Arbitrary<String> good) {
        return Arbitraries.frequencyOf(Tuple.of(3, good), Tuple.of(1, anyValue()));
    }
}
