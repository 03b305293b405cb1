package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.importer.ImportException;
import dev.alize.consumer.store.Approval;
import dev.alize.consumer.store.HeldRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The held releases' page models, without a server. */
class HoldsTest {

  private static final Instant HELD = Instant.parse("2027-03-01T09:00:00Z");
  private static final Instant APPROVED = Instant.parse("2027-03-02T10:00:00Z");

  private static HeldRelease held(String datasource, String version) {
    return new HeldRelease(datasource, version, "upstream", "1.1.0", "MAJOR release", HELD);
  }

  @Test
  void aHeldRelease_showsItsApproval_andOnlyItsOwn() {
    Holds holds =
        Holds.of(
            List.of(held("eole", "2.0.0"), held("acme", "3.0.0")),
            List.of(
                new Approval("eole", "2.0.0", APPROVED, "alice"),
                new Approval("eole", "1.9.0", APPROVED, "bob"),
                new Approval("acme", "2.0.0", APPROVED, "bob")));

    Holds.Row eole = holds.rows().get(0);
    assertTrue(eole.approved());
    assertEquals("alice", eole.approvedBy());
    assertEquals(APPROVED, eole.approvedAt());
    assertEquals("MAJOR release", eole.reason());
    Holds.Row acme = holds.rows().get(1);
    assertFalse(acme.approved());
    assertNull(acme.approvedAt());
  }

  @Test
  void aPreviewThatCannotBeMade_isShownWithItsReason() {
    Holds.Row row = Holds.row(held("eole", "2.0.0"), List.of());

    HeldPreview offline =
        HeldPreview.of(
            row,
            () -> {
              throw new ImportException("upstream: no mirror served it: connection refused");
            });
    HeldPreview noRoot =
        HeldPreview.of(
            row,
            () -> {
              throw new UncheckedIOException(
                  "cannot read the trusted root root.json", new IOException("no such file"));
            });

    assertNull(offline.preview());
    assertEquals("upstream: no mirror served it: connection refused", offline.previewError());
    assertEquals("cannot read the trusted root root.json", noRoot.previewError());
    assertEquals(row, noRoot.held());
  }
}
