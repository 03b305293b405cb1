package dev.alize.common.archive;

/**
 * Bounds on what reading one archive may cost. Checked while reading, so a gzip bomb stops at the
 * limit, not after it.
 *
 * @param maxEntries how many entries the archive may hold
 * @param maxEntryBytes the size of one file once unpacked
 * @param maxTotalBytes the size of all files once unpacked
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {

  public static final ArchiveLimits DEFAULT = new ArchiveLimits(100_000, 1 << 20, 256L << 20);

  public ArchiveLimits {
    if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1) {
      throw new IllegalArgumentException("archive limits must be positive");
    }
  }
}
