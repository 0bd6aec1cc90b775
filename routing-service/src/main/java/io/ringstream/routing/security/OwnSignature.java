package io.ringstream.routing.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.ringstream.security.tokens.SigningKey;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Lets Micronaut Security accept the tokens routing-service signs itself (HS256 with the shared
 * key). An identity provider's tokens are checked against its JWKS instead, configured by {@code
 * RINGSTREAM_OIDC_JWKS_URL}.
 */
@Singleton
@Named("ringstream")
public class OwnSignature implements SignatureConfiguration {
    private final JWSVerifier verifier;

    public OwnSignature(SigningKey key) {
        this.verifier = key.verifier();
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the HS256 algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return jwt.verify(verifier);
    }
}
