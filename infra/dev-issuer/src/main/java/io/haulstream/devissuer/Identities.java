package io.haulstream.devissuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo city's identities as {@code demo-identities.tsv} lists them: organizations by key, and
 * the roles and organizations (ids, resolved from the keys) of every client and user.
 */
record Identities(Map<String, Organization> organizations, List<Client> clients, List<User> users) {

    record Organization(String key, String id, String name) {}

    /** Whoever a token is issued for: what the applications read from its claims. */
    interface Grantee {
        List<String> roles();

        List<String> organizations();
    }

    /** @param secret null for a public client, which proves itself with PKCE */
    record Client(String id, String secret, List<String> roles, List<String> organizations, String redirectUri)
            implements Grantee {}

    record User(String username, String password, List<String> roles, List<String> organizations) implements Grantee {}

    static Identities read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identities " + file, e);
        }
    }

    static Identities parse(List<String> lines) {
        Map<String, Organization> organizations = new LinkedHashMap<>();
        List<String[]> rest = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields[0].equals("organization")) {
                organizations.put(fields[1], new Organization(fields[1], fields[2], fields[3]));
            } else {
                rest.add(fields);
            }
        }
        List<Client> clients = new ArrayList<>();
        List<User> users = new ArrayList<>();
        for (String[] fields : rest) {
            switch (fields[0]) {
                case "client" ->
                    clients.add(new Client(
                            fields[1],
                            none(fields[2]),
                            list(fields[3]),
                            organizationIds(organizations, fields[4]),
                            none(fields[5])));
                case "user" ->
                    users.add(
                            new User(fields[1], fields[2], list(fields[3]), organizationIds(organizations, fields[4])));
                default -> throw new IllegalArgumentException("unknown line kind " + fields[0]);
            }
        }
        return new Identities(organizations, clients, users);
    }

    Optional<Client> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    Optional<User> user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    private static List<String> organizationIds(Map<String, Organization> organizations, String keys) {
        if (keys.equals("*")) {
            return organizations.values().stream().map(Organization::id).toList();
        }
        return list(keys).stream()
                .map(key -> Optional.ofNullable(organizations.get(key))
                        .orElseThrow(() -> new IllegalArgumentException("no organization with key " + key))
                        .id())
                .toList();
    }

    private static List<String> list(String field) {
        return field.equals("-") ? List.of() : Arrays.asList(field.split(","));
    }

    private static String none(String field) {
        return field.equals("-") ? null : field;
    }
}
