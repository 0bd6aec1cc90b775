package io.ringstream.customers.value.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.customers.model.ModelViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segment table: the shipped default, coverage, first match wins and the line format. */
class RfmSegmentTableTest {

    private static List<String> violationsOf(Runnable action) {
        try {
            action.run();
        } catch (ModelViolationException e) {
            return e.violations();
        }
        throw new AssertionError("expected a ModelViolationException");
    }

    @Test
    void givenTheDefaultTable_whenRead_thenItHasTheElevenSegmentsAndCoversEveryCell() {
        RfmSegmentTable table = RfmSegmentTable.DEFAULT;

        assertThat(table.segmentNames())
                .containsExactly(
                        "Champions",
                        "Loyal Customers",
                        "Potential Loyalist",
                        "New Customers",
                        "Promising",
                        "Need Attention",
                        "About To Sleep",
                        "Can't Lose Them",
                        "At Risk",
                        "Lost",
                        "Hibernating");
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    assertThat(table.segmentOf(r, f, m)).isNotBlank();
                    // the default looks at R and F only
                    assertThat(table.segmentOf(r, f, m)).isEqualTo(table.segmentOf(r, f, 1));
                }
            }
        }
        assertThat(table.shadowedRules()).isEmpty();
    }

    @Test
    void givenTheDefaultTable_whenAskedForCells_thenTheMapIsTheDocumentedOne() {
        // Rows R5..R1, columns F1..F5, as in docs/rfm.md.
        String[][] expected = {
            {"New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"},
            {
                "Promising",
                "Potential Loyalist",
                "Potential Loyalist",
                "Loyal Customers",
                "Loyal Customers"
            },
            {
                "About To Sleep",
                "About To Sleep",
                "Need Attention",
                "Loyal Customers",
                "Loyal Customers"
            },
            {"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
            {"Lost", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
        };
        for (int r = 5; r >= 1; r--) {
            for (int f = 1; f <= 5; f++) {
                assertThat(RfmSegmentTable.DEFAULT.segmentOf(r, f, 3))
                        .as("R%dF%d", r, f)
                        .isEqualTo(expected[5 - r][f - 1]);
            }
        }
    }

    @Test
    void givenATableWithAGap_whenBuilt_thenItIsRefusedNamingTheGap() {
        String withoutPromising =
                RfmSegmentTable.DEFAULT_TEXT.replace("Promising          R4   F1\n", "");

        assertThat(violationsOf(() -> RfmSegmentTable.parse(withoutPromising)))
                .containsExactly("every (R, F) cell matches a rule; these do not: R4F1");
    }

    @Test
    void givenATableCoveringSomeMonetaryScoresOnly_whenBuilt_thenTheMissingScoresAreNamed() {
        String text =
                """
                Whales R1-5 F1-5 M4-5
                Regulars R1-5 F2-5
                """;

        assertThat(violationsOf(() -> RfmSegmentTable.parse(text)))
                .containsExactly(
                        "every (R, F) cell matches a rule; these do not: "
                                + "R5F1 for M1-3, R4F1 for M1-3, R3F1 for M1-3, R2F1 for M1-3,"
                                + " R1F1 for M1-3");
    }

    @Test
    void givenOverlappingRules_whenSegmenting_thenTheFirstMatchWins() {
        // given: the same two rules in both orders
        RfmSegmentTable vipFirst = RfmSegmentTable.parse("VIP R5 F5\nEveryone R1-5 F1-5\n");
        RfmSegmentTable everyoneFirst = RfmSegmentTable.parse("Everyone R1-5 F1-5\nVIP R5 F5\n");

        // then
        assertThat(vipFirst.segmentOf(5, 5, 1)).isEqualTo("VIP");
        assertThat(vipFirst.segmentOf(5, 4, 1)).isEqualTo("Everyone");
        assertThat(vipFirst.shadowedRules()).isEmpty();
        assertThat(everyoneFirst.segmentOf(5, 5, 1)).isEqualTo("Everyone");
        assertThat(everyoneFirst.shadowedRules())
                .extracting(RfmSegmentRule::name)
                .containsExactly("VIP");
        // and in the default, Lost comes before Hibernating, which also spans R1F1
        assertThat(RfmSegmentTable.DEFAULT.segmentOf(1, 1, 5)).isEqualTo("Lost");
    }

    @Test
    void givenAMonetaryRange_whenSegmenting_thenItSplitsACell() {
        RfmSegmentTable table =
                RfmSegmentTable.parse(
                        "# big spenders first\nBig Spenders R3-5 F1-5 M5\nOthers R1-5 F1-5 # the rest\n");

        assertThat(table.segmentOf(4, 2, 5)).isEqualTo("Big Spenders");
        assertThat(table.segmentOf(4, 2, 4)).isEqualTo("Others");
        assertThat(
                        table.segmentOf(
                                new RfmScore(
                                        io.ringstream.customers.model.CustomerId.random(),
                                        2,
                                        2,
                                        5)))
                .isEqualTo("Others");
    }

    @Test
    void givenMalformedLines_whenParsed_thenEveryProblemIsListedWithItsLine() {
        String text =
                String.join(
                        "\n",
                        "R4-5 F1",
                        "Too High R0-6 F1",
                        "Twice R1 F1 F2",
                        "No F R1",
                        "Junk R1 F1 X9",
                        "Backwards R1-5 F5-1",
                        "Everyone R1-5 F1-5");

        assertThat(violationsOf(() -> RfmSegmentTable.parse(text)))
                .containsExactly(
                        "line 1: 'R4-5 F1' starts with a segment name",
                        "line 2: R: a range is within 1-5, not 0-6",
                        "line 3: F is given twice",
                        "line 4: 'No F R1' has an F range",
                        "line 5: 'X9' is not a range such as R4-5, F2 or M1-3",
                        "line 6: F: a range runs from low to high, not 5-1");
    }

    @Test
    void givenNoRules_whenBuilt_thenRefused() {
        assertThat(violationsOf(() -> RfmSegmentTable.of(List.of())))
                .containsExactly("a segment table has at least one rule");
        assertThat(violationsOf(() -> RfmSegmentTable.parse("# nothing\n\n")))
                .containsExactly("a segment table has at least one rule");
    }

    @Test
    void givenBadNames_whenMadeRules_thenRefused() {
        assertThatThrownBy(() -> RfmSegmentRule.of(" ", ScoreRange.ANY, ScoreRange.ANY))
                .hasMessageContaining("segment name is required");
        assertThatThrownBy(() -> RfmSegmentRule.of("Tier R2", ScoreRange.ANY, ScoreRange.ANY))
                .hasMessageContaining("no word that reads as a range");
        assertThatThrownBy(() -> RfmSegmentRule.of("x".repeat(65), ScoreRange.ANY, ScoreRange.ANY))
                .hasMessageContaining("at most 64 characters");
    }

    @Test
    void givenATable_whenWrittenAsTextAndReadBack_thenItIsTheSame() {
        RfmSegmentTable table =
                RfmSegmentTable.of(
                        List.of(
                                new RfmSegmentRule(
                                        "Big Spenders",
                                        ScoreRange.of(3, 5),
                                        ScoreRange.ANY,
                                        ScoreRange.of(5)),
                                RfmSegmentRule.of("Others", ScoreRange.ANY, ScoreRange.ANY)));

        assertThat(table.toText()).isEqualTo("Big Spenders R3-5 F1-5 M5\nOthers R1-5 F1-5\n");
        assertThat(RfmSegmentTable.parse(table.toText())).isEqualTo(table);
        assertThat(RfmSegmentTable.parse(RfmSegmentTable.DEFAULT.toText()))
                .isEqualTo(RfmSegmentTable.DEFAULT);
    }
}
