package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 300;

  record Message(int thread, int round, List<String> words, Map<String, double[]> data) {}

  @Test
  void oneSerializerServesManyThreadsAtOnce() throws Exception {
    Serializer serializer = Serializers.fromProvider();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> roundTrips(serializer, thread)));
      }
      for (Future<Integer> result : results) {
        assertEquals(ROUNDS, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Interleaves failures, which drop Kryos, with successes, which reuse them. */
  private static int roundTrips(Serializer serializer, int thread) throws Exception {
    int ok = 0;
    for (int round = 0; round < ROUNDS; round++) {
      if (round % 50 == 0) {
        assertThrows(
            SerializationException.class,
            () -> serializer.serialize(new Thread(), OutputStream.nullOutputStream()));
      }
      Message message =
          new Message(
              thread,
              round,
              List.of("t" + thread, "r" + round),
              Map.of("k", new double[] {thread, round}));
      Message copy = Serializers.roundTrip(serializer, message);
      assertEquals(message.thread(), copy.thread());
      assertEquals(message.round(), copy.round());
      assertEquals(message.words(), copy.words());
      assertEquals(round, copy.data().get("k")[1]);
      ok++;
    }
    return ok;
  }
}
