package org.multiprocessing4j.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.TransportProvider;

/** A process that cannot start fails {@code start()} and leaves nothing behind. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChildProcessTest {
  private final ParentTransport transport = mock(ParentTransport.class);

  private final TransportProvider provider = mock(TransportProvider.class);

  ChildProcessTest() throws IOException {
    when(provider.createParentTransport(any())).thenReturn(transport);
  }

  private PoolSpec spec(String name, Path java) {
    return new PoolSpec(
        name,
        1,
        null,
        0,
        List.of(),
        provider,
        new KryoSerializerProvider(),
        1 << 20,
        null,
        null,
        getClass().getClassLoader(),
        System.getProperty("java.class.path"),
        java,
        Duration.ofSeconds(10),
        null,
        0,
        8,
        Duration.ofMinutes(1),
        null,
        Map.of(),
        null,
        false);
  }

  @Test
  void aJavaThatCannotRunFailsStartAndReleasesTheTransport(@TempDir Path dir) throws Exception {
    Path java = dir.resolve("java");
    Files.writeString(java, "#!/no/such/interpreter\n");
    assertTrue(java.toFile().setExecutable(true));

    UncheckedIOException failure =
        assertThrows(
            UncheckedIOException.class,
            () -> new CorePoolFactory().startProcess(spec("unlaunchable", java), () -> {}, false));

    assertTrue(failure.getMessage().contains("process unlaunchable"), failure.getMessage());
    assertTrue(failure.getMessage().contains(java.toString()), failure.getMessage());
    verify(transport, timeout(5_000)).close();
    assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(thread -> thread.getName().startsWith("unlaunchable")),
        "a thread of the process was left running");
  }

  @Test
  void aTargetThatCannotBeSerializedReleasesTheTransport() {
    Thread notSendable = new Thread(() -> {});
    SerializableRunnable target = () -> System.out.println(notSendable.getName());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    SerializationException failure =
        assertThrows(
            SerializationException.class,
            () -> new CorePoolFactory().startProcess(spec("unsendable", java), target, false));

    assertTrue(failure.getMessage().contains("process unsendable"), failure.getMessage());
    verify(transport, timeout(5_000)).close();
  }
}
