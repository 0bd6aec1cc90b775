package io.ringstream.gateway.http;

import java.util.List;
import java.util.Map;

/**
 * Where the gateway's HTTP server hands a request to {@code /webhooks/whatsapp} or {@code
 * /webhooks/instagram}: the providers' side implements it (signature, handshake, parsing, hand-off
 * to {@code ProviderInbound}). The server has already refused bodies over {@code
 * SignedDelivery.META_MAX_BODY_BYTES} (413) and answers 404 for every webhook when no route is
 * configured.
 *
 * <p>Called on the gateway's webhook executor, never on a Netty event loop: an implementation may
 * block briefly (a Kafka send). It must not throw; if it does, the server answers a 503 problem and
 * logs it, and the connection stays usable.
 */
public interface WebhookRoute {

    /**
     * Answers one webhook request.
     *
     * @param provider {@code whatsapp} or {@code instagram}, the path's last segment
     * @param method {@code GET} or {@code POST} (other methods are refused with 405 before this)
     * @param query the decoded query parameters, each name to its values in order
     * @param headers the request headers, names in lower case, the first value of each
     * @param body the raw body exactly as received (empty for GET), for the signature check
     */
    HttpAnswer answer(
            String provider,
            String method,
            Map<String, List<String>> query,
            Map<String, String> headers,
            byte[] body);
}
