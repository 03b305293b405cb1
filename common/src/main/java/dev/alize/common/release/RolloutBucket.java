package dev.alize.common.release;

import dev.alize.common.codec.Hashes;
import dev.alize.common.version.SemanticVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A site's place in the rollout of one release, in hundredths of a percent ({@code 0} to {@code
 * 9999}): a site takes the release once the plan's percentage is above its bucket.
 *
 * <p>The bucket is a hash of the site's identity and the release, so that it is stable across polls
 * and restarts, spread evenly over the sites, and different for each release: the same site is
 * among the first for one release and among the last for another.
 */
public final class RolloutBucket {

  /** Buckets per percent. */
  public static final int PER_PERCENT = 100;

  /** The number of buckets: 100 % of the sites. */
  public static final int ALL = 100 * PER_PERCENT;

  private RolloutBucket() {}

  public static int of(String identity, String datasource, SemanticVersion version) {
    byte[] digest =
        Hashes.digest("SHA-256")
            .digest(
                ("alize-rollout\0" + identity + "\0" + datasource + "\0" + version)
                    .getBytes(StandardCharsets.UTF_8));
    return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), ALL);
  }

  /** A bucket as a percentage with two decimals: {@code 61.37%}. */
  public static String describe(int bucket) {
    return String.format(Locale.ROOT, "%d.%02d%%", bucket / PER_PERCENT, bucket % PER_PERCENT);
  }
}
