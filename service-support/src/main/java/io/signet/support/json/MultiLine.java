package io.signet.support.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request field whose text may span lines (a template source, a banner's HTML): it may hold
 * tab, line feed and carriage return. Every other string field is one line, and no field may hold
 * any other control character; see {@link SafeTextDeserializer}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD
})
public @interface MultiLine {}
