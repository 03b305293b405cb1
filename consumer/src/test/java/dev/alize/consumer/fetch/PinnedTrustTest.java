package dev.alize.consumer.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned certificate is trusted end to end in the ITs, and a wrong one refused there. */
class PinnedTrustTest {

  @TempDir Path dir;

  @Test
  void aFileWithoutACertificate_isRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    GeneralSecurityException e =
        assertThrows(GeneralSecurityException.class, () -> PinnedTrust.of(empty));
    assertEquals("no certificate in it", e.getMessage());
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
    assertThrows(GeneralSecurityException.class, () -> PinnedTrust.of(garbage));
  }
}
