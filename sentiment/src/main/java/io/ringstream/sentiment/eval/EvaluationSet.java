package io.ringstream.sentiment.eval;

import io.ringstream.sentiment.Polarity;
import io.ringstream.sentiment.SentimentScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A labelled set of utterances read from a tab-separated file with a header naming at least the
 * {@code text}, {@code label} and {@code language} columns (see docs/sentiment-labelling.md), so
 * anyone can measure the models on their own traffic with the same code the team uses.
 */
public record EvaluationSet(String name, List<LabelledUtterance> utterances) {
    /** The team's sets shipped in this module. */
    public static final List<String> BUILT_IN =
            List.of("customer-service-en.tsv", "customer-service-es.tsv");

    public EvaluationSet {
        utterances = List.copyOf(utterances);
    }

    /** The utterances of one split ({@code dev} or {@code test}), under a name saying so. */
    public EvaluationSet split(String split) {
        return new EvaluationSet(
                name + " [" + split + "]",
                utterances.stream().filter(u -> u.split().equals(split)).toList());
    }

    public static List<EvaluationSet> builtIn() {
        List<EvaluationSet> sets = new ArrayList<>();
        for (String name : BUILT_IN) {
            try (InputStream in = EvaluationSet.class.getResourceAsStream("/eval/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing built-in evaluation set " + name);
                }
                sets.add(parse(name, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sets;
    }

    /**
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and line of the first malformed row
     */
    public static EvaluationSet read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        }
    }

    public static EvaluationSet parse(String name, InputStream in) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null) {
            throw new IllegalArgumentException(name + ": empty file");
        }
        Map<String, Integer> columns = new HashMap<>();
        String[] names = stripBom(header).split("\t", -1);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].trim().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("text", "label", "language")) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException(
                        name
                                + ": the header must name the columns text, label and language"
                                + " (tab-separated) but is: "
                                + header);
            }
        }
        List<LabelledUtterance> rows = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            try {
                String text = cell(cells, columns, "text");
                if (text.isBlank()) {
                    throw new IllegalArgumentException("empty text");
                }
                Polarity label = Polarity.parse(cell(cells, columns, "label"));
                String language =
                        SentimentScorer.normalizeLanguage(cell(cells, columns, "language"));
                if (language == null) {
                    throw new IllegalArgumentException("empty language");
                }
                rows.add(
                        new LabelledUtterance(
                                text,
                                label,
                                language,
                                optional(cells, columns, "channel"),
                                optional(cells, columns, "topic"),
                                optional(cells, columns, "split")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        name + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return new EvaluationSet(name, rows);
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String column) {
        int i = columns.get(column);
        if (i >= cells.length) {
            throw new IllegalArgumentException("missing column " + column);
        }
        return cells[i].trim();
    }

    private static String optional(String[] cells, Map<String, Integer> columns, String column) {
        Integer i = columns.get(column);
        return i == null || i >= cells.length ? "" : cells[i].trim();
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
