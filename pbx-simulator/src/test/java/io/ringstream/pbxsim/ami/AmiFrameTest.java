package io.ringstream.pbxsim.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames and timestamps in AMI's exact text form, since peers parse them line by line. */
class AmiFrameTest {

    @Test
    void wireFormIsKeyValueLinesEndedByAnEmptyLine() {
        AmiFrame frame = AmiFrame.event("Hangup").add("Uniqueid", "1.1").add("Cause", 16).build();

        assertThat(frame.toWire()).isEqualTo("Event: Hangup\r\nUniqueid: 1.1\r\nCause: 16\r\n\r\n");
    }

    @Test
    void keysAreCaseInsensitiveAndRepeatedKeysAreKept() {
        AmiFrame frame =
                AmiFrame.parse(
                        List.of("Response: Success", "output: line 1", "Output: line 2", "junk"));

        assertThat(frame.get("RESPONSE")).isEqualTo("Success");
        assertThat(frame.getAll("Output")).containsExactly("line 1", "line 2");
        assertThat(frame.headers()).hasSize(3);
    }

    @Test
    void withReplacesInPlaceOrAppendsAndWithoutRemoves() {
        AmiFrame frame = AmiFrame.event("QueueCallerJoin").add("Position", 1).build();

        AmiFrame changed = frame.with("position", "3").with("Count", "3");

        assertThat(changed.toWire())
                .isEqualTo("Event: QueueCallerJoin\r\nPosition: 3\r\nCount: 3\r\n\r\n");
        assertThat(changed.without("Count").has("Count")).isFalse();
        assertThat(frame.get("Position")).isEqualTo("1");
    }

    @Test
    void timestampsAreEpochSecondsWithMicros() {
        assertThat(AmiTime.format(1_715_677_200_000_042L)).isEqualTo("1715677200.000042");
        assertThat(AmiTime.parseMicros("1715677200.000042")).isEqualTo(1_715_677_200_000_042L);
        assertThat(AmiTime.parseMicros("1715677200.5")).isEqualTo(1_715_677_200_500_000L);
        assertThat(AmiTime.parseMicros("1715677200")).isEqualTo(1_715_677_200_000_000L);
    }
}
