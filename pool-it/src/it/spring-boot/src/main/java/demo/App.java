package demo;

import java.util.List;
import org.multiprocessing4j.Pool;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class App implements CommandLineRunner {
  public static void main(String[] args) {
    SpringApplication.run(App.class, args);
  }

  @Override
  public void run(String... args) throws Exception {
    try (Pool pool = Pool.builder().processes(2).build()) {
      List<Integer> doubled = pool.map(i -> i * 2, List.of(1, 2, 3));
      System.out.println("RESULT " + doubled);
    }
  }
}
