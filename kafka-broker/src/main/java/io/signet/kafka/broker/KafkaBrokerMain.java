package io.signet.kafka.broker;

import java.nio.file.Path;

/**
 * Runs a broker in the foreground until the process is stopped: {@code KafkaBrokerMain <data-dir>
 * [port] [controller-port]}. Used by CI and the local stack.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1) {
      System.err.println("usage: KafkaBrokerMain <data-dir> [port] [controller-port]");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]);
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
    int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : port + 1;
    KafkaBroker broker = KafkaBroker.start(dataDir, port, controllerPort);
    System.out.println("Kafka broker listening on " + broker.bootstrapServers());
    while (broker.isAlive()) {
      Thread.sleep(1_000);
    }
  }
}
