package io.ringstream.routing.core;

/** Where a contact is in routing, as queries report it. */
public enum ContactStatus {
    WAITING,
    OFFERED,
    ASSIGNED
}
