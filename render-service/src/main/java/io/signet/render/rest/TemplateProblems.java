package io.signet.render.rest;

import io.signet.render.service.TemplateError;
import io.signet.render.service.TemplateProbe;
import io.signet.support.Problem;

/** How a refused template answers: where and why, and for whom when it fails rendering. */
final class TemplateProblems {

  private TemplateProblems() {}

  /** It does not compile, uses a section it may not, or passes a limit in its text: 400. */
  static Problem refused(TemplateError error) {
    return new Problem(
        400,
        error.kind().problemType(),
        switch (error.kind()) {
          case SYNTAX -> "Template syntax error";
          case NOT_ALLOWED -> "Template section not allowed";
          case LIMIT -> "Template over a limit";
        },
        error.describe(),
        "source");
  }

  /**
   * It fails when rendered for a user (a limit at run time included): 422.
   *
   * @param field {@code source} when the request carried the template, else null
   */
  static Problem failed(String user, String reason, String field) {
    return new Problem(
        422,
        "template-render-failed",
        "Template fails when rendered",
        "the template fails for " + user + ": " + reason,
        field);
  }

  static Problem failed(TemplateProbe.Failure failure) {
    return failed(failure.user(), failure.getMessage(), "source");
  }
}
