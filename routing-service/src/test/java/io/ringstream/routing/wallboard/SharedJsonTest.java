package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fan-out writes a payload handed to every stream once, and never serves a stale one. */
class SharedJsonTest {
    private final List<Object> written = new ArrayList<>();
    private final SharedJson shared =
            new SharedJson(
                    v -> {
                        written.add(v);
                        return "{\"v\":\"" + v + "\"}";
                    });

    @Test
    void theSameObjectForManyStreamsIsWrittenOnce() {
        LiveFigures figures = new LiveFigures(1L, List.of(), List.of());
        for (int stream = 0; stream < 200; stream++) {
            assertThat(shared.write("live", figures)).isEqualTo("{\"v\":\"" + figures + "\"}");
        }
        assertThat(written).containsExactly(figures);
    }

    @Test
    void anEqualButNewObjectIsWrittenAgain() {
        LiveFigures first = new LiveFigures(1L, List.of(), List.of());
        LiveFigures second = new LiveFigures(1L, List.of(), List.of());
        shared.write("live", first);
        shared.write("live", second);
        assertThat(written).hasSize(2);
    }

    @Test
    void eachEventNameKeepsItsOwnLatestPayload() {
        LiveFigures live = new LiveFigures(1L, List.of(), List.of());
        KpiFigures kpis = KpiFigures.unavailable();
        shared.write("live", live);
        shared.write("kpis", kpis);
        shared.write("live", live);
        shared.write("kpis", kpis);
        assertThat(written).containsExactly(live, kpis);
    }
}
