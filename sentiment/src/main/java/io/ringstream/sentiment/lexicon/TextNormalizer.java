package io.ringstream.sentiment.lexicon;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts chat and transcript text into the form lexicons are written in: lower case, accents dropped
 * (customers often type "esta" for "está") except the ñ, typographic apostrophes made plain. Shared
 * by the lexicon models and the language detector so both see the same words.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    /** Lower case, accents removed except ñ, ’ and ` turned into '. */
    public static String normalize(String text) {
        String lower =
                text.toLowerCase(Locale.ROOT)
                        .replace('\u2019', '\'')
                        .replace('\u2018', '\'')
                        .replace('`', '\'')
                        .replace("ñ", "\u0000");
        String stripped =
                Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{Mn}+", "");
        return stripped.replace('\u0000', 'ñ');
    }

    /** The words of a text, normalized: runs of letters, digits and inner apostrophes. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens(text)) {
            if (t.kind() == Token.Kind.WORD) {
                out.add(t.text());
            }
        }
        return out;
    }

    /**
     * Words and symbols (emoticons, emoji) of a text, normalized: what lexicon terms are made of.
     */
    public static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens(text)) {
            if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.SYMBOL) {
                out.add(t.text());
            }
        }
        return out;
    }

    /**
     * Words, emoticons/emoji, clause breaks ({@code , . ; : ? ¿ ¡ ( )} and line breaks) and
     * exclamation marks, in order. Words are normalized; {@link Token#shouted()} tells whether the
     * original was written in capitals.
     */
    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                int end = i + width;
                while (end < n) {
                    int c = text.codePointAt(end);
                    boolean apostrophe =
                            (c == '\'' || c == '\u2019')
                                    && end + 1 < n
                                    && Character.isLetter(text.codePointAt(end + 1));
                    if (Character.isLetterOrDigit(c)
                            || Character.getType(c) == Character.NON_SPACING_MARK
                            || apostrophe) {
                        end += Character.charCount(c);
                    } else {
                        break;
                    }
                }
                String original = text.substring(i, end);
                boolean shouted =
                        original.codePointCount(0, original.length()) >= 3
                                && original.chars().anyMatch(Character::isLetter)
                                && original.equals(original.toUpperCase(Locale.ROOT))
                                && !original.equals(original.toLowerCase(Locale.ROOT));
                out.add(new Token(Token.Kind.WORD, normalize(original), shouted));
                i = end;
                continue;
            }
            String emoticon = emoticonAt(text, i);
            if (emoticon != null) {
                out.add(new Token(Token.Kind.SYMBOL, emoticon, false));
                i += emoticon.length();
                continue;
            }
            if (cp == '!' || cp == '\u00a1') {
                if (cp == '!') {
                    out.add(new Token(Token.Kind.EXCLAMATION, "!", false));
                } else {
                    out.add(new Token(Token.Kind.BREAK, "¡", false));
                }
            } else if (",.;:?\u00bf()\n".indexOf(cp) >= 0) {
                out.add(new Token(Token.Kind.BREAK, new String(Character.toChars(cp)), false));
            } else if (isEmoji(cp)) {
                out.add(new Token(Token.Kind.SYMBOL, new String(Character.toChars(cp)), false));
            }
            i += width;
        }
        return out;
    }

    private static final List<String> EMOTICONS =
            List.of(":-)", ":-(", ":'(", ":)", ":(", ":D", ";)", ":/", ":-/", ":P");

    private static String emoticonAt(String text, int i) {
        for (String e : EMOTICONS) {
            if (text.startsWith(e, i)) {
                // ":/" inside a URL is not a face.
                if (e.endsWith("/")
                        && i + e.length() < text.length()
                        && text.charAt(i + e.length()) == '/') {
                    return null;
                }
                return e;
            }
        }
        return null;
    }

    private static boolean isEmoji(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL && cp >= 0x2600;
    }

    /** One unit of text the lexicon models look at. */
    public record Token(Kind kind, String text, boolean shouted) {
        /** What a token is. */
        public enum Kind {
            WORD,
            SYMBOL,
            BREAK,
            EXCLAMATION
        }
    }
}
