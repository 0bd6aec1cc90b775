package io.ringstream.sentiment.lexicon;

import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentModel;
import io.ringstream.sentiment.lexicon.Lexicon.Entry;
import io.ringstream.sentiment.lexicon.Lexicon.Inflected;
import io.ringstream.sentiment.lexicon.Lexicon.Kind;
import io.ringstream.sentiment.lexicon.TextNormalizer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lexicon-and-rules sentiment model in the spirit of VADER: fast (microseconds per utterance),
 * explainable, and buildable by the team for a language without training data. Used for Spanish,
 * and for English where CoreNLP is too slow.
 *
 * <p>Rules, applied per clause (clauses end at , . ; : ? ¿ ¡ and line breaks):
 *
 * <ul>
 *   <li>each sentiment term (longest match first, up to the lexicon's longest phrase) contributes
 *       its valence;
 *   <li>a negator within the three tokens before a term flips it and damps it ({@value #NEGATION});
 *       a second negator in the same clause ("no me gustó nada") intensifies instead of flipping
 *       back, as negative concord in Spanish;
 *   <li>an unmet-expectation word (funciona, replied, apareció) is neutral alone and negative when
 *       negated, also by "nadie"/"nobody" or "nunca"/"never": the typical complaint that names no
 *       feeling ("the driver never showed up");
 *   <li>scale words (muy, un poco) multiply the next term; superlatives (malísimo) count as
 *       boosted;
 *   <li>a condition ("what happens if", "qué pasa si") damps the rest of its clause to {@value
 *       #CONDITIONAL}: hypotheticals report nothing yet;
 *   <li>a word in capitals in a text that is not all capitals counts {@value #SHOUT} times;
 *   <li>after a contrast word (pero, but) terms weigh {@value #AFTER_CONTRAST}, before it {@value
 *       #BEFORE_CONTRAST};
 *   <li>each exclamation mark (up to three) adds {@value #EXCLAMATION} to the magnitude.
 * </ul>
 *
 * The sum s becomes a score s / sqrt(s² + {@value #ALPHA}) in (-1, 1). Confidence is a heuristic,
 * not a probability: 0.5 when no term matched (neutral by default), otherwise 0.4 + 0.6·|score|.
 */
public final class LexiconSentimentModel implements SentimentModel {
    static final double NEGATION = -0.74;
    static final double SHOUT = 1.25;
    static final double BEFORE_CONTRAST = 0.5;
    static final double AFTER_CONTRAST = 1.5;
    static final double EXCLAMATION = 0.3;
    static final double ALPHA = 8.0;
    static final double CONDITIONAL = 0.2;
    private static final int NEGATION_WINDOW = 3;

    private final Lexicon lexicon;
    private final String name;

    public LexiconSentimentModel(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.name = "lexicon-" + lexicon.language();
    }

    /** The model on this module's lexicon for {@code language} (es, en). */
    public static LexiconSentimentModel builtIn(String language) {
        return new LexiconSentimentModel(Lexicon.builtIn(language));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sentiment score(String text) {
        List<Token> tokens = TextNormalizer.tokens(text);
        // Shouting is one word in capitals; a text in capitals throughout is a style.
        boolean allCaps = text.equals(text.toUpperCase(java.util.Locale.ROOT));
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        boolean contrastSeen = false;
        int exclamations = 0;
        int matched = 0;

        // Clause-local modifier state; reset at every clause break.
        int negatedFor = 0; // tokens left in which a negation applies
        boolean negatedInClause = false;
        double scale = 1.0;
        int scaleFor = 0;
        double clause = 1.0;

        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.EXCLAMATION) {
                exclamations++;
                i++;
                continue;
            }
            if (t.kind() == Token.Kind.BREAK) {
                negatedFor = 0;
                negatedInClause = false;
                scale = 1.0;
                scaleFor = 0;
                clause = 1.0;
                i++;
                continue;
            }
            Match m = match(tokens, i);
            if (m == null) {
                negatedFor = Math.max(0, negatedFor - 1);
                scaleFor = Math.max(0, scaleFor - 1);
                if (scaleFor == 0) {
                    scale = 1.0;
                }
                i++;
                continue;
            }
            switch (m.entry().kind()) {
                case NEGATOR -> {
                    if (negatedInClause) {
                        scale *= 1.3; // negative concord: "no ... nada" intensifies
                        scaleFor = NEGATION_WINDOW;
                    } else {
                        negatedFor = NEGATION_WINDOW;
                        negatedInClause = true;
                    }
                }
                case SCALE -> {
                    scale *= m.entry().value();
                    scaleFor = NEGATION_WINDOW;
                }
                case CONTRAST -> {
                    contrastSeen = true;
                    negatedFor = 0;
                    negatedInClause = false;
                    scale = 1.0;
                    scaleFor = 0;
                    clause = 1.0;
                }
                case CONDITION -> clause = CONDITIONAL;
                case UNMET -> {
                    if (negatedFor > 0) {
                        double v = m.entry().value() * scale * clause;
                        (contrastSeen ? after : before).add(v);
                        matched++;
                        negatedFor = 0;
                        scale = 1.0;
                        scaleFor = 0;
                    }
                }
                case TERM -> {
                    double v = m.entry().value() * m.scale() * scale * clause;
                    if (negatedFor > 0) {
                        v *= NEGATION;
                        negatedFor = 0;
                    }
                    if (m.shouted() && !allCaps) {
                        v *= SHOUT;
                    }
                    (contrastSeen ? after : before).add(v);
                    if (v != 0) {
                        matched++;
                    }
                    scale = 1.0;
                    scaleFor = 0;
                }
            }
            i += m.length();
        }

        double sum = 0;
        for (double v : before) {
            sum += contrastSeen && !after.isEmpty() ? v * BEFORE_CONTRAST : v;
        }
        for (double v : after) {
            sum += v * AFTER_CONTRAST;
        }
        if (sum != 0) {
            sum += Math.signum(sum) * EXCLAMATION * Math.min(3, exclamations);
        }
        double score = sum / Math.sqrt(sum * sum + ALPHA);
        double confidence = matched == 0 ? 0.5 : Math.min(1.0, 0.4 + 0.6 * Math.abs(score));
        return Sentiment.fromScore(score, confidence);
    }

    /** The longest lexicon entry starting at token {@code i}, or null. */
    private Match match(List<Token> tokens, int i) {
        int max = Math.min(lexicon.maxPhraseLength(), tokens.size() - i);
        StringBuilder phrase = new StringBuilder();
        Match best = null;
        boolean shouted = false;
        for (int len = 1; len <= max; len++) {
            Token t = tokens.get(i + len - 1);
            if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.SYMBOL) {
                break;
            }
            shouted |= t.shouted();
            if (len > 1) {
                phrase.append(' ');
            }
            phrase.append(t.text());
            Optional<Entry> entry = lexicon.exact(phrase.toString());
            if (entry.isPresent()) {
                best = new Match(entry.get(), len, 1.0, shouted);
            }
        }
        if (best == null) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.WORD) {
                Optional<Inflected> inflected = lexicon.inflected(t.text());
                if (inflected.isPresent()) {
                    Entry entry = lexicon.exact(inflected.get().base()).orElseThrow();
                    return new Match(entry, 1, inflected.get().scale(), t.shouted());
                }
            }
        }
        return best;
    }

    private record Match(Entry entry, int length, double scale, boolean shouted) {}

    /** For tests and tools: how a lexicon classifies a single word or phrase, if at all. */
    Optional<Kind> kindOf(String phrase) {
        return lexicon.exact(String.join(" ", TextNormalizer.terms(phrase))).map(Entry::kind);
    }
}
