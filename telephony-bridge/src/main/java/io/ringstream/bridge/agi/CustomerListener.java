package io.ringstream.bridge.agi;

/**
 * Told when a route answer names the customer of a contact, so the bridge's AMI side can stamp it
 * on the contact's later events and publish IDENTIFIED; an interface so the FastAGI side does not
 * depend on the AMI side. Called on a FastAGI thread, before the dialplan gets its variables: it
 * must not block.
 */
@FunctionalInterface
public interface CustomerListener {
    /** Ignores every answer: FastAGI without an AMI bridge (tests). */
    CustomerListener NONE = (tenant, contactId, customerId) -> {};

    /**
     * @param tenant the answer's tenant, null when neither the answer nor the request named one
     */
    void identified(String tenant, String contactId, String customerId);
}
