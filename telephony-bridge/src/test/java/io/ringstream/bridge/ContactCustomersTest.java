package io.ringstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The bridge's memory of its contacts' customers: what is news, when an entry goes, and that it
 * never grows past its bound, even under concurrent learning.
 */
class ContactCustomersTest {

    @Test
    void aCustomerIsNewsOnceAndAnotherCustomerReplacesIt() {
        ContactCustomers customers = new ContactCustomers(10);

        assertThat(customers.customerOf("c1")).isNull();
        assertThat(customers.learn("c1", "k1")).isTrue();
        assertThat(customers.learn("c1", "k1")).as("already known").isFalse();
        assertThat(customers.customerOf("c1")).isEqualTo("k1");
        assertThat(customers.learn("c1", "k2")).as("another customer").isTrue();
        assertThat(customers.customerOf("c1")).isEqualTo("k2");
        assertThat(customers.size()).isEqualTo(1);
    }

    @Test
    void aForgottenContactIsUnknownAndItsCustomerIsNewsAgain() {
        ContactCustomers customers = new ContactCustomers(10);
        customers.learn("c1", "k1");
        customers.learn("c2", "k2");

        customers.forget("c1");
        customers.forget("never-seen");
        customers.forget(null);

        assertThat(customers.customerOf("c1")).isNull();
        assertThat(customers.customerOf("c2")).isEqualTo("k2");
        assertThat(customers.learn("c1", "k1")).isTrue();
    }

    @Test
    void aFullMapDropsTheContactLearnedLongestAgo() {
        ContactCustomers customers = new ContactCustomers(3);
        customers.learn("c1", "k1");
        customers.learn("c2", "k2");
        customers.learn("c3", "k3");
        // Reading does not make an entry younger; learning another customer does.
        customers.customerOf("c1");
        customers.learn("c2", "k2-new");

        customers.learn("c4", "k4");
        customers.learn("c5", "k5");

        assertThat(customers.size()).isEqualTo(3);
        assertThat(customers.evicted()).isEqualTo(2);
        assertThat(customers.customerOf("c1")).isNull();
        assertThat(customers.customerOf("c3")).isNull();
        assertThat(customers.customerOf("c2")).isEqualTo("k2-new");
        assertThat(customers.customerOf("c4")).isEqualTo("k4");
        assertThat(customers.customerOf("c5")).isEqualTo("k5");
    }

    @Test
    void concurrentLearningKeepsTheBoundAndEveryContactIsNewsExactlyOnce() throws Exception {
        ContactCustomers customers = new ContactCustomers(500);
        int threads = 4;
        int contacts = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(
                        () -> {
                            int news = 0;
                            for (int c = 0; c < contacts; c++) {
                                // Every thread learns the same contacts, in the same order.
                                if (customers.learn("c" + c, "k" + c)) {
                                    news++;
                                }
                            }
                            return news;
                        });
            }
            int news = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                news += f.get();
            }

            assertThat(customers.size()).isEqualTo(500);
            // A contact evicted before another thread reached it is news again, so at least once.
            assertThat(news).isGreaterThanOrEqualTo(contacts);
            assertThat(customers.evicted()).isEqualTo(news - 500L);
            assertThat(customers.customerOf("c" + (contacts - 1))).isEqualTo("k" + (contacts - 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMapWithoutRoomIsRefused() {
        assertThatThrownBy(() -> new ContactCustomers(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
