package io.signet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./signet dead-letters} and {@code ./signet redrive}: the consuming services' dead letters
 * through their operator API, as an operator would call it.
 */
final class DeadLetters {

  private static final List<Component> CONSUMERS =
      List.of(Component.DIRECTORY, Component.RENDER, Component.PUSH);

  private final Stack stack;
  private final PrintStream out;
  private final JsonHttp http = new JsonHttp();

  DeadLetters(Stack stack, PrintStream out) {
    this.stack = stack;
    this.out = out;
  }

  /** Lists every consuming service's open dead letters, oldest first. */
  void list() {
    String operator = new DemoTenant(stack, out).operatorToken();
    int total = 0;
    for (Component service : CONSUMERS) {
      JsonNode page =
          http.call("GET", stack.url(service) + "/api/v1/dead-letters?size=500", operator, null);
      total += page.path("total").asInt();
      for (JsonNode letter : page.path("items")) {
        print(service, letter);
      }
    }
    out.println(total + " open dead letter(s)");
  }

  /** Re-drives the named dead letters of one service, or all its open ones. */
  void redrive(List<String> args) {
    if (args.isEmpty()) {
      throw new StackException(
          "name the service: ./signet redrive <service> [id ...] (ids from ./signet dead-letters)");
    }
    Component service = Component.byId(args.get(0));
    if (!CONSUMERS.contains(service)) {
      throw new StackException(service.id + " consumes no topic: nothing to re-drive");
    }
    String operator = new DemoTenant(stack, out).operatorToken();
    String base = stack.url(service) + "/api/v1/dead-letters";
    if (args.size() == 1) {
      JsonNode report = http.call("POST", base + "/redrive?size=500", operator, null);
      report.path("items").forEach(letter -> print(service, letter));
      out.printf(
          "%s: %d re-driven, %d still open, %d superseded%n",
          service.id,
          report.path("redriven").asInt(),
          report.path("stillOpen").asInt(),
          report.path("superseded").asInt());
      return;
    }
    for (String id : args.subList(1, args.size())) {
      print(service, http.call("POST", base + "/" + id + "/redrive", operator, null));
    }
  }

  private void print(Component service, JsonNode letter) {
    out.printf(
        "  %-22s #%-5s %-10s %-22s %s-%s@%s key %s (%s, %s)%n",
        service.id,
        letter.path("id").asText(),
        letter.path("status").asText(),
        letter.path("reason").asText(),
        letter.path("sourceTopic").asText(),
        letter.path("partition").asText(),
        letter.path("offset").asText(),
        letter.path("key").asText(),
        letter.path("deadLetteredAt").asText(),
        letter.path("detail").asText());
  }
}
