package io.signet.testing.smoke;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A note of the smoke application: stored, announced on Kafka, marked when read back. */
@Entity
@Table(name = "smoke_note")
public class SmokeNote extends PanacheEntityBase {

  @Id public UUID id;

  public String text;

  /** Set once the application's own consumer has read the note's event back from Kafka. */
  public boolean delivered;
}
