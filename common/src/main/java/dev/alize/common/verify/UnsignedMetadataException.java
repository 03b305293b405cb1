package dev.alize.common.verify;

/** Fewer valid signatures than the role's threshold. */
public final class UnsignedMetadataException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final int valid;
  private final int threshold;

  public UnsignedMetadataException(String role, String signer, int valid, int threshold) {
    super(
        role,
        valid
            + " valid signature(s) from "
            + signer
            + "'s keys for "
            + role
            + ", "
            + threshold
            + " required");
    this.valid = valid;
    this.threshold = threshold;
  }

  public int valid() {
    return valid;
  }

  public int threshold() {
    return threshold;
  }
}
