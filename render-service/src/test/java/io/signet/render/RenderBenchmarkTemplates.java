package io.signet.render;

import io.signet.render.bench.RenderBenchmark;

/** The realistic template of the benchmarks. */
final class RenderBenchmarkTemplates {

  static final String SOURCE = RenderBenchmark.TEMPLATE;

  private RenderBenchmarkTemplates() {}
}
