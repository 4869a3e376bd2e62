package io.signet.render.service;

import io.quarkus.qute.Expression;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.ResolutionContext;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.TemplateNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Qute's {@code {#for}}/{@code {#each}}, charged to the render's {@link RenderBudget}: a loop whose
 * size is known (an integer, a list) is refused before it starts when it would pass the iterations
 * left, and each iteration costs one iteration, the nodes and the text of its body. Qute's own loop
 * does the iterating, so its syntax and iteration metadata stay exactly Qute's.
 */
final class BoundedLoops implements SectionHelperFactory<BoundedLoops.Loop> {

  private static final String ITERABLE = "iterable";

  private final LoopSectionHelper.Factory loops = new LoopSectionHelper.Factory();

  @Override
  public List<String> getDefaultAliases() {
    return loops.getDefaultAliases();
  }

  @Override
  public ParametersInfo getParameters() {
    return loops.getParameters();
  }

  @Override
  public List<String> getBlockLabels() {
    return loops.getBlockLabels();
  }

  @Override
  public boolean cacheFactoryConfig() {
    return loops.cacheFactoryConfig();
  }

  @Override
  public boolean treatUnknownSectionsAsBlocks() {
    return loops.treatUnknownSectionsAsBlocks();
  }

  @Override
  public MissingEndTagStrategy missingEndTagStrategy() {
    return loops.missingEndTagStrategy();
  }

  @Override
  public Scope initializeBlock(Scope outerScope, BlockInfo block) {
    return loops.initializeBlock(outerScope, block);
  }

  @Override
  public Loop initialize(SectionInitContext context) {
    SectionBlock body = context.getBlocks().get(0);
    int[] cost = new int[2];
    measure(body.nodes, cost);
    return new Loop(
        loops.initialize(context),
        context.getExpression(ITERABLE),
        context.getOrigin(),
        body,
        cost[0],
        cost[1]);
  }

  /**
   * The nodes and text one iteration of a body resolves, nested loops apart: they charge their own
   * iterations.
   */
  private static void measure(List<TemplateNode> nodes, int[] cost) {
    for (TemplateNode node : nodes) {
      cost[0]++;
      if (node.isText()) {
        cost[1] += node.asText().getValue().length();
      } else if (node.isSection() && !(node.asSection().getHelper() instanceof Loop)) {
        node.asSection().getBlocks().forEach(block -> measure(block.nodes, cost));
      }
    }
  }

  /** One loop of a template. */
  static final class Loop implements SectionHelper {

    private final SectionHelper loop;
    private final Expression iterable;
    private final TemplateNode.Origin origin;
    private final SectionBlock body;
    private final int bodyNodes;
    private final int bodyText;

    Loop(
        SectionHelper loop,
        Expression iterable,
        TemplateNode.Origin origin,
        SectionBlock body,
        int bodyNodes,
        int bodyText) {
      this.loop = loop;
      this.iterable = iterable;
      this.origin = origin;
      this.body = body;
      this.bodyNodes = bodyNodes;
      this.bodyText = bodyText;
    }

    TemplateNode.Origin origin() {
      return origin;
    }

    int bodyNodes() {
      return bodyNodes;
    }

    int bodyText() {
      return bodyText;
    }

    /** How many times the loop runs when the template says so literally ({@code 1000}), or -1. */
    long literalCount() {
      return iterable != null && iterable.isLiteral() && iterable.getLiteral() instanceof Number n
          ? n.longValue()
          : -1;
    }

    @Override
    public CompletionStage<ResultNode> resolve(SectionResolutionContext context) {
      RenderBudget budget = RenderBudget.current();
      return context
          .resolutionContext()
          .evaluate(iterable)
          .thenCompose(
              value -> {
                budget.enterLoop(origin, value);
                return loop.resolve(new Charged(context, budget));
              });
    }

    /** The loop's resolution context, charging each execution of the body. */
    private final class Charged implements SectionResolutionContext {

      private final SectionResolutionContext context;
      private final RenderBudget budget;

      Charged(SectionResolutionContext context, RenderBudget budget) {
        this.context = context;
        this.budget = budget;
      }

      @Override
      public CompletionStage<Map<String, Object>> evaluate(Map<String, Expression> parameters) {
        return context.evaluate(parameters);
      }

      @Override
      public ResolutionContext resolutionContext() {
        return context.resolutionContext();
      }

      @Override
      public ResolutionContext newResolutionContext(
          Object data, Map<String, SectionBlock> extendingBlocks) {
        return context.newResolutionContext(data, extendingBlocks);
      }

      @Override
      public CompletionStage<ResultNode> execute(
          SectionBlock block, ResolutionContext resolutionContext) {
        if (block == null || block == body) {
          budget.iterate(origin, bodyNodes, bodyText);
        }
        return context.execute(block, resolutionContext);
      }

      @Override
      public Map<String, Object> getParameters() {
        return context.getParameters();
      }
    }
  }
}
