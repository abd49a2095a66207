package org.multiprocessing4j.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.contract.plainsocket.PlainSocketTransportProvider;
import org.multiprocessing4j.core.internal.launch.ExitStatus;
import org.multiprocessing4j.kryo.KryoSerializerProvider;

class WireFormatTest {

  @Test
  void fieldsRoundTrip() throws Exception {
    FrameWriter writer =
        new FrameWriter(1)
            .writeByte(7)
            .writeBoolean(true)
            .writeInt(-5)
            .writeLong(Long.MIN_VALUE + 3)
            .writeString("héllo")
            .writeString(null)
            .writeBytes(new byte[] {1, 2, 3});
    byte[] frame = java.util.Arrays.copyOf(writer.array(), writer.size());
    FrameReader reader = new FrameReader(frame);
    assertEquals(7, reader.readByte());
    assertTrue(reader.readBoolean());
    assertEquals(-5, reader.readInt());
    assertEquals(Long.MIN_VALUE + 3, reader.readLong());
    assertEquals("héllo", reader.readString());
    assertNull(reader.readString());
    assertArrayEquals(new byte[] {1, 2, 3}, reader.readBytes());
    assertEquals(0, reader.remaining());
  }

  @Test
  void aLargeArrayStreamedInSlicesIsCopiedIntoTheFrameOnce() {
    byte[] payload = new byte[5 << 20];
    payload[payload.length - 1] = 42;
    FrameWriter writer = new FrameWriter(256).writeLong(7);
    writer.write(payload, 0, 1 << 20);
    byte[] grownOnce = writer.array();
    for (int offset = 1 << 20; offset < payload.length; offset += 1 << 20) {
      writer.write(payload, offset, 1 << 20);
    }
    writer.writeInt(0);
    assertSame(grownOnce, writer.array());
    assertEquals(8 + payload.length + 4, writer.size());
    assertEquals(42, writer.array()[8 + payload.length - 1]);
  }

  @Test
  void aSerializersPartlyFilledBufferDoesNotInflateASmallFrame() {
    FrameWriter writer = new FrameWriter(16);
    writer.write(new byte[64 << 10], 0, 100);
    assertTrue(writer.array().length < 1024, "capacity " + writer.array().length);
  }

  @Test
  void truncatedFrameIsAProtocolErrorNotAnOutOfMemoryError() {
    byte[] lyingLength = new FrameWriter(8).writeInt(Integer.MAX_VALUE).array();
    ProtocolException failure =
        assertThrows(ProtocolException.class, () -> new FrameReader(lyingLength).readBytes());
    assertTrue(failure.getMessage().contains("more were expected"), failure.getMessage());
  }

  @Test
  void bootstrapRoundTripsAndRejectsStrangers() throws Exception {
    Bootstrap sent =
        new Bootstrap(
            "p",
            "p-worker-1",
            42,
            "pipe",
            "org.example.Pipe",
            new byte[] {9},
            "kryo",
            "org.example.Kryo",
            "fp",
            1 << 20,
            5000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sent.writeTo(out);
    Bootstrap read = Bootstrap.readFrom(new ByteArrayInputStream(out.toByteArray()));
    assertEquals("p-worker-1", read.workerName());
    assertEquals(42, read.parentPid());
    assertArrayEquals(new byte[] {9}, read.transportParameters());
    assertEquals("org.example.Pipe", read.transportClass());
    assertEquals("org.example.Kryo", read.serializerClass());
    assertEquals(1 << 20, read.transportSettings().maxFrameSize());
    assertThrows(
        EOFException.class, () -> Bootstrap.readFrom(new ByteArrayInputStream(new byte[0])));
    ProtocolException byHand =
        assertThrows(
            ProtocolException.class,
            () -> Bootstrap.readFrom(new ByteArrayInputStream("hello\n".getBytes())));
    assertTrue(byHand.getMessage().contains("not by hand"));
  }

  @Test
  void workersInstantiateTheParentsProvidersWithoutScanningTheClasspath() {
    ClassLoader noServices = withoutServiceFiles();
    Bootstrap bootstrap =
        bootstrap(
            PlainSocketTransportProvider.class.getName(), KryoSerializerProvider.class.getName());
    assertInstanceOf(PlainSocketTransportProvider.class, bootstrap.transportProvider(noServices));
    assertInstanceOf(KryoSerializerProvider.class, bootstrap.serializerProvider(noServices));
  }

  @Test
  void aProviderClassTheWorkerCannotUseIsLookedUpByName() {
    Bootstrap bootstrap = bootstrap("org.example.Missing", String.class.getName());
    ClassLoader loader = getClass().getClassLoader();
    assertInstanceOf(PlainSocketTransportProvider.class, bootstrap.transportProvider(loader));
    assertInstanceOf(KryoSerializerProvider.class, bootstrap.serializerProvider(loader));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> bootstrap.transportProvider(withoutServiceFiles()));
    assertTrue(missing.getMessage().contains("plain-socket"), missing.getMessage());
  }

  private static Bootstrap bootstrap(String transportClass, String serializerClass) {
    return new Bootstrap(
        "p",
        "p-worker-1",
        42,
        "plain-socket",
        transportClass,
        new byte[0],
        "kryo",
        serializerClass,
        "fp",
        1 << 20,
        5000);
  }

  /** Loads classes as usual but finds no {@code META-INF/services} files. */
  private ClassLoader withoutServiceFiles() {
    return new ClassLoader(getClass().getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith("META-INF/services/")
            ? Collections.emptyEnumeration()
            : super.getResources(name);
      }
    };
  }

  @Test
  void exitStatusNamesSignalsAndHints() {
    assertEquals("SIGKILL", new ExitStatus(137, 42).signal());
    assertTrue(new ExitStatus(137, 42).describe().contains("OOM killer"));
    assertTrue(new ExitStatus(139, 42).describe().contains("SIGSEGV"));
    assertTrue(new ExitStatus(134, 42).describe().contains("hs_err_pid42.log"));
    assertNull(new ExitStatus(3, 42).signal());
    assertTrue(new ExitStatus(3, 42).describe().contains("exited with code 3"));
    assertNull(new ExitStatus(null, 42).signal());
  }
}
