package io.ringstream.bridge.ingest;

/**
 * A request the ingest will not take from this caller: 401 (no or invalid credentials) or 403
 * (valid credentials, wrong role or tenant). Carries the problem to answer with; its message never
 * holds a token or signature.
 */
public final class AccessDenied extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public AccessDenied(Problem problem) {
        super(problem.status() + " " + problem.detail());
        this.problem = problem;
    }

    static AccessDenied unauthorized(String detail) {
        return new AccessDenied(Problem.of(401, "Unauthorized", detail));
    }

    static AccessDenied forbidden(String detail) {
        return new AccessDenied(Problem.of(403, "Forbidden", detail));
    }

    public Problem problem() {
        return problem;
    }
}
