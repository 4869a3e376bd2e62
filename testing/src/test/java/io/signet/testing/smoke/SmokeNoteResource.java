package io.signet.testing.smoke;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Stores a note in PostgreSQL and announces it on Kafka. */
@Path("/smoke-notes")
public class SmokeNoteResource {

  private final Emitter<String> notes;

  public SmokeNoteResource(@Channel("smoke-notes-out") Emitter<String> notes) {
    this.notes = notes;
  }

  /** Announces the note only once it is committed, so a consumer always finds it. */
  @POST
  public Response create(String text) {
    SmokeNote note =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SmokeNote created = new SmokeNote();
                  created.id = UUID.randomUUID();
                  created.text = text;
                  created.persist();
                  return created;
                });
    notes.send(note.id.toString());
    return Response.created(URI.create("/smoke-notes/" + note.id)).entity(note).build();
  }

  @GET
  @Path("/{id}")
  public SmokeNote get(@PathParam("id") UUID id) {
    SmokeNote note = SmokeNote.findById(id);
    if (note == null) {
      throw new NotFoundException();
    }
    return note;
  }
}
