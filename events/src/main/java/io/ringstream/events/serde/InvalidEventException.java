package io.ringstream.events.serde;

/** An input that cannot become an event; its message is the reason stored in the dead letter. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
