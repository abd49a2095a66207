package org.multiprocessing4j.examples;

import java.util.List;
import java.util.stream.IntStream;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;

/**
 * The seed article "python 进程池1 - Pool使用简介" in Java form: an initializer that runs once per worker,
 * {@code maxtasksperchild}, and {@code map}.
 */
public final class InitializerExamples {
  private InitializerExamples() {}

  static int doCalculation(int data) {
    return data * 2;
  }

  static void startProcess() {
    System.out.println("Starting " + CurrentProcess.name());
  }

  /**
   * {@code Pool(processes=cpu_count() * 2, initializer=start_process)} (2 processes here), with
   * {@code maxtasksperchild} when {@code maxTasksPerChild} is positive, and {@code map}.
   */
  static void mapWithInitializer(int maxTasksPerChild) throws Exception {
    List<Integer> inputs = IntStream.range(0, 10).boxed().toList();
    System.out.println("Inputs  : " + inputs);
    System.out.println(
        "Build-In : " + inputs.stream().map(InitializerExamples::doCalculation).toList());
    Pool.Builder builder =
        Pool.builder().processes(2).initializer(InitializerExamples::startProcess);
    if (maxTasksPerChild > 0) {
      builder.maxTasksPerChild(maxTasksPerChild);
    }
    Pool pool = builder.build();
    List<Integer> poolOutputs = pool.map(InitializerExamples::doCalculation, inputs);
    pool.shutdown();
    pool.join();
    System.out.println("Pool  : " + poolOutputs);
  }
}
