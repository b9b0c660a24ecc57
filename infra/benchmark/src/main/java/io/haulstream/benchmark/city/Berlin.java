package io.haulstream.benchmark.city;

import java.util.List;

/**
 * The real city the generated one is laid over: Berlin's neighbourhoods at their real centres, with
 * street grids, postcodes and the names haulers, streets and customers there tend to have. Umlauts
 * are escaped so the source compiles the same under any platform encoding.
 */
final class Berlin {

    /**
     * @param weight how many of the city's customers live here, relative to the others
     * @param sigmaMetres how far addresses spread from the centre (one standard deviation)
     * @param rotationDegrees how the street grid is turned against north
     * @param blockMetres distance between parallel streets
     */
    record Neighbourhood(
            String name,
            String code,
            double longitude,
            double latitude,
            double weight,
            double sigmaMetres,
            double rotationDegrees,
            double blockMetres,
            int postcode) {

        double metresPerDegreeLongitude() {
            return METRES_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(latitude));
        }

        /** Local street-grid metres to WGS 84, longitude first. */
        double longitudeOf(double x, double y) {
            double theta = Math.toRadians(rotationDegrees);
            double east = x * Math.cos(theta) - y * Math.sin(theta);
            return longitude + east / metresPerDegreeLongitude();
        }

        double latitudeOf(double x, double y) {
            double theta = Math.toRadians(rotationDegrees);
            double north = x * Math.sin(theta) + y * Math.cos(theta);
            return latitude + north / METRES_PER_DEGREE_LATITUDE;
        }

        /** WGS 84 to local street-grid metres: the inverse of {@link #longitudeOf} and {@link #latitudeOf}. */
        double xOf(double lon, double lat) {
            double theta = Math.toRadians(rotationDegrees);
            double east = (lon - longitude) * metresPerDegreeLongitude();
            double north = (lat - latitude) * METRES_PER_DEGREE_LATITUDE;
            return east * Math.cos(theta) + north * Math.sin(theta);
        }

        double yOf(double lon, double lat) {
            double theta = Math.toRadians(rotationDegrees);
            double east = (lon - longitude) * metresPerDegreeLongitude();
            double north = (lat - latitude) * METRES_PER_DEGREE_LATITUDE;
            return -east * Math.sin(theta) + north * Math.cos(theta);
        }

