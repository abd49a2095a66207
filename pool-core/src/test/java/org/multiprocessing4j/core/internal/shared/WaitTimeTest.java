package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTimeTest {

  @Test
  void aTimeoutTravelsAsNanoseconds() {
    assertEquals(5_000_000, WaitTime.nanos(Duration.ofMillis(5)));
  }

  @Test
  void zeroAndNegativeTimeoutsDoNotWait() {
    assertEquals(0, WaitTime.nanos(Duration.ZERO));
    assertEquals(0, WaitTime.nanos(Duration.ofMillis(-5)));
  }

  @Test
  void aTimeoutTooLongToCountInNanosecondsIsForever() {
    assertEquals(WaitTime.FOREVER, WaitTime.nanos(Duration.ofDays(365L * 300)));
  }

  @Test
  void aNullTimeoutIsRefused() {
    assertThrows(NullPointerException.class, () -> WaitTime.nanos(null));
  }
}
