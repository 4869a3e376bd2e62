package io.signet.testing.smoke;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads announced notes back from Kafka and marks them delivered in PostgreSQL. */
@ApplicationScoped
public class SmokeNoteDeliveries {

  @Incoming("smoke-notes-in")
  @Blocking
  @Transactional
  public void delivered(String id) {
    SmokeNote note = SmokeNote.findById(UUID.fromString(id));
    if (note != null) {
      note.delivered = true;
    }
  }
}
