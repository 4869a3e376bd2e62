package io.signet.render.service;

import java.time.Duration;

/**
 * What one tenant template may cost, per signature: a template is code a tenant admin writes, and
 * it runs for every user of the tenant. Each bound is checked where it can be known first: at save
 * from the template's text (literal loop counts, nesting), otherwise while rendering.
 */
public final class TemplateLimits {

  /** Characters of a template's source. */
  public static final int SOURCE = 50_000;

  /** Loop iterations of one signature, every loop together (nested loops multiply). */
  public static final int ITERATIONS = 10_000;

  /**
   * Template nodes one signature's loops may resolve (each iteration costs the nodes of its body):
   * a loop of few iterations over a huge body is as costly as many iterations.
   */
  public static final int WORK = 1_000_000;

  /** Characters one signature may produce before sanitising: ten times what Gmail keeps. */
  public static final int OUTPUT = 100_000;

  /** How deep sections ({@code #if}, {@code #for}, …) may be nested. */
  public static final int DEPTH = 16;

  /** The time one user's signatures may take to render, every address together. */
  public static final Duration RENDER_TIME = Duration.ofSeconds(1);

  private TemplateLimits() {}

  /** The deadline, in {@link System#nanoTime()} terms, of a render that starts now. */
  public static long deadline() {
    return System.nanoTime() + RENDER_TIME.toNanos();
  }
}
