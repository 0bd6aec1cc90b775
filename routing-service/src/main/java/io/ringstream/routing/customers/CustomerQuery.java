package io.ringstream.routing.customers;

import io.ringstream.customers.identity.IdentityKind;
import java.util.Set;

/**
 * What a customer search asks for: every customer (by id), a name prefix (by lower-cased name, then
 * id), or the holders of one identity value among some kinds (by id).
 */
sealed interface CustomerQuery {
    record All() implements CustomerQuery {}

    /**
     * @param prefix lower-cased
     */
    record NamePrefix(String prefix) implements CustomerQuery {}

    record HoldersOf(Set<IdentityKind> kinds, String value) implements CustomerQuery {}
}
