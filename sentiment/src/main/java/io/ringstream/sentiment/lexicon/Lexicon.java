package io.ringstream.sentiment.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A language's sentiment vocabulary and the words that modify it, read from a tab-separated file
 * the team writes and reviews like code ({@code lexicon/es.tsv}). Kept separate from the scoring
 * rules so a linguist can extend it without touching Java.
 *
 * <p>File format, one entry per line, {@code #} starts a comment:
 *
 * <pre>
 * term      excelente   3      valence from -3 (very negative) to 3; multi-word terms allowed
 * negator   no                 flips and damps the next sentiment term in its clause
 * unmet     funciona    -2     neutral alone, this valence when negated ("no funciona", "never
 *                              replied"): an expectation the service did not meet
 * scale     muy         1.3    multiplies the next sentiment term (boosters > 1, dampeners < 1)
 * contrast  pero               what follows outweighs what precedes ("good, but ...")
 * condition qué pasa si        damps the rest of its clause: hypotheticals report nothing yet
 * option    inflection  es     how unknown word forms are reduced: es, en or none
 * </pre>
 *
 * Terms are matched after {@link TextNormalizer#normalize} (lower case, accents dropped except ñ).
 */
public final class Lexicon {

    /** What a lexicon entry does. */
    public enum Kind {
        TERM,
        NEGATOR,
        UNMET,
        SCALE,
        CONTRAST,
        CONDITION
    }

    /** One entry: its kind and, for terms and scales, its value. */
    public record Entry(Kind kind, double value, int length) {}

    private final String language;
    private final Map<String, Entry> entries;
    private final int maxPhraseLength;
    private final Inflection inflection;

    private Lexicon(
            String language, Map<String, Entry> entries, int maxLen, Inflection inflection) {
        this.language = language;
        this.entries = Map.copyOf(entries);
        this.maxPhraseLength = maxLen;
        this.inflection = inflection;
    }

    /** The lexicon of a language shipped in this module ({@code lexicon/<language>.tsv}). */
    public static Lexicon builtIn(String language) {
        String resource = "/lexicon/" + language + ".tsv";
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in lexicon for '" + language + "'");
            }
            return parse(language, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the line of the first malformed entry
     */
    public static Lexicon parse(String language, InputStream in) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        Inflection inflection = Inflection.NONE;
        int maxLen = 1;
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String content = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] cols = content.split("\t+");
            String kindText = cols[0].strip().toLowerCase(Locale.ROOT);
            try {
                if (kindText.equals("option")) {
                    require(cols.length == 3, "option needs a name and a value");
                    require(cols[1].strip().equals("inflection"), "unknown option " + cols[1]);
                    inflection = Inflection.valueOf(cols[2].strip().toUpperCase(Locale.ROOT));
                    continue;
                }
                Kind kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
                require(cols.length >= 2, "missing term");
                String term = String.join(" ", TextNormalizer.terms(cols[1]));
                require(!term.isEmpty(), "empty term");
                double value = 0;
                if (kind == Kind.TERM || kind == Kind.SCALE || kind == Kind.UNMET) {
                    require(cols.length == 3, kindText + " needs a value");
                    value = Double.parseDouble(cols[2].strip());
                    require(
                            kind == Kind.SCALE || (value >= -3 && value <= 3),
                            "valence must be in [-3, 3]");
                    require(kind != Kind.UNMET || value < 0, "unmet needs a negative valence");
                    require(kind != Kind.SCALE || value > 0, "scale must be positive");
                }
                int length = term.split(" ").length;
                Entry previous = entries.put(term, new Entry(kind, value, length));
                require(previous == null, "duplicate entry '" + term + "'");
                maxLen = Math.max(maxLen, length);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        language + " lexicon line " + number + ": " + e.getMessage(), e);
            }
        }
        return new Lexicon(language, entries, maxLen, inflection);
    }

    public String language() {
        return language;
    }

    public int size() {
        return entries.size();
    }

    int maxPhraseLength() {
        return maxPhraseLength;
    }

    /** Whether a single normalized word is a sentiment or modifier word of this lexicon. */
    public boolean knows(String word) {
        return entries.containsKey(word) || inflected(word).isPresent();
    }

    /** The entry of an exact normalized phrase or word. */
    Optional<Entry> exact(String phrase) {
        return Optional.ofNullable(entries.get(phrase));
    }

    /**
     * A sentiment term for a word form the lexicon does not list, by the language's inflection
     * rules (plural, gender, superlative); the scale is above 1 for superlatives.
     */
    Optional<Inflected> inflected(String word) {
        for (Inflected candidate : inflection.candidates(word)) {
            Entry entry = entries.get(candidate.base());
            if (entry != null && (entry.kind() == Kind.TERM || entry.kind() == Kind.UNMET)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A base form to look up, and how much the inflection intensifies it. */
    record Inflected(String base, double scale) {}

    /** Reduces unknown word forms to forms a lexicon may list. */
    enum Inflection {
        NONE {
            @Override
            List<Inflected> candidates(String w) {
                return List.of();
            }
        },
        EN {
            @Override
            List<Inflected> candidates(String w) {
                if (w.length() > 4 && w.endsWith("ies")) {
                    return List.of(new Inflected(w.substring(0, w.length() - 3) + "y", 1));
                }
                if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
                    return List.of(
                            new Inflected(w.substring(0, w.length() - 1), 1),
                            new Inflected(w.substring(0, w.length() - 2), 1));
                }
                return List.of();
            }
        },
        ES {
            @Override
            List<Inflected> candidates(String w) {
                java.util.ArrayList<Inflected> out = new java.util.ArrayList<>();
                String base = w;
                double scale = 1;
                // Superlatives: malisimo -> malo, amabilisima -> amable, facilisimo -> facil.
                int sup = superlative(w);
                if (sup > 0) {
                    String stem = w.substring(0, sup);
                    scale = 1.3;
                    if (stem.endsWith("bil")) {
                        out.add(new Inflected(stem.substring(0, stem.length() - 3) + "ble", scale));
                    }
                    out.add(new Inflected(stem + "o", scale));
                    out.add(new Inflected(stem, scale));
                    out.add(new Inflected(stem + "e", scale));
                    return out;
                }
                if (w.length() > 4 && w.endsWith("es")) {
                    out.add(new Inflected(w.substring(0, w.length() - 2), scale));
                }
                if (w.length() > 3 && w.endsWith("s")) {
                    base = w.substring(0, w.length() - 1);
                    out.add(new Inflected(base, scale));
                }
                if (base.length() > 3 && base.endsWith("a")) {
                    String stem = base.substring(0, base.length() - 1);
                    out.add(new Inflected(stem + "o", scale));
                    if (stem.endsWith("or")) {
                        out.add(new Inflected(stem, scale)); // encantadora -> encantador
                    }
                }
                return out;
            }

            private int superlative(String w) {
                for (String suffix : List.of("isimos", "isimas", "isimo", "isima")) {
                    if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
                        return w.length() - suffix.length();
                    }
                }
                return -1;
            }
        };

        abstract List<Inflected> candidates(String word);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
