package io.ringstream.customers.value;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum-likelihood fitting shared by the value models: both have only positive parameters, so the
 * optimiser (commons-math3's Nelder-Mead simplex) searches their logarithms, where every point is
 * valid. The simplex is restarted from its optimum until a restart stops improving, the usual guard
 * against a collapsed simplex.
 */
public final class LogParameterFit {

    /** Nelder-Mead's step in log-parameter space for the initial simplex. */
    private static final double INITIAL_STEP = 0.5;

    private static final int MAX_EVALUATIONS = 20_000;
    private static final int MAX_RESTARTS = 10;

    /**
     * The result of a fit.
     *
     * @param parameters the maximising parameters (not their logarithms)
     * @param logLikelihood the log-likelihood there
     * @param evaluations how many times the likelihood was computed
     */
    public record Result(double[] parameters, double logLikelihood, int evaluations) {}

    private LogParameterFit() {}

    /**
     * Maximises {@code logLikelihood} over positive parameters from {@code start}.
     *
     * @param logLikelihood the log-likelihood of positive parameters; may return NaN or -inf where
     *     it is undefined, which the search treats as the worst value
     */
    public static Result maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        Objects.requireNonNull(logLikelihood, "log-likelihood is required");
        for (double s : start) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException(
                        "start parameters must be finite and > 0: " + Arrays.toString(start));
            }
        }
        MultivariateFunction negative =
                logs -> {
                    double ll = logLikelihood.applyAsDouble(exp(logs));
                    return Double.isNaN(ll) || ll == Double.NEGATIVE_INFINITY
                            ? Double.MAX_VALUE
                            : -ll;
                };
        double[] point = Arrays.stream(start).map(Math::log).toArray();
        double best = negative.value(point);
        int evaluations = 1;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-10);
            PointValuePair found =
                    optimizer.optimize(
                            new MaxEval(MAX_EVALUATIONS),
                            new ObjectiveFunction(negative),
                            GoalType.MINIMIZE,
                            new InitialGuess(point),
                            new NelderMeadSimplex(point.length, INITIAL_STEP));
            evaluations += optimizer.getEvaluations();
            boolean improved = found.getValue() < best - 1e-9;
            if (found.getValue() <= best) {
                point = found.getPoint();
                best = found.getValue();
            }
            if (!improved) {
                break;
            }
        }
        return new Result(exp(point), -best, evaluations);
    }

    private static double[] exp(double[] logs) {
        return Arrays.stream(logs).map(Math::exp).toArray();
    }
}
