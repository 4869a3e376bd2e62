package io.signet.support.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.signet.events.EventType;
import io.signet.support.Problem;
import io.signet.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view of this service's dead letters, and their re-drive after a fix. */
@Path("/api/v1/dead-letters")
@Tag(name = "dead-letters")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = ConsumerGuard.CHANNEL_PROPERTY, stringValue = "smallrye-kafka")
public class DeadLetterResource {

  private static final int MAX_SIZE = 500;
  private static final int MAX_PAGE = 100_000;

  private final DeadLetterStore store;
  private final ConsumerGuard guard;
  private final String service;

  public DeadLetterResource(
      DeadLetterStore store,
      ConsumerGuard guard,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.store = store;
    this.guard = guard;
    this.service = service;
  }

  /** A page of dead letters, oldest first. */
  public record DeadLetterPage(
      String service,
      DeadLetterStatus status,
      int page,
      int size,
      long total,
      List<DeadLetter> items) {}

  /** What a re-drive of many did: each dead letter as it stands afterwards. */
  public record RedriveReport(
      String service, int redriven, int stillOpen, int superseded, List<DeadLetter> items) {}

  @GET
  @Operation(summary = "List this service's dead letters (OPEN by default), oldest first")
  public DeadLetterPage list(
      @QueryParam("status") @DefaultValue("OPEN") String status,
      @QueryParam("topic") String topic,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    DeadLetterStatus wanted = status(status);
    if (topic != null
        && Arrays.stream(EventType.values()).noneMatch(t -> t.topic().equals(topic))) {
      throw Problem.invalid(
          "topic",
          "topic must be a source topic: "
              + Arrays.stream(EventType.values())
                  .map(EventType::topic)
                  .collect(Collectors.joining(", ")));
    }
    if (page < 0 || page > MAX_PAGE) {
      throw Problem.invalid("page", "page must be between 0 and " + MAX_PAGE);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw Problem.invalid("size", "size must be between 1 and " + MAX_SIZE);
    }
    return new DeadLetterPage(
        service,
        wanted,
        page,
        size,
        store.count(wanted, topic),
        store.list(wanted, topic, page * size, size));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One dead letter")
  public DeadLetter get(@PathParam("id") long id) {
    return store.find(id).orElseThrow(() -> Problem.notFound("no dead letter " + id));
  }

  @POST
  @Path("/{id}/redrive")
  @Operation(
      summary =
          "Process a dead letter again, through the live code path: REDRIVEN when it passes, OPEN"
              + " with the new reason when it fails, SUPERSEDED (not applied) when a newer record"
              + " of its key was processed")
  public DeadLetter redrive(@PathParam("id") long id) {
    return guard.redrive(id);
  }

  @POST
  @Path("/redrive")
  @Operation(summary = "Re-drive the oldest open dead letters (of one topic, if given), up to size")
  public RedriveReport redriveOpen(
      @QueryParam("topic") String topic, @QueryParam("size") @DefaultValue("100") int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw Problem.invalid("size", "size must be between 1 and " + MAX_SIZE);
    }
    List<DeadLetter> results =
        store.list(DeadLetterStatus.OPEN, topic, 0, size).stream()
            .map(letter -> guard.redrive(letter.id()))
            .toList();
    return new RedriveReport(
        service,
        count(results, DeadLetterStatus.REDRIVEN),
        count(results, DeadLetterStatus.OPEN),
        count(results, DeadLetterStatus.SUPERSEDED),
        results);
  }

  private static int count(List<DeadLetter> letters, DeadLetterStatus status) {
    return (int) letters.stream().filter(letter -> letter.status() == status).count();
  }

  private static DeadLetterStatus status(String value) {
    try {
      return DeadLetterStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("status", "status must be one of OPEN, REDRIVEN, SUPERSEDED");
    }
  }
}
