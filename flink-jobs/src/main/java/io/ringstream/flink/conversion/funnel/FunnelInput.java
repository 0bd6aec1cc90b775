package io.ringstream.flink.conversion.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.RingstreamEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One input of the funnel progress operator: a contact event naming a customer, a business event or
 * a customer change (exactly one is set). One type lets one keyed operator with one broadcast input
 * (the funnel definitions) serve all three topics, keyed by {@code tenant|customerId}.
 */
public record FunnelInput(ContactEvent contact, BusinessEvent business, CustomerChange change) {

    /** The stream type: Flink's POJO serializer, no Kryo. */
    public static final TypeInformation<FunnelInput> TYPE = TypeInformation.of(FunnelInput.class);

    public FunnelInput {
        int set = (contact != null ? 1 : 0) + (business != null ? 1 : 0) + (change != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one event is required");
        }
    }

    public static FunnelInput of(ContactEvent e) {
        return new FunnelInput(e, null, null);
    }

    public static FunnelInput of(BusinessEvent e) {
        return new FunnelInput(null, e, null);
    }

    public static FunnelInput of(CustomerChange e) {
        return new FunnelInput(null, null, e);
    }

    /** The operator's key: {@code tenant|customerId}. */
    public String key() {
        return keyOf(tenant(), customerId());
    }

    public static String keyOf(String tenant, String customerId) {
        return tenant + "|" + customerId;
    }

    public String tenant() {
        return event().tenant();
    }

    public String customerId() {
        if (contact != null) {
            return contact.customerId();
        }
        return business != null ? business.customerId() : change.customerId();
    }

    /** The event itself. */
    public RingstreamEvent event() {
        if (contact != null) {
            return contact;
        }
        return business != null ? business : change;
    }
}
