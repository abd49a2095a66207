package demo;

import java.util.List;
import org.multiprocessing4j.Pool;

public class Small {
  public static void main(String[] args) throws Exception {
    try (Pool pool = Pool.builder().processes(2).build()) {
      List<Integer> doubled = pool.map(i -> i * 2, List.of(1, 2, 3));
      System.out.println(doubled);
    }
  }
}
