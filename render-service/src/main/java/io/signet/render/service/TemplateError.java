package io.signet.render.service;

import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;

/**
 * A template that does not compile, is refused, or fails while rendering: where (line and column, 0
 * when unknown), and why.
 */
public class TemplateError extends RuntimeException {

  /** What kind of error, each with the stable problem type a refused save or preview answers. */
  public enum Kind {
    /** Qute cannot parse it, or it fails while rendering. */
    SYNTAX("template-syntax"),
    /** A section tenant templates may not use ({@link RefusedSection}). */
    NOT_ALLOWED("template-not-allowed"),
    /** It passes a bound of {@link TemplateLimits}. */
    LIMIT("template-limit");

    private final String problemType;

    Kind(String problemType) {
      this.problemType = problemType;
    }

    public String problemType() {
      return problemType;
    }
  }

  private final Kind kind;
  private final int line;
  private final int column;

  public TemplateError(String message, int line, int column) {
    this(Kind.SYNTAX, message, line, column);
  }

  public TemplateError(Kind kind, String message, int line, int column) {
    super(message, null, false, false);
    this.kind = kind;
    this.line = line;
    this.column = column;
  }

  /** An error at a node of the template. */
  static TemplateError at(Kind kind, TemplateNode.Origin origin, String message) {
    return origin == null
        ? new TemplateError(kind, message, 0, 0)
        : new TemplateError(kind, message, origin.getLine(), origin.getLineCharacterStart());
  }

  /**
   * What a failed compilation or render threw, as a template error: Qute wraps what a section
   * throws (in completion exceptions or its own), so the chain is searched for the first one that
   * says where.
   */
  static TemplateError of(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TemplateError error) {
        return error;
      }
      if (cause instanceof TemplateException qute && qute.getOrigin() != null) {
        return at(Kind.SYNTAX, qute.getOrigin(), qute.getMessage());
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return new TemplateError(
        failure.getMessage() == null ? failure.toString() : failure.getMessage(), 0, 0);
  }

  public Kind kind() {
    return kind;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The error as a tenant admin reads it: {@code line 3, column 1: …}. */
  public String describe() {
    return "line " + line + ", column " + column + ": " + getMessage();
  }
}
