package io.ringstream.security.endpoints;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The dial strings a tenant's agents may be reached at. routing-service hands an agent's endpoint
 * to the dialplan's {@code Dial()}, so an endpoint that names a trunk or a SIP URI ({@code
 * PJSIP/itsp-trunk/sip:+1900...@premium.example.net}) would let whoever sets it place calls at the
 * tenant's expense: toll fraud. An endpoint is therefore exactly {@code TECHNOLOGY/EXTENSION}, with
 * the technology from an allowed list and the extension matching the tenant's pattern; it is
 * checked when an admin or supervisor sets it and again before it is returned to the PBX.
 *
 * @param technologies the channel technologies allowed, e.g. PJSIP, SIP, IAX2
 * @param extension the regular expression the whole extension must match
 */
public record EndpointPolicy(Set<String> technologies, String extension) {
    private static final Pattern TECHNOLOGY = Pattern.compile("[A-Z][A-Z0-9]{1,15}");
    // Nothing a dial string could use to reach beyond the extension: no '/', '@', ':', '&', ',',
    // spaces or control characters, whatever the tenant's pattern says.
    private static final Pattern SAFE_EXTENSION = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

    // Declared after the patterns above, which its constructor uses.
    /** Desk phones and softphones on the PBX itself: 2 to 8 digits. */
    public static final EndpointPolicy DEFAULT =
            new EndpointPolicy(Set.of("PJSIP", "SIP", "IAX2"), "[0-9]{2,8}");

    public EndpointPolicy {
        technologies = Set.copyOf(technologies);
        if (technologies.isEmpty()) {
            throw new IllegalArgumentException("at least one technology must be allowed");
        }
        for (String t : technologies) {
            if (!TECHNOLOGY.matcher(t).matches()) {
                throw new IllegalArgumentException(
                        "technology '" + t + "' must match " + TECHNOLOGY.pattern());
            }
        }
        try {
            Pattern.compile(extension);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("extension is not a regular expression", e);
        }
    }

    /** Why {@code endpoint} is refused, or empty when it is allowed. */
    public Optional<String> problem(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.of("an endpoint is required");
        }
        int slash = endpoint.indexOf('/');
        if (slash < 0) {
            return Optional.of("an endpoint is TECHNOLOGY/EXTENSION, e.g. PJSIP/1001");
        }
        String technology = endpoint.substring(0, slash);
        String extension = endpoint.substring(slash + 1);
        if (!technologies.contains(technology)) {
            return Optional.of(
                    "technology '"
                            + technology
                            + "' is not allowed; allowed: "
                            + List.copyOf(technologies).stream().sorted().toList());
        }
        if (!SAFE_EXTENSION.matcher(extension).matches()
                || !Pattern.compile(this.extension).matcher(extension).matches()) {
            return Optional.of("extension must match " + this.extension);
        }
        return Optional.empty();
    }

    public boolean allows(String endpoint) {
        return problem(endpoint).isEmpty();
    }
}
