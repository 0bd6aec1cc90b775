package io.ringstream.routing.screenpop;

import io.ringstream.routing.screenpop.CustomerCard.RecentContact;
import java.util.List;

/** A customer's latest contacts for the card; the analytics store answers it. */
public interface RecentContacts {

    /** Without an analytics store: no history. */
    RecentContacts NONE = (tenant, customerIds, excludedContactId, limit) -> List.of();

    /**
     * The {@code limit} latest contacts of any of {@code customerIds} (a customer and the ids
     * merged into it), newest first, without {@code excludedContactId} (the contact being offered).
     */
    List<RecentContact> latest(
            String tenant, List<String> customerIds, String excludedContactId, int limit);
}
