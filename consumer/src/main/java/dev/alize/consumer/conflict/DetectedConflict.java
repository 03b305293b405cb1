package dev.alize.consumer.conflict;

/**
 * A conflict found by an import, or by the check of a child model an admin changed.
 *
 * @param id its stored id; null in a preview for a conflict that would be new
 * @param isNew whether the import raised it (new, or open again)
 * @param open whether it is open after the import, rather than acknowledged or resolved
 */
public record DetectedConflict(
    Long id,
    String child,
    String kind,
    String severity,
    String subject,
    String message,
    boolean isNew,
    boolean open) {}
