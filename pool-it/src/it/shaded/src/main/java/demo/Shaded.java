package demo;

import java.util.List;
import org.multiprocessing4j.Pool;

public class Shaded {
  public static void main(String[] args) throws Exception {
    try (Pool pool = Pool.builder().processes(2).build()) {
      System.out.println("RESULT " + pool.map(i -> i * 2, List.of(1, 2, 3)));
    }
  }
}
