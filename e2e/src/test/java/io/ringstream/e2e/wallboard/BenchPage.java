package io.ringstream.e2e.wallboard;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One open wallboard of {@link WallboardFanOutBench}: the lines of its {@code
 * /v1/wallboard/stream}, as the JDK's HTTP client pushes them (no thread per stream), parsed by the
 * SSE rules testkit's SseClient follows (a blank line ends an event; {@code event:}, {@code id:}
 * and {@code data:} fields). It keeps only when each measured event arrived: a {@code live} event
 * is known by its {@code asOf} (the status's eventTime), an {@code alert} by its SSE id (the
 * alert's eventId).
 */
final class BenchPage implements Flow.Subscriber<String> {
    /** The events of one measurement: their keys, and per page when each arrived (0 = not yet). */
    static final class Phase {
        final java.util.Map<String, Integer> index = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicLongArray[] arrivals;
        final CountDownLatch all;

        Phase(int pages, int events) {
            arrivals = new AtomicLongArray[pages];
            for (int p = 0; p < pages; p++) {
                arrivals[p] = new AtomicLongArray(events);
            }
            all = new CountDownLatch(pages * events);
        }
    }

    /** The size of the latest {@code live} event's data, for the report. */
    static volatile int liveBytes;

    private final int number;
    private final CountDownLatch connected = new CountDownLatch(1);
    private volatile Phase phase;
    private volatile Flow.Subscription subscription;
    // Lifetime: the event being read, reset at each blank line (one reader thread at a time).
    private String name;
    private String id;
    private String data;

    BenchPage(int number) {
        this.number = number;
    }

    void measure(Phase p) {
        phase = p;
    }

    CountDownLatch connected() {
        return connected;
    }

    void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (!line.isEmpty()) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).trim();
            }
            return;
        }
        long now = System.nanoTime();
        if ("thresholds".equals(name)) {
            connected.countDown();
        } else if ("live".equals(name) && data != null) {
            liveBytes = data.length();
            arrived("s" + asOf(data), now);
        } else if ("alert".equals(name) && id != null) {
            arrived("a" + id, now);
        }
        name = null;
        id = null;
        data = null;
    }

    private void arrived(String key, long now) {
        Phase p = phase;
        Integer event = p == null ? null : p.index.get(key);
        if (event != null && p.arrivals[number].compareAndSet(event, 0, now)) {
            p.all.countDown();
        }
    }

    private static String asOf(String json) {
        int at = json.indexOf("\"asOf\":");
        if (at < 0) {
            return "";
        }
        int from = at + 7;
        int to = from;
        while (to < json.length() && Character.isDigit(json.charAt(to))) {
            to++;
        }
        return json.substring(from, to);
    }

    @Override
    public void onError(Throwable t) {
        // The stream ended (closed by the benchmark, or lost: the missing arrivals show it).
    }

    @Override
    public void onComplete() {}
}
