package org.multiprocessing4j.core.contract;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pool;

/**
 * What the contract tests of a Manager's shared objects share: a Manager started for each test and
 * closed after it, and the transport under test, which a subclass per transport chooses.
 */
public abstract class AbstractManagerContractTest {
  static final Duration LONG = Duration.ofSeconds(30);

  Manager manager;

  /** Chooses the transport under test, for example {@code builder.transport("pipe")}. */
  protected abstract Pool.Builder configure(Pool.Builder builder);

  @BeforeEach
  void startManager() {
    manager = Manager.start();
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }
}
