package dev.alize.consumer.config;

import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.version.Bump;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One repository the consumer follows, as configured under {@code
 * alize.consumer.repositories.NAME}.
 *
 * @param url the repository: metadata under {@code /metadata/}, targets under {@code /targets/}
 * @param mirrors more base URLs of the same repository, tried in order after {@code url}
 * @param trustedRoot the trust anchor: a root.json file
 * @param tlsCertificate a PEM certificate to trust instead of the system's trust store, or null
 * @param datasources the datasources to follow; empty for all
 * @param autoApprove the largest bump imported without an admin's approval
 * @param rollout when this site takes a release under a rollout plan
 * @param reportUrl where this site's reports go (the publisher's base URL), or null when this
 *     repository gets none
 * @param unreachableWarning how long no mirror may go unanswered before the operator is warned
 */
public record Subscription(
    String name,
    URI url,
    List<URI> mirrors,
    Path trustedRoot,
    Path tlsCertificate,
    Channel channel,
    List<String> datasources,
    Bump autoApprove,
    Duration pollInterval,
    boolean allowPlainHttp,
    RolloutMode rollout,
    URI reportUrl,
    Duration unreachableWarning) {

  public Subscription {
    mirrors = List.copyOf(mirrors);
    datasources = List.copyOf(datasources);
  }

  /** The base URLs to try, in order: the repository, then its mirrors. */
  public List<URI> bases() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(url), mirrors.stream())
        .toList();
  }

  public boolean follows(String datasource) {
    return datasources.isEmpty() || datasources.contains(datasource);
  }
}
