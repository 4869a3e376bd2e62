package io.signet.render.service;

/** A template that does not compile: where, and why. */
public class TemplateError extends RuntimeException {

  private final int line;
  private final int column;

  public TemplateError(String message, int line, int column) {
    super(message, null, false, false);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
