package io.ringstream.routing.core;

import java.io.Serializable;

/**
 * One agent as a decision saw it: its score under the queue's strategy (higher is better for
 * BEST_FIT; see docs/routing.md for the others) or, when it was not eligible, why not.
 */
public record Candidate(String agentId, double score, boolean eligible, String whyNot)
        implements Serializable {}
