package io.ringstream.routing.customers;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a search page ended: the last row's sort key (its lower-cased name for a name search, empty
 * otherwise) and id. Clients see it as opaque base64url text; the next page starts after it (keyset
 * pagination: no rows skipped or repeated when others are added between pages).
 */
record SearchCursor(String sortKey, UUID id) {
    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((id + "\n" + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws io.ringstream.routing.web.ProblemException 400 when the text is no cursor of ours
     */
    static SearchCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int newline = plain.indexOf('\n');
            return new SearchCursor(
                    plain.substring(newline + 1), UUID.fromString(plain.substring(0, newline)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw CustomerProblems.badRequest("cursor is not one this API gave out");
        }
    }
}
