package io.signet.render.service;

import io.quarkus.qute.Expression;
import io.quarkus.qute.TemplateNode;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one signature's render has spent of {@link TemplateLimits}: loop iterations, loop work,
 * output and time. Qute renders our templates synchronously on the calling thread (no resolver is
 * asynchronous), so the render in progress is the thread's.
 */
final class RenderBudget {

  private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

  private final long deadline;
  private long iterations;
  private long work;
  private long text;
  private long output;
  private Expression lastExpression;

  RenderBudget(long deadline) {
    this.deadline = deadline;
  }

  /** The budget of the render running on this thread. */
  static RenderBudget current() {
    RenderBudget budget = CURRENT.get();
    if (budget == null) {
      throw new IllegalStateException("templates render through SignatureTemplates.Compiled");
    }
    return budget;
  }

  /** The budget of the render running on this thread, or null outside one. */
  static RenderBudget currentOrNull() {
    return CURRENT.get();
  }

  <T> T run(Supplier<T> render) {
    RenderBudget outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return render.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * A loop is about to iterate over {@code iterable}: when its size is known (a number, a
   * collection, a map, an array) and more than the iterations left, it is refused before it starts.
   */
  void enterLoop(TemplateNode.Origin loop, Object iterable) {
    long size = size(iterable);
    if (size < 0 && iterable instanceof Number) {
      throw TemplateError.at(
          TemplateError.Kind.LIMIT, loop, "a loop count must not be negative (" + iterable + ")");
    }
    if (size > TemplateLimits.ITERATIONS - iterations) {
      throw TemplateError.at(
          TemplateError.Kind.LIMIT,
          loop,
          "this loop would run "
              + size
              + " times"
              + (iterations > 0 ? " after " + iterations + " iterations" : "")
              + ": at most "
              + TemplateLimits.ITERATIONS
              + " loop iterations per signature");
    }
  }

  /** One iteration of a loop whose body has {@code nodes} nodes and {@code chars} of text. */
  void iterate(TemplateNode.Origin loop, int nodes, int chars) {
    if (++iterations > TemplateLimits.ITERATIONS) {
      throw TemplateError.at(
          TemplateError.Kind.LIMIT,
          loop,
          "the loops pass "
              + TemplateLimits.ITERATIONS
              + " iterations: at most "
              + TemplateLimits.ITERATIONS
              + " loop iterations per signature");
    }
    work += nodes;
    if (work > TemplateLimits.WORK) {
      throw TemplateError.at(
          TemplateError.Kind.LIMIT,
          loop,
          "the loops resolve more than "
              + TemplateLimits.WORK
              + " template nodes: at most "
              + TemplateLimits.WORK
              + " node resolutions per signature");
    }
    text += chars;
    if (text > TemplateLimits.OUTPUT) {
      throw tooLong(loop);
    }
    checkTime(loop);
  }

  /** An expression's value is about to be written: where the output is, should it grow too long. */
  void expression(Expression expression) {
    lastExpression = expression;
  }

  /** A piece of output was written. */
  void output(int chars) {
    output += chars;
    TemplateNode.Origin where = lastExpression == null ? null : lastExpression.getOrigin();
    if (output > TemplateLimits.OUTPUT) {
      throw tooLong(where);
    }
    checkTime(where);
  }

  private void checkTime(TemplateNode.Origin where) {
    if (System.nanoTime() - deadline > 0) {
      throw TemplateError.at(
          TemplateError.Kind.LIMIT,
          where,
          "rendering took longer than "
              + TemplateLimits.RENDER_TIME.toMillis()
              + " ms for one user (the limit)");
    }
  }

  private static TemplateError tooLong(TemplateNode.Origin where) {
    return TemplateError.at(
        TemplateError.Kind.LIMIT,
        where,
        "the signature passes "
            + TemplateLimits.OUTPUT
            + " characters before sanitising (the limit; Gmail keeps "
            + SignatureTemplates.GMAIL_LIMIT
            + ")");
  }

  /** How many times a loop over the value runs, or -1 when that is not known beforehand. */
  static long size(Object iterable) {
    if (iterable instanceof Number number) {
      return number.longValue();
    }
    if (iterable instanceof Collection<?> collection) {
      return collection.size();
    }
    if (iterable instanceof Map<?, ?> map) {
      return map.size();
    }
    if (iterable != null && iterable.getClass().isArray()) {
      return Array.getLength(iterable);
    }
    return -1;
  }
}
