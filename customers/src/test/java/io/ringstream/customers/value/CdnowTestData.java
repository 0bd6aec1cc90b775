package io.ringstream.customers.value;

import io.ringstream.customers.value.cdnow.Cdnow;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the tests find the CDNOW files: the copies in src/test/resources/cdnow (see the README
 * there), read by the product's own {@link Cdnow} readers.
 */
public final class CdnowTestData {

    /** The directory of the copied CDNOW files. */
    public static final Path DIR = directory();

    private CdnowTestData() {}

    /** The rows of the published calibration summary, in file order. */
    public static List<Cdnow.Row> summaryCsv() {
        return Cdnow.summaryCsv(DIR);
    }

    /** The published calibration summaries of the 2,357 customers, in file order. */
    public static List<RepeatSummary> summaries() {
        return summaryCsv().stream().map(Cdnow.Row::summary).toList();
    }

    /** The purchases of CDNOW_sample.txt by the sample's customer id (1–2357). */
    public static Map<Integer, List<DatedPurchase>> purchases() {
        return Cdnow.purchases(DIR);
    }

    private static Path directory() {
        URL readme = CdnowTestData.class.getClassLoader().getResource("cdnow/README.md");
        if (readme == null) {
            throw new IllegalStateException("missing test resource cdnow/README.md");
        }
        try {
            return Path.of(readme.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
