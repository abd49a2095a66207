package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Describes everything both ends must agree on for Kryo bytes to decode: the Kryo version, this
 * module's format version, the buffer encoding, the settings, every fixed registration and every
 * default serializer, read back from a configured Kryo. Registration drift otherwise shows up as
 * "Encountered unregistered class ID" or, worse, as wrong values.
 *
 * <p>The format is {@code kryo5-<kryo version>/<64-bit FNV-1a hash of the description, in hex>}.
 * The hash guards against drift, not against an adversary (the channel is the parent's own), and a
 * JVM's first SHA-256 loads the security providers, 20 to 100 ms of every worker's start here.
 */
final class KryoFingerprint {
  private static final String KRYO_POM =
      "/META-INF/maven/com.esotericsoftware.kryo/kryo5/pom.properties";

  private KryoFingerprint() {}

  static String of(
      Kryo kryo, BufferKind bufferKind, int lastRegistrationId, List<Class<?>> defaultTypes) {
    String version = kryoVersion();
    List<String> lines = new ArrayList<>();
    lines.add("kryo " + version);
    lines.add("format " + KryoFactory.FORMAT_VERSION);
    lines.add("buffers " + bufferKind.describe());
    lines.add("references " + kryo.getReferences());
    lines.add("registrationRequired " + kryo.isRegistrationRequired());
    lines.add("kryo class " + kryo.getClass().getName());
    lines.add("class resolver " + kryo.getClassResolver().getClass().getName());
    lines.add("reference resolver " + kryo.getReferenceResolver().getClass().getName());
    lines.add("instantiators " + kryo.getInstantiatorStrategy().getClass().getName());
    for (int id = 0; id <= lastRegistrationId; id++) {
      Registration registration = kryo.getRegistration(id);
      if (registration != null) {
        lines.add(
            "register "
                + id
                + " "
                + registration.getType().getName()
                + " "
                + registration.getSerializer().getClass().getName());
      }
    }
    for (Class<?> type : defaultTypes) {
      lines.add(
          "default " + type.getName() + " " + kryo.getDefaultSerializer(type).getClass().getName());
    }
    return "kryo5-" + version + "/" + fnv1a64(String.join("\n", lines));
  }

  private static String kryoVersion() {
    try (InputStream pom = Kryo.class.getResourceAsStream(KRYO_POM)) {
      if (pom == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(pom);
      return properties.getProperty("version", "unknown");
    } catch (IOException unreadable) {
      return "unknown";
    }
  }

  private static String fnv1a64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return HexFormat.of().toHexDigits(hash);
  }
}
