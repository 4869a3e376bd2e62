package io.signet.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string a request field may not hold: a control character or a broken surrogate pair. */
public class UnsafeTextException extends MismatchedInputException {

  UnsafeTextException(JsonParser parser, String message) {
    super(parser, message, String.class);
  }
}
