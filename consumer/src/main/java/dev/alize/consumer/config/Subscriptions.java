package dev.alize.consumer.config;

import dev.alize.common.release.Channel;
import dev.alize.common.time.Periods;
import dev.alize.common.version.Bump;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Turns the configured repositories into checked subscriptions, with defaults. */
public final class Subscriptions {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(15);

  private Subscriptions() {}

  /**
   * @param base the folder relative paths are read from: the configuration file's
   * @throws ConfigurationException naming the key at fault
   */
  public static List<Subscription> from(Collection<RepositoryProperties> repositories, Path base) {
    if (repositories.isEmpty()) {
      throw new ConfigurationException(
          "no repository configured: add alize.consumer.repositories.NAME.url and .trusted-root");
    }
    List<Subscription> out = new ArrayList<>();
    for (RepositoryProperties p : repositories) {
      out.add(from(p, base));
    }
    out.sort(Comparator.comparing(Subscription::name));
    return out;
  }

  private static Subscription from(RepositoryProperties p, Path base) {
    String key = "alize.consumer.repositories." + p.name() + ".";
    boolean plain = Boolean.TRUE.equals(p.allowPlainHttp());
    URI url = url(key + "url", required(key + "url", p.url()), plain);
    List<URI> mirrors = new ArrayList<>();
    if (p.mirrors() != null) {
      for (String m : p.mirrors()) {
        mirrors.add(url(key + "mirrors", m, plain));
      }
    }
    Path root = base.resolve(required(key + "trusted-root", p.trustedRoot()));
    if (!Files.isRegularFile(root)) {
      throw new ConfigurationException(key + "trusted-root: no such file " + root);
    }
    Path certificate = null;
    if (p.tlsCertificate() != null) {
      certificate = base.resolve(p.tlsCertificate());
      if (!Files.isRegularFile(certificate)) {
        throw new ConfigurationException(key + "tls-certificate: no such file " + certificate);
      }
    }
    Channel channel =
        p.channel() == null
            ? Channel.STABLE
            : Channel.find(p.channel().toLowerCase(Locale.ROOT))
                .orElseThrow(
                    () ->
                        new ConfigurationException(
                            key
                                + "channel: '"
                                + p.channel()
                                + "' is not testing, staged or stable"));
    Bump autoApprove = Bump.MINOR;
    if (p.autoApprove() != null) {
      autoApprove =
          switch (p.autoApprove().toLowerCase(Locale.ROOT)) {
            case "patch" -> Bump.PATCH;
            case "minor" -> Bump.MINOR;
            case "major" -> Bump.MAJOR;
            default ->
                throw new ConfigurationException(
                    key + "auto-approve: '" + p.autoApprove() + "' is not patch, minor or major");
          };
    }
    Duration interval = DEFAULT_POLL_INTERVAL;
    if (p.pollInterval() != null) {
      interval = period(key + "poll-interval", p.pollInterval());
    }
    return new Subscription(
        p.name(),
        url,
        mirrors,
        root,
        certificate,
        channel,
        p.datasources() == null ? List.of() : p.datasources(),
        autoApprove,
        interval,
        plain);
  }

  private static String required(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(key + " is required");
    }
    return value;
  }

  private static URI url(String key, String text, boolean plainAllowed) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(key + ": '" + text + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !plainAllowed) {
      throw new ConfigurationException(
          key
              + ": '"
              + text
              + "' is plain HTTP; use https, or set allow-plain-http: true (signatures still protect"
              + " the content, but not the privacy of what this instance fetches)");
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new ConfigurationException(key + ": '" + text + "' is not an https URL");
    }
    return uri;
  }

  static Duration period(String key, String text) {
    return Periods.find(text)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    key + ": '" + text + "' is not a period: write " + Periods.FORMS));
  }
}
