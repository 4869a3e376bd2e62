package io.signet.events;

/** Why a signature was rendered again; single-user causes are pushed ahead of bulk ones. */
public enum RenderCause {
  /** The user changed in the directory. */
  DIRECTORY,
  /** A template the user's signature uses was edited. */
  TEMPLATE,
  /** An assignment rule changed which template the user gets. */
  RULE,
  /** A campaign banner started or ended. */
  CAMPAIGN,
  /** The tenant became known to render-service, or its domains changed. */
  TENANT,
  /** Someone asked for this user to be rendered again. */
  MANUAL;

  /** Whether this cause touches one user at a time rather than a whole tenant. */
  public boolean singleUser() {
    return this == DIRECTORY || this == MANUAL;
  }
}
