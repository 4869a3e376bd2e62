package io.signet.support.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.signet.events.DeadLetterReason;
import io.signet.events.EventRecords;
import io.signet.events.EventType;
import io.signet.events.InvalidRecordException;
import io.signet.events.RecordValidator;
import io.signet.events.SignetEvent;
import io.signet.events.Topics;
import io.signet.support.Problem;
import io.signet.support.kafka.KafkaClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The one way Signet's consumers survive records they cannot process: each record is checked
 * ({@link RecordValidator}) before its handler sees it; a transient failure is retried with backoff
 * (and {@link ConsumerReadiness} says not ready meanwhile); anything else goes to the source
 * topic's dead-letter topic and the {@code dead_letter} table, is counted and logged, and
 * consumption goes on. A batch that fails is applied again one record at a time, so only the bad
 * record is dead lettered. Re-driving a dead letter runs the same checks and the same handler.
 */
@ApplicationScoped
@IfBuildProperty(name = ConsumerGuard.CHANNEL_PROPERTY, stringValue = "smallrye-kafka")
public class ConsumerGuard {

  /** The outgoing channel dead letters are written through; its presence enables all of this. */
  public static final String CHANNEL_PROPERTY = "mp.messaging.outgoing.dead-letters.connector";

  private static final Logger LOG = Logger.getLogger(ConsumerGuard.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final Duration OPEN_CHECK_INTERVAL = Duration.ofSeconds(5);
  private static final int MAX_KEY_IN_LOG = 120;

  private final DeadLetterPublisher publisher;
  private final DeadLetterStore store;
  private final ConsumerReadiness readiness;
  private final Instance<RecordHandler<?>> handlers;
  private final MeterRegistry registry;
  private final Config config;
  private final KafkaClientConfig kafka;
  private final String service;
  private volatile boolean anyOpen = true;
  private volatile long openCheckedAt;

  public ConsumerGuard(
      DeadLetterPublisher publisher,
      DeadLetterStore store,
      @Readiness ConsumerReadiness readiness,
      Instance<RecordHandler<?>> handlers,
      MeterRegistry registry,
      Config config,
      KafkaClientConfig kafka,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.publisher = publisher;
    this.store = store;
    this.readiness = readiness;
    this.handlers = handlers;
    this.registry = registry;
    this.config = config;
    this.kafka = kafka;
    this.service = service;
  }

  /**
   * Checks that every Kafka channel names its dead-letter topic, the one {@code events} defines,
   * creates it (as the services create their other topics), and registers each topic's counters at
   * zero, so the first dead letter is an increase an alert can see.
   */
  void onStart(@Observes StartupEvent event) {
    for (String name : config.getPropertyNames()) {
      String prefix = "mp.messaging.incoming.";
      if (name.startsWith(prefix)
          && name.endsWith(".topic")
          && name.indexOf('.', prefix.length()) == name.length() - ".topic".length()) {
        String channel = name.substring(0, name.length() - ".topic".length());
        String topic = config.getValue(name, String.class);
        String expected = EventType.ofTopic(topic).deadLetterTopic();
        String configured =
            config
                .getOptionalValue(channel + ".dead-letter-queue.topic", String.class)
                .orElse(null);
        if (!expected.equals(configured)) {
          throw new IllegalStateException(
              channel + ".dead-letter-queue.topic must be " + expected + ", not " + configured);
        }
        EventRecords.ensureDeadLetterTopic(
            kafka.properties(),
            EventType.ofTopic(topic),
            config.getOptionalValue("signet.kafka.partitions", Integer.class).orElse(4),
            config
                .getOptionalValue("signet.kafka.replication-factor", Short.class)
                .orElse((short) 1));
        for (DeadLetterReason reason : DeadLetterReason.values()) {
          counter(topic, reason);
        }
      }
    }
  }

  /** Consumes one record. */
  public <T extends SignetEvent> void consume(
      RecordHandler<T> handler, ConsumerRecord<String, String> record) {
    consume(handler, List.of(record));
  }

  /** Consumes a polled batch. */
  public <T extends SignetEvent> void consume(
      RecordHandler<T> handler, ConsumerRecords<String, String> records) {
    List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
    records.forEach(list::add);
    consume(handler, list);
  }

  private <T extends SignetEvent> void consume(
      RecordHandler<T> handler, List<ConsumerRecord<String, String>> records) {
    List<Checked<T>> valid = new ArrayList<>(records.size());
    for (ConsumerRecord<String, String> record : records) {
      Source source = Source.of(record);
      try {
        valid.add(new Checked<>(source, check(handler, source)));
      } catch (InvalidRecordException e) {
        deadLetter(source, e.reason(), e.getMessage());
      }
    }
    if (valid.isEmpty()) {
      return;
    }
    String topic = valid.get(0).source().topic();
    try {
      apply(handler, valid);
    } catch (RuntimeException e) {
      if (valid.size() == 1) {
        deadLetter(valid.get(0).source(), DeadLetterReason.PROCESSING_FAILED, describe(e));
        return;
      }
      LOG.infof(
          "a batch of %d records from %s failed (%s); applying them one at a time",
          valid.size(), topic, describe(e));
      for (Checked<T> one : valid) {
        try {
          apply(handler, List.of(one));
        } catch (RuntimeException failure) {
          deadLetter(one.source(), DeadLetterReason.PROCESSING_FAILED, describe(failure));
        }
      }
    }
  }

  /**
   * Re-drives an open dead letter through its topic's checks and handler, once: processed, it is
   * {@code REDRIVEN}; refused again, it stays {@code OPEN} with the new reason. One that a newer
   * record of its key superseded, or already re-driven, is answered as it is and not applied.
   */
  public DeadLetter redrive(long id) {
    DeadLetter letter = store.find(id).orElseThrow(() -> Problem.notFound("no dead letter " + id));
    if (letter.status() != DeadLetterStatus.OPEN) {
      return letter;
    }
    RecordHandler<?> handler = handlerOf(letter.sourceTopic());
    Source source =
        new Source(
            letter.sourceTopic(),
            letter.partition(),
            letter.offset(),
            letter.key(),
            letter.value(),
            null);
    try {
      redrive(handler, source);
      store.redriven(id, DeadLetterStatus.REDRIVEN, null, null);
      LOG.infof("dead letter %d (%s) re-driven and processed", id, where(source));
    } catch (InvalidRecordException e) {
      store.redriven(id, DeadLetterStatus.OPEN, e.reason(), e.getMessage());
      LOG.warnf("dead letter %d (%s) refused again: %s", id, where(source), e.reason().label());
    } catch (RuntimeException e) {
      if (TransientFailures.isTransient(e)) {
        throw new Problem(
            503,
            "temporarily-unavailable",
            "Service unavailable",
            "a dependency is unreachable (" + describe(e) + "); re-drive again later",
            null);
      }
      store.redriven(id, DeadLetterStatus.OPEN, DeadLetterReason.PROCESSING_FAILED, describe(e));
      LOG.warnf("dead letter %d (%s) failed again: %s", id, where(source), describe(e));
    }
    return store.find(id).orElseThrow();
  }

  private <T extends SignetEvent> void redrive(RecordHandler<T> handler, Source source) {
    Checked<T> checked = new Checked<>(source, check(handler, source));
    handler.handle(List.of(checked.record()));
    supersedeOlder(List.of(checked));
  }

  private RecordHandler<?> handlerOf(String topic) {
    for (RecordHandler<?> handler : handlers) {
      if (handler.eventType().topic().equals(topic)) {
        return handler;
      }
    }
    throw Problem.conflict(
        "no-consumer", service + " has no consumer of " + topic + " to re-drive this record with");
  }

  private <T extends SignetEvent> ConsumedRecord<T> check(RecordHandler<T> handler, Source source) {
    EventType type = handler.eventType();
    @SuppressWarnings("unchecked")
    Class<T> recordType = (Class<T>) type.recordType();
    T event = RecordValidator.validate(type, recordType, source.key(), source.value());
    Topics.UserKey userKey = type.keyedByUser() ? Topics.parseUserKey(source.key()) : null;
    return new ConsumedRecord<>(
        source.topic(), source.partition(), source.offset(), source.key(), userKey, event);
  }

  /** Hands records to the handler, retrying transient failures until they pass. */
  private <T extends SignetEvent> void apply(RecordHandler<T> handler, List<Checked<T>> records) {
    List<ConsumedRecord<T>> consumed = records.stream().map(Checked::record).toList();
    retrying(
        records.get(0).source().topic(),
        false,
        () -> {
          handler.handle(consumed);
          supersedeOlder(records);
          return null;
        });
  }

  /** Open dead letters of the same keys, older than records just applied, are superseded. */
  private void supersedeOlder(List<? extends Checked<?>> applied) {
    long now = System.nanoTime();
    if (!anyOpen && now - openCheckedAt < OPEN_CHECK_INTERVAL.toNanos()) {
      return;
    }
    if (now - openCheckedAt >= OPEN_CHECK_INTERVAL.toNanos()) {
      anyOpen = store.anyOpen();
      openCheckedAt = now;
    }
    if (anyOpen) {
      Map<String, Source> latest = new HashMap<>();
      applied.forEach(one -> latest.put(one.source().key(), one.source()));
      // one statement per topic for the whole batch (a batch has one topic), not one per key
      latest.values().stream()
          .collect(Collectors.groupingBy(Source::topic))
          .forEach(
              (topic, sources) ->
                  store.supersede(
                      topic,
                      sources.stream().map(Source::partition).toList(),
                      sources.stream().map(Source::key).toList(),
                      sources.stream().map(Source::offset).toList()));
    }
  }

  private void deadLetter(Source source, DeadLetterReason reason, String detail) {
    LOG.warnf("dead-lettering %s: %s (%s)", where(source), reason.label(), detail);
    retrying(
        source.topic(),
        true,
        () -> {
          publisher.publish(
              source.topic(),
              source.partition(),
              source.offset(),
              source.key(),
              source.value(),
              source.headers(),
              reason,
              detail);
          store.record(
              source.topic(),
              source.partition(),
              source.offset(),
              source.key(),
              source.value(),
              reason,
              detail);
          if (source.key() != null) {
            // an older open dead letter of this key would put older state over this record's
            store.supersede(source.topic(), source.partition(), source.key(), source.offset());
          }
          return null;
        });
    anyOpen = true;
    counter(source.topic(), reason).increment();
  }

  /**
   * Runs work until it succeeds or fails for a reason a retry cannot fix (which it throws); while
   * it fails transiently, the service is not ready.
   *
   * @param always whether every failure counts as transient: writing a dead letter must not lose it
   */
  private <R> R retrying(String topic, boolean always, Supplier<R> work) {
    Duration backoff = FIRST_BACKOFF;
    boolean failed = false;
    while (true) {
      try {
        R result = work.get();
        if (failed) {
          readiness.recovered(topic);
          LOG.infof("consuming %s again", topic);
        }
        return result;
      } catch (RuntimeException e) {
        if (!always && !TransientFailures.isTransient(e)) {
          if (failed) {
            readiness.recovered(topic);
          }
          throw e;
        }
        if (!failed) {
          LOG.warnf(
              "consuming %s: %s; retrying with backoff, not ready meanwhile", topic, describe(e));
        }
        failed = true;
        readiness.retrying(topic, e);
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  private Counter counter(String topic, DeadLetterReason reason) {
    return Counter.builder("signet.dead.letters")
        .description("Records a consumer could not process, moved to the topic's dead-letter topic")
        .tag("service", service)
        .tag("topic", topic)
        .tag("reason", reason.label())
        .register(registry);
  }

  private static void sleep(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  /** Where a record came from, with its key (ids only) cut short. */
  private static String where(Source source) {
    String key = source.key();
    if (key != null && key.length() > MAX_KEY_IN_LOG) {
      key = key.substring(0, MAX_KEY_IN_LOG) + "…";
    }
    return source.topic() + "-" + source.partition() + "@" + source.offset() + " key " + key;
  }

  /**
   * A failure in words that carry no user data: the exception types down the cause chain and where
   * the first was thrown.
   */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
    }
    StackTraceElement[] trace = failure.getStackTrace();
    if (trace.length > 0) {
      text.append(" at ").append(trace[0]);
    }
    return text.toString();
  }

  /** A record as read: from Kafka, or from the dead-letter table for a re-drive. */
  record Source(
      String topic, int partition, long offset, String key, String value, Headers headers) {
    static Source of(ConsumerRecord<String, String> record) {
      return new Source(
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          record.value(),
          record.headers());
    }
  }

  private record Checked<T extends SignetEvent>(Source source, ConsumedRecord<T> record) {}
}
