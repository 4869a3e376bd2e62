package io.signet.render.service;

import io.signet.events.DirectoryUser;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A banner shown in signatures from {@code start} (inclusive) to {@code end} (exclusive) to an
 * audience; rendering flips at both instants.
 */
public record Campaign(
    String id, String name, String bannerHtml, Instant start, Instant end, Audience audience) {

  public Campaign {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a campaign ends after it starts");
    }
  }

  public boolean runsAt(Instant now) {
    return !now.isBefore(start) && now.isBefore(end);
  }

  /** The campaign a user sees now: the one that started last, of those running for them. */
  public static Optional<Campaign> shownTo(
      DirectoryUser user, List<Campaign> campaigns, Instant now) {
    return campaigns.stream()
        .filter(campaign -> campaign.runsAt(now) && campaign.audience().includes(user))
        .max(Comparator.comparing(Campaign::start).thenComparing(Campaign::id));
  }

  /** The next instant at which some campaign starts or ends, after {@code now}. */
  public static Optional<Instant> nextEdge(List<Campaign> campaigns, Instant now) {
    return campaigns.stream()
        .flatMap(campaign -> java.util.stream.Stream.of(campaign.start(), campaign.end()))
        .filter(edge -> edge.isAfter(now))
        .min(Comparator.naturalOrder());
  }
}