        /** Compass direction of a local point seen from the centre, or Z (Zentrum) close to it. */
        String sectorOf(double x, double y) {
            double theta = Math.toRadians(rotationDegrees);
            double east = x * Math.cos(theta) - y * Math.sin(theta);
            double north = x * Math.sin(theta) + y * Math.cos(theta);
            if (Math.hypot(east, north) < 0.5 * sigmaMetres) {
                return "Z";
            }
            int sector = (int) Math.floorMod(Math.round(Math.atan2(east, north) / (Math.PI / 4)), 8L);
            return SECTORS[sector];
        }
    }

    static final double METRES_PER_DEGREE_LATITUDE = 111_320.0;

    private static final String[] SECTORS = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};

    /** Real centres; weights and spreads favour the dense inner districts, as a hauler's customer base does. */
    static final List<Neighbourhood> NEIGHBOURHOODS = List.of(
            new Neighbourhood("Mitte", "MIT", 13.4050, 52.5200, 1.3, 1100, 8, 130, 10115),
            new Neighbourhood("Prenzlauer Berg", "PBG", 13.4240, 52.5390, 1.3, 1000, -12, 120, 10405),
            new Neighbourhood("Friedrichshain", "FHN", 13.4540, 52.5130, 1.1, 1000, 18, 125, 10243),
            new Neighbourhood("Kreuzberg", "KRZ", 13.4030, 52.4970, 1.2, 1100, -6, 120, 10961),
            new Neighbourhood("Neuk\u00f6lln", "NKN", 13.4380, 52.4770, 1.4, 1300, 4, 115, 12043),
            new Neighbourhood("Sch\u00f6neberg", "SBG", 13.3530, 52.4830, 1.0, 1100, -20, 135, 10823),
            new Neighbourhood("Charlottenburg", "CBG", 13.3040, 52.5160, 1.1, 1400, 14, 140, 10585),
            new Neighbourhood("Wilmersdorf", "WIL", 13.3110, 52.4870, 0.9, 1200, -3, 140, 10713),
            new Neighbourhood("Moabit", "MOA", 13.3420, 52.5290, 0.7, 900, 22, 125, 10551),
            new Neighbourhood("Wedding", "WED", 13.3600, 52.5500, 0.9, 1100, -15, 120, 13347),
            new Neighbourhood("Pankow", "PAN", 13.4030, 52.5690, 0.8, 1400, 10, 150, 13187),
            new Neighbourhood("Wei\u00dfensee", "WSS", 13.4660, 52.5540, 0.6, 1200, -25, 150, 13086),
            new Neighbourhood("Lichtenberg", "LIB", 13.4990, 52.5160, 0.9, 1400, 2, 160, 10365),
            new Neighbourhood("Treptow", "TRP", 13.4880, 52.4870, 0.6, 1300, 25, 150, 12435),
            new Neighbourhood("Tempelhof", "TMH", 13.3850, 52.4660, 0.8, 1300, -8, 145, 12099),
            new Neighbourhood("Steglitz", "STG", 13.3200, 52.4560, 0.9, 1400, 16, 150, 12163),
            new Neighbourhood("Reinickendorf", "REI", 13.3350, 52.5750, 0.7, 1500, -18, 160, 13403),
            new Neighbourhood("Spandau", "SPA", 13.2150, 52.5360, 0.7, 1600, 6, 160, 13581),
            new Neighbourhood("Marzahn", "MAR", 13.5600, 52.5450, 0.6, 1300, -10, 170, 12679),
            new Neighbourhood("K\u00f6penick", "KOE", 13.5750, 52.4450, 0.5, 1500, 20, 165, 12555));

    static final String[] HAULER_NAMES = {
        "Spree Entsorgung",
        "Havel Recycling",
        "Kiez Abfallservice",
        "Berliner Containerdienst",
        "Nordring Entsorgung",
        "Tegel Umweltdienste",
        "Grunewald Recycling",
        "Ostkreuz Abfallwirtschaft",
        "Wuhlheide Wertstoffe",
        "Tempelhofer Entsorgungslogistik",
        "M\u00fcggelsee Recycling",
        "Ringbahn Containerservice",
        "Panke Umweltservice",
        "Teltow Entsorgung",
        "Barnim Wertstoffhof",
        "Landwehr Abfalltechnik",
        "Dahme Recycling",
        "Hauptstadt Entsorgung",
        "Wannsee Umweltdienste",
        "Oberbaum Logistik"
    };

    private static final String[] STREET_STEMS = {
        "Linden",
        "Kastanien",
        "Birken",
        "Eichen",
        "Ahorn",
        "Rosen",
        "Tulpen",
        "Schiller",
        "Goethe",
        "Lessing",
        "Heine",
        "Fontane",
        "Humboldt",
        "Kant",
        "Hegel",
        "Uhland",
        "Wieland",
        "Herder",
        "Moltke",
        "Gneisenau",
        "Yorck",
        "Bl\u00fccher",
        "Bergmann",
        "Brunnen",
        "M\u00fchlen",
        "Garten",
        "Wiesen",
        "Feld",
        "Wald",
        "See",
        "Bahnhof",
        "Kirch",
        "Schul",
        "Markt",
        "Post",
        "Hafen",
        "Park",
        "Sonnen",
        "Stern",
        "Frieden",
        "Freiheit",
        "Bismarck",
        "Luisen",
        "Charlotten",
        "Dorotheen",
        "Marien",
        "Sophien",
        "Auguste",
        "Elisabeth",
        "Wilhelm",
        "Friedrich",
        "K\u00f6nigin",
        "Prinzen",
        "Grenz",
        "Forst",
        "Holz",
        "Stein",
        "Kreuz",
        "Schloss",
        "Turm",
        "Br\u00fccken",
        "Fischer",
        "Schiffer",
        "Weber",
        "Gerber",
        "Zimmer",
        "T\u00f6pfer",
        "B\u00f6ttcher",
        "Glas",
        "Kupfer",
        "Silber",
        "Gold",
        "Eisen",
        "Kohlen",
        "Salz",
        "Zucker",
        "Kaffee",
        "Tabak",
        "Hopfen",
        "Malz",
        "Rhein",
        "Elbe",
        "Oder",
        "Weser",
        "Main",
        "Donau",
        "Neckar",
        "Mosel",
        "Saale",
        "Havel"
    };

    private static final String[] STREET_SUFFIXES = {
        "stra\u00dfe",
        "stra\u00dfe",
        "stra\u00dfe",
        "stra\u00dfe",
        "stra\u00dfe",
        "stra\u00dfe",
        "stra\u00dfe",
        "weg",
        "allee",
        "damm",
        "ring",
        "ufer",
        "steig"
    };

    private static final String[] SURNAMES = {
        "M\u00fcller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Sch\u00e4fer",
        "Koch",
        "Bauer",
        "Richter",
        "Klein",
        "Wolf",
        "Schr\u00f6der",
        "Neumann",
        "Schwarz",
        "Zimmermann",
        "Braun",
        "Kr\u00fcger",
        "Hofmann",
        "Hartmann",
        "Lange",
        "Schmitt",
        "Werner",
        "Krause",
        "Meier",
        "Lehmann",
        "Yilmaz",
        "Kaya",
        "Nowak",
        "Kowalski",
        "Demir",
        "Peters",
        "Vogel",
        "Friedrich",
        "Keller",
        "G\u00fcnther",
        "Frank",
        "Berger",
        "Winkler",
        "Roth",
        "Beck",
        "Lorenz",
        "Baumann",
        "Franke",
        "Albrecht",
        "Simon",
        "Ludwig",
        "B\u00f6hm",
        "Winter",
        "Kraus",
        "Martin",
        "Schumacher",
        "Kr\u00e4mer",
        "Vogt",
        "Stein",
        "J\u00e4ger",
        "Otto",
        "Sommer",
        "Gro\u00df"
    };

    private static final String[] TRADES = {
        "B\u00fcrobedarf", "Druckerei", "Autohaus", "Apotheke", "Elektro", "Tischlerei", "Kanzlei",
        "Fahrradladen", "Optik", "Blumen", "Friseur", "Bioladen", "Buchhandlung", "Getr\u00e4nkemarkt",
        "Praxis", "Werbeagentur", "Sanit\u00e4r", "Reinigung", "Spedition", "Modehaus"
    };

    private static final String[] RESTAURANTS = {
        "Caf\u00e9", "Restaurant", "Imbiss", "B\u00e4ckerei", "Pizzeria", "Gasthaus", "Kantine", "Bistro"
    };

    private static final String[] INDUSTRY = {
        "Bau GmbH",
        "Metallbau",
        "Logistik GmbH",
        "Baustoffe",
        "Recyclinghof",
        "Druckguss",
        "Holzhandel",
        "Fensterbau",
        "Kfz-Werkstatt",
        "Gro\u00dfhandel"
    };

    private Berlin() {}

    static String streetName(int neighbourhood, boolean alongX, long line, long hash) {
        long code = hash ^ (neighbourhood * 7919L) ^ (alongX ? 0x5bd1e995L : 0x1b873593L) ^ (line * 0x9E3779B9L);
        code = Seeded.mix64(code);
        String stem = STREET_STEMS[(int) Math.floorMod(code, (long) STREET_STEMS.length)];
        String suffix = STREET_SUFFIXES[(int) Math.floorMod(code >>> 20, (long) STREET_SUFFIXES.length)];
        return stem + suffix;
    }

    static String customerName(CustomerKind kind, long hash, String street, int houseNumber) {
        String surname = SURNAMES[(int) Math.floorMod(hash, (long) SURNAMES.length)];
        int pick = (int) Math.floorMod(hash >>> 16, 1000L);
        return switch (kind) {
            case HOUSE -> "Familie " + surname;
            case APARTMENTS ->
                pick % 3 == 0 ? "Hausverwaltung " + surname + " GbR" : "Wohnanlage " + street + " " + houseNumber;
            case BUSINESS -> surname + " " + TRADES[pick % TRADES.length] + (pick % 4 == 0 ? " GmbH" : "");
            case RESTAURANT -> RESTAURANTS[pick % RESTAURANTS.length] + " " + (pick % 2 == 0 ? surname : street);
            case INDUSTRIAL -> surname + " " + INDUSTRY[pick % INDUSTRY.length];
        };
    }

    /** Two capitals from the hauler's name, for the container tags it paints on its bins. */
    static String tagPrefix(String haulerName) {
        StringBuilder prefix = new StringBuilder();
        for (String word : haulerName.split(" ")) {
            if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && prefix.length() < 2) {
                prefix.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        while (prefix.length() < 2) {
            prefix.append('X');
        }
        return prefix.toString();
    }
}
