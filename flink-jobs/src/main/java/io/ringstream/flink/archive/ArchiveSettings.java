package io.ringstream.flink.archive;

import io.ringstream.flink.kit.runtime.JobVariables;
import java.io.Serializable;

/**
 * The archive job's own settings: none yet. It copies what it reads, so it needs no event time, no
 * thresholds and no state; the record keeps its shape the same as every other job's.
 */
public record ArchiveSettings() implements Serializable {

    /** The archive reads no variables of its own. */
    public static ArchiveSettings from(JobVariables variables) {
        return new ArchiveSettings();
    }
}
