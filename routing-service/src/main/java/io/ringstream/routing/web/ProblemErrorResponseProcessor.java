package io.ringstream.routing.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Renders every error response of the service, including the framework's own (unknown route,
 * unconvertible parameter, wrong method), as {@code application/problem+json}.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(
            ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        String type = Problem.ABOUT_BLANK;
        String title = status.getReason();
        if (context.getRootCause().orElse(null) instanceof ProblemException problem) {
            type = problem.type();
            title = problem.title();
            if (problem.retryAfterSeconds() != null) {
                response.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
            }
        }
        String detail =
                context.getErrors().stream()
                        .map(Error::getMessage)
                        .collect(Collectors.joining("; "));
        Problem body = new Problem(type, title, response.code(), detail.isEmpty() ? null : detail);
        return response.contentType(Problem.MEDIA_TYPE).body(body);
    }
}
