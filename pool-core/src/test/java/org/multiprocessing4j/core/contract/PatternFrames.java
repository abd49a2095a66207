package org.multiprocessing4j.core.contract;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The frames the channel contract sends: each names its sender and its place in that sender's
 * sequence, and fills the rest with bytes that depend on both and on their offset, so that the
 * receiver can tell a lost, reordered, torn or shifted frame from a good one without keeping a
 * copy. An {@link #END} frame closes a stream of them; a report frame carries a {@link Properties}
 * text.
 */
final class PatternFrames {
  /** The smallest data frame: the sender and the sequence number. */
  static final int HEADER = 8;

  /** Marks the end of a stream of data frames. */
  static final byte[] END = {-1, -1, -1, -1};

  private static final byte REPORT_MARK = '#';

  private PatternFrames() {}

  /** A data frame of {@code length} bytes, at least {@link #HEADER}. */
  static byte[] data(int sender, int sequence, int length) {
    byte[] frame = new byte[length];
    ByteBuffer.wrap(frame).putInt(sender).putInt(sequence);
    for (int i = HEADER; i < length; i++) {
      frame[i] = patternByte(sender, sequence, i);
    }
    return frame;
  }

  private static byte patternByte(int sender, int sequence, int offset) {
    return (byte) (offset * 7 + sequence * 31 + sender * 13);
  }

  static boolean isEnd(byte[] frame) {
    return frame.length == END.length && ByteBuffer.wrap(frame).getInt() == -1;
  }

  static boolean isReport(byte[] frame) {
    return frame.length > 0 && frame[0] == REPORT_MARK;
  }

  static byte[] report(Properties properties) {
    StringBuilder text = new StringBuilder().append((char) REPORT_MARK).append('\n');
    properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Properties readReport(byte[] frame) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(new String(frame, StandardCharsets.UTF_8)));
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return properties;
  }

  /** Checks a stream of data frames from any number of senders. Thread-safe. */
  static final class Checker {
    private final Map<Integer, Integer> nextSequence = new HashMap<>();
    private long frames;
    private long bytes;
    private long errors;
    private String firstError;

    /** Checks one frame: its sender's next in sequence, with every byte as sent. */
    synchronized void accept(byte[] frame) {
      frames++;
      bytes += frame.length;
      if (frame.length < HEADER) {
        error("a data frame of " + frame.length + " bytes, shorter than its header");
        return;
      }
      ByteBuffer header = ByteBuffer.wrap(frame);
      int sender = header.getInt();
      int sequence = header.getInt();
      int expected = nextSequence.getOrDefault(sender, 0);
      if (sequence != expected) {
        error(
            "sender " + sender + ": frame " + sequence + " arrived where " + expected + " was due");
      }
      nextSequence.put(sender, sequence + 1);
      for (int i = HEADER; i < frame.length; i++) {
        if (frame[i] != patternByte(sender, sequence, i)) {
          error(
              "sender "
                  + sender
                  + ", frame "
                  + sequence
                  + ": byte "
                  + i
                  + " of "
                  + frame.length
                  + " differs from what was sent");
          return;
        }
      }
    }

    private void error(String message) {
      if (errors++ == 0) {
        firstError = message;
      }
    }

    synchronized long frames() {
      return frames;
    }

    /** How many frames arrived from {@code sender} so far. */
    synchronized int framesFrom(int sender) {
      return nextSequence.getOrDefault(sender, 0);
    }

    /** What was checked, as a report frame or file carries it. */
    synchronized Properties summary() {
      Properties summary = new Properties();
      summary.setProperty("frames", Long.toString(frames));
      summary.setProperty("bytes", Long.toString(bytes));
      summary.setProperty("errors", Long.toString(errors));
      summary.setProperty("firstError", firstError == null ? "" : firstError);
      return summary;
    }
  }
}
