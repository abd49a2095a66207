package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.minlog.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Kryo's log to SLF4J, under logger names starting with {@code com.esotericsoftware.kryo}.
 */
final class MinlogToSlf4j extends Log.Logger {
  private static final String ROOT = "com.esotericsoftware.kryo";

  static void install() {
    // Kryo's minlog prints to System.out, which in a worker JVM may carry frames: use SLF4J.
    Log.setLogger(new MinlogToSlf4j());
  }

  @Override
  public void log(int level, String category, String message, Throwable ex) {
    Logger logger = LoggerFactory.getLogger(category == null ? ROOT : ROOT + "." + category);
    if (level == Log.LEVEL_WARN && isHarmlessLambdaFallback(message)) {
      // Without --add-opens java.base/java.lang.invoke (the user's JVM need not have it),
      // ClosureSerializer falls back to Class.forName and $deserializeLambda$, which works; its
      // two warnings with stack traces would only alarm users of every pool.
      level = Log.LEVEL_DEBUG;
    }
    switch (level) {
      case Log.LEVEL_ERROR -> logger.error(message, ex);
      case Log.LEVEL_WARN -> logger.warn(message, ex);
      case Log.LEVEL_INFO -> logger.info(message, ex);
      case Log.LEVEL_DEBUG -> logger.debug(message, ex);
      default -> logger.trace(message, ex);
    }
  }

  private static boolean isHarmlessLambdaFallback(String message) {
    return message != null && message.startsWith("Unable to obtain SerializedLambda#");
  }
}
