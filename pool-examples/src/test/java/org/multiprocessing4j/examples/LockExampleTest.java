package org.multiprocessing4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seed 004's Lock example keeps each child's turn whole, which its output alone cannot show: the
 * children's lines reach the parent over separate pipes.
 */
class LockExampleTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void lockKeepsEachChildsTurnTogether() throws Exception {
    List<String> turns = ProcessExamples.lockedPrinting();
    assertEquals(20, turns.size(), turns.toString());
    Set<String> children = new HashSet<>();
    for (int i = 0; i < turns.size(); i += 2) {
      String child = turns.get(i).substring("start ".length());
      assertEquals("start " + child, turns.get(i), turns.toString());
      assertEquals("end " + child, turns.get(i + 1), turns.toString());
      children.add(child);
    }
    assertEquals(10, children.size(), turns.toString());
  }
}
