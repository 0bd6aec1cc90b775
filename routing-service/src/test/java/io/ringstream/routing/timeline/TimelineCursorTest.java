package io.ringstream.routing.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cursor's round trip, its refusals, and the order it defines, including ties. */
class TimelineCursorTest {

    @Test
    void givenACursor_whenEncodedAndDecoded_thenItIsTheSame() {
        TimelineCursor cursor = new TimelineCursor(1_793_782_800_123L, "NOTE", "a:b/c ü");
        assertThat(TimelineCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
    }

    @Test
    void givenTextThatIsNoCursor_whenDecoded_thenRefused() {
        for (String bad : List.of("%%", "YWJj", "eDpOT1RFOmlk", "")) {
            assertThatThrownBy(() -> TimelineCursor.decode(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givenTies_whenSorted_thenNewestFirstByTimeThenKindThenIdBytes() {
        List<TimelineCursor> cursors =
                new ArrayList<>(
                        List.of(
                                new TimelineCursor(1, "CONTACT", "c1"),
                                new TimelineCursor(2, "CONTACT", "c0"),
                                new TimelineCursor(1, "NOTE", "n"),
                                new TimelineCursor(1, "CONTACT", "c9"),
                                // U+FF5E sorts before U+1F600 in UTF-8 bytes, after it in UTF-16.
                                new TimelineCursor(1, "CONTACT", "\uFF5E"),
                                new TimelineCursor(1, "CONTACT", "\uD83D\uDE00")));
        cursors.sort(TimelineCursor.NEWEST_FIRST);
        assertThat(cursors)
                .extracting(c -> c.timeMs() + ":" + c.kind() + ":" + c.id())
                .containsExactly(
                        "2:CONTACT:c0",
                        "1:NOTE:n",
                        "1:CONTACT:\uD83D\uDE00",
                        "1:CONTACT:\uFF5E",
                        "1:CONTACT:c9",
                        "1:CONTACT:c1");
    }
}
