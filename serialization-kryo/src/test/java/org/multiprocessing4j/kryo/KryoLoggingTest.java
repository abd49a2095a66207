package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.kryo5.minlog.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KryoLoggingTest {

  @Test
  void kryoWarningsDoNotReachStdout() {
    Serializers.fromProvider();
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Log.warn("kryo", "a warning Kryo would print to System.out by default");
    } finally {
      System.setOut(original);
    }

    assertEquals("", printed.toString(StandardCharsets.UTF_8));
  }
}
