package dev.alize.consumer.config;

import dev.alize.common.report.InvalidReportException;
import dev.alize.common.report.SiteLabel;
import dev.alize.common.time.Periods;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the configured repositories into subscriptions, checking what their types cannot: the
 * schemes of the URLs, the files named and the poll interval's sign.
 */
public final class Subscriptions {

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
    URI url = checkScheme(key + "url", p.url(), p.allowPlainHttp());
    List<URI> mirrors = p.mirrors() == null ? List.of() : p.mirrors();
    mirrors.forEach(m -> checkScheme(key + "mirrors", m, p.allowPlainHttp()));
    Path root = base.resolve(p.trustedRoot());
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
    if (p.pollInterval().isNegative() || p.pollInterval().isZero()) {
      throw new ConfigurationException(
          key + "poll-interval: write a period longer than zero: " + Periods.FORMS);
    }
    if (p.unreachableWarning().isNegative() || p.unreachableWarning().isZero()) {
      throw new ConfigurationException(
          key + "unreachable-warning: write a period longer than zero: " + Periods.FORMS);
    }
    return new Subscription(
        p.name(),
        url,
        mirrors,
        root,
        certificate,
        p.channel(),
        p.datasources() == null ? List.of() : p.datasources(),
        p.autoApprove().bump(),
        p.pollInterval(),
        p.allowPlainHttp(),
        p.rollout(),
        reportUrl(key, p, url),
        p.unreachableWarning());
  }

  private static URI reportUrl(String key, RepositoryProperties p, URI url) {
    if (!p.reports()) {
      if (p.reportUrl() != null) {
        throw new ConfigurationException(
            key + "report-url is set, but reports is not: set reports: true to send reports");
      }
      return null;
    }
    return p.reportUrl() == null
        ? url
        : checkScheme(key + "report-url", p.reportUrl(), p.allowPlainHttp());
  }

  /**
   * The label this site reports under, checked; null when no repository has reports on.
   *
   * @throws ConfigurationException when a repository has reports on and the label is missing or not
   *     one line of printable text
   */
  public static String siteLabel(String label, List<Subscription> subscriptions) {
    List<String> reporting =
        subscriptions.stream().filter(s -> s.reportUrl() != null).map(Subscription::name).toList();
    if (reporting.isEmpty()) {
      return null;
    }
    if (label == null) {
      throw new ConfigurationException(
          "alize.consumer.site-label: required, since "
              + String.join(", ", reporting)
              + " has reports: true; name this site as its publisher should know it");
    }
    try {
      return SiteLabel.check(label, "alize.consumer.site-label");
    } catch (InvalidReportException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static URI checkScheme(String key, URI uri, boolean plainAllowed) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !plainAllowed) {
      throw new ConfigurationException(
          key
              + ": '"
              + uri
              + "' is plain HTTP; use https, or set allow-plain-http: true (signatures still protect"
              + " the content, but not the privacy of what this instance fetches)");
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new ConfigurationException(key + ": '" + uri + "' is not an https URL");
    }
    return uri;
  }
}
