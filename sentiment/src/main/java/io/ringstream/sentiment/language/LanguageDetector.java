package io.ringstream.sentiment.language;

import io.ringstream.sentiment.lexicon.Lexicon;
import io.ringstream.sentiment.lexicon.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeScript;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which language an utterance is in, so the job picks the right sentiment model, and says
 * "undetermined" rather than guess: a Portuguese or Catalan message scored by the Spanish model
 * would produce confident nonsense.
 *
 * <p>Built for short conversational text, where statistical n-gram detectors are unreliable: it
 * counts frequent words of eight Latin-script languages (en, es, pt, fr, de, it, nl, ca; a word
 * listed for k languages counts 1/k for each), adds letter and elision evidence (ñ ¿ ¡ → es, ã õ →
 * pt, ß → de, j' qu' c' → fr, n't 's 're → en, l·l → ca), the sentiment lexicons' words (half
 * weight: customers often write nothing but "pésimo servicio"), and decides only when the best
 * language has at least {@value #MIN_EVIDENCE} of evidence and {@value #MIN_RATIO} times the
 * runner-up. Texts written mostly in another script are reported by script (Cyrillic → ru, Arabic →
 * ar, Han → zh, kana → ja, Hangul → ko, Greek → el, Hebrew → he, Devanagari → hi, Thai → th): no
 * model exists for them, so a coarse code is enough to mark them unscored.
 */
public final class LanguageDetector {
    public static final List<String> LANGUAGES =
            List.of("en", "es", "pt", "fr", "de", "it", "nl", "ca");
    static final double MIN_EVIDENCE = 0.9;
    static final double MIN_RATIO = 1.5;

    private static final Map<UnicodeScript, String> SCRIPTS = new EnumMap<>(UnicodeScript.class);

    static {
        SCRIPTS.put(UnicodeScript.CYRILLIC, "ru");
        SCRIPTS.put(UnicodeScript.ARABIC, "ar");
        SCRIPTS.put(UnicodeScript.HAN, "zh");
        SCRIPTS.put(UnicodeScript.HIRAGANA, "ja");
        SCRIPTS.put(UnicodeScript.KATAKANA, "ja");
        SCRIPTS.put(UnicodeScript.HANGUL, "ko");
        SCRIPTS.put(UnicodeScript.GREEK, "el");
        SCRIPTS.put(UnicodeScript.HEBREW, "he");
        SCRIPTS.put(UnicodeScript.DEVANAGARI, "hi");
        SCRIPTS.put(UnicodeScript.THAI, "th");
    }

    /** Languages whose sentiment lexicon also counts as (weaker) evidence. */
    static final List<String> LEXICON_LANGUAGES = List.of("en", "es");

    static final double LEXICON_WEIGHT = 0.5;

    private static final LanguageDetector SHARED =
            new LanguageDetector(
                    loadWords(), LEXICON_LANGUAGES.stream().map(Lexicon::builtIn).toList());

    /** Word → the weight (1/k) each of its k languages gets. */
    private final Map<String, Map<String, Double>> evidence;

    private final List<Lexicon> lexicons;

    LanguageDetector(Map<String, Set<String>> wordsByLanguage, List<Lexicon> lexicons) {
        this.lexicons = List.copyOf(lexicons);
        Map<String, Set<String>> languagesByWord = new HashMap<>();
        wordsByLanguage.forEach(
                (lang, words) ->
                        words.forEach(
                                w ->
                                        languagesByWord
                                                .computeIfAbsent(w, k -> new HashSet<>())
                                                .add(lang)));
        Map<String, Map<String, Double>> e = new HashMap<>();
        languagesByWord.forEach(
                (word, langs) -> {
                    Map<String, Double> weights = new HashMap<>();
                    langs.forEach(l -> weights.put(l, 1.0 / langs.size()));
                    e.put(word, Map.copyOf(weights));
                });
        this.evidence = Map.copyOf(e);
    }

    /** The detector with this module's word lists; immutable and thread-safe. */
    public static LanguageDetector shared() {
        return SHARED;
    }

    public Detection detect(String text) {
        Detection byScript = detectScript(text);
        if (byScript != null) {
            return byScript;
        }
        Map<String, Double> score = new LinkedHashMap<>();
        LANGUAGES.forEach(l -> score.put(l, 0.0));
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String word : TextNormalizer.words(text)) {
            Map<String, Double> weights = evidence.get(word);
            if (weights != null) {
                weights.forEach((l, w) -> score.merge(l, w, Double::sum));
            } else {
                lexiconEvidence(word, score);
            }
            elision(word, score);
        }
        characters(lower, score);
        String best = null;
        double bestScore = 0;
        double second = 0;
        double total = 0;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            double s = e.getValue();
            total += s;
            if (s > bestScore) {
                second = bestScore;
                bestScore = s;
                best = e.getKey();
            } else if (s > second) {
                second = s;
            }
        }
        if (best == null || bestScore < MIN_EVIDENCE || bestScore < MIN_RATIO * second) {
            return Detection.undetermined();
        }
        return new Detection(best, bestScore / total);
    }

    /** A word no function-word list knows counts for the lexicons that know it. */
    private void lexiconEvidence(String word, Map<String, Double> score) {
        List<String> knowing = new java.util.ArrayList<>();
        for (Lexicon lexicon : lexicons) {
            if (lexicon.knows(word)) {
                knowing.add(lexicon.language());
            }
        }
        for (String l : knowing) {
            score.merge(l, LEXICON_WEIGHT / knowing.size(), Double::sum);
        }
    }

    private static void elision(String word, Map<String, Double> score) {
        if (word.endsWith("n't")
                || word.endsWith("'s")
                || word.endsWith("'re")
                || word.endsWith("'ve")
                || word.endsWith("'ll")
                || word.endsWith("'m")
                || word.endsWith("'d")) {
            score.merge("en", 1.0, Double::sum);
        } else if (word.matches("(j|qu|c|n|s|m|t)'\\p{L}.*")) {
            score.merge("fr", 1.0, Double::sum);
        } else if (word.matches("(l|d)'\\p{L}.*")) {
            score.merge("fr", 0.4, Double::sum);
            score.merge("ca", 0.3, Double::sum);
            score.merge("it", 0.3, Double::sum);
        } else if (word.matches("(dell|all|nell|dall|sull|un|quest|quell)'\\p{L}.*")) {
            score.merge("it", 1.0, Double::sum);
        }
    }

    private static void characters(String lower, Map<String, Double> score) {
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            switch (c) {
                case 'ñ', '¿', '¡' -> score.merge("es", 1.0, Double::sum);
                case 'ã', 'õ' -> score.merge("pt", 1.0, Double::sum);
                case 'ß' -> score.merge("de", 1.0, Double::sum);
                case 'œ' -> score.merge("fr", 1.0, Double::sum);
                case '·' -> {
                    if (i > 0
                            && i + 1 < lower.length()
                            && lower.charAt(i - 1) == 'l'
                            && lower.charAt(i + 1) == 'l') {
                        score.merge("ca", 1.0, Double::sum);
                    }
                }
                default -> {
                    // other letters carry no reliable signal on their own
                }
            }
        }
    }

    /** A language by script, when most letters are in a script without a model; else null. */
    private static Detection detectScript(String text) {
        Map<UnicodeScript, Integer> counts = new EnumMap<>(UnicodeScript.class);
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            counts.merge(UnicodeScript.of(cp), 1, Integer::sum);
        }
        if (letters == 0) {
            return null;
        }
        int kana =
                counts.getOrDefault(UnicodeScript.HIRAGANA, 0)
                        + counts.getOrDefault(UnicodeScript.KATAKANA, 0);
        int nonLatin = letters - counts.getOrDefault(UnicodeScript.LATIN, 0);
        if (nonLatin * 2 <= letters) {
            return null;
        }
        if (kana > 0) {
            return new Detection("ja", (double) nonLatin / letters);
        }
        UnicodeScript top = null;
        int topCount = 0;
        for (Map.Entry<UnicodeScript, Integer> e : counts.entrySet()) {
            if (e.getKey() != UnicodeScript.LATIN && e.getValue() > topCount) {
                top = e.getKey();
                topCount = e.getValue();
            }
        }
        String language = SCRIPTS.get(top);
        return language == null
                ? Detection.undetermined()
                : new Detection(language, (double) topCount / letters);
    }

    private static Map<String, Set<String>> loadWords() {
        Map<String, Set<String>> words = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            String resource = "/language/" + lang + ".txt";
            try (InputStream in = LanguageDetector.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                Set<String> set = new HashSet<>();
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    int hash = line.indexOf('#');
                    set.addAll(TextNormalizer.words(hash < 0 ? line : line.substring(0, hash)));
                }
                words.put(lang, Set.copyOf(set));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return words;
    }
}
