package io.signet.support.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The one ObjectMapper every service reads requests with, made strict: a duplicate key is an error
 * (not "the last one wins", which lets two readers of one body disagree), nesting, string and
 * number lengths are bounded while parsing (before anything is built from them), a float is not
 * silently truncated into an integer field, and every string is checked by {@link
 * SafeTextDeserializer}.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

  /** Deeper than any request document Signet reads (a service-account key is 2 levels). */
  public static final int MAX_NESTING_DEPTH = 32;

  /** Longer than any body a service accepts (128 KB at most): the body limit answers first. */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  /** Digits: Long.MAX_VALUE has 19; a longer number is an attack, not a value. */
  public static final int MAX_NUMBER_LENGTH = 64;

  @Override
  public void customize(ObjectMapper mapper) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    // {"autoPush": -1} and {"autoPush": "<NUL>"} are mistakes, not true or "leave it": a boolean
    // is true or false, and an empty text is no number
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper
          .coercionConfigFor(number)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    mapper.registerModule(
        new SimpleModule("signet-safe-text")
            .addDeserializer(String.class, new SafeTextDeserializer()));
  }
}
