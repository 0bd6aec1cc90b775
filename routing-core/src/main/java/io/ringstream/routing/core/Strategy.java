package io.ringstream.routing.core;

/**
 * How a queue picks among the agents eligible for a contact. BEST_FIT is Ringstream's policy; the
 * others exist for comparison and for migrating from systems that use them (Asterisk app_queue's
 * leastrecent, fewestcalls, rrmemory, random and ringall).
 */
public enum Strategy {
    /** Highest mean proficiency on the required skills, then the agent idle longest. */
    BEST_FIT,
    /** The agent idle longest. */
    LONGEST_IDLE,
    /** The agent who accepted the fewest contacts since login, then the agent idle longest. */
    FEWEST_CONTACTS,
    /** The next eligible agent after the queue's last chosen one, in agent-id order. */
    ROUND_ROBIN,
    /** A seeded uniform choice. */
    RANDOM,
    /** Offer to every eligible agent at once; the first accept wins, the others are rescinded. */
    RING_ALL
}
