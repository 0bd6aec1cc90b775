package io.ringstream.bridge.ingest;

/** A request body that cannot become transcript segments; carries the problem to answer with. */
public final class SegmentRejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public SegmentRejected(Problem problem) {
        super(problem.detail() + (problem.errors().isEmpty() ? "" : ": " + problem.errors()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
