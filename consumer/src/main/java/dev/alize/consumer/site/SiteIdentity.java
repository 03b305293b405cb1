package dev.alize.consumer.site;

import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.store.UtcTimestamp;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This site's stable random identity: 128 random bits, made once and kept in the database. It
 * places the site in each release's rollout, and names it to the publisher. Beside it, the key that
 * signs the site's reports, made at its first enrolment.
 */
@Singleton
public final class SiteIdentity {

  private static final Logger LOG = LoggerFactory.getLogger(SiteIdentity.class);

  private final Database database;
  private final SiteIdentityRepository rows;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile String id;

  public SiteIdentity(Database database, SiteIdentityRepository rows, Clock clock) {
    this.database = database;
    this.rows = rows;
    this.clock = clock;
  }

  /** The identity, made and stored by the first call on a new database. */
  public String get() {
    String known = id;
    if (known == null) {
      known = readOrMake();
      id = known;
    }
    return known;
  }

  /** The key that signs this site's reports, made and stored by the first call. */
  public Ed25519SigningKey reportKey() {
    get();
    String pem = database.inTransaction(c -> rows.find().orElseThrow().reportKey());
    if (pem == null) {
      String made = Ed25519SigningKey.generate(random).toPem(null);
      // Another replica may have stored one meanwhile: the stored one is the site's.
      pem =
          database.inTransaction(
              c -> {
                rows.keepKey(made);
                return rows.find().orElseThrow().reportKey();
              });
    }
    return Ed25519SigningKey.fromPem(pem, null);
  }

  /** The next report's sequence number, taken in the caller's transaction. */
  public long nextSequence() {
    rows.advanceSequence();
    return rows.sequence();
  }

  private String readOrMake() {
    return database.inTransaction(c -> rows.find().map(SiteIdentityRow::id)).orElseGet(this::make);
  }

  private String make() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String made = HexFormat.of().formatHex(bytes);
    try {
      database.inTransaction(
          c -> {
            rows.insert(made, UtcTimestamp.of(clock.instant()));
            return null;
          });
      LOG.info("this site's identity is {}, kept in the database", made);
      return made;
    } catch (DatabaseException e) {
      if (e.isDuplicateKey()) {
        // Another replica made it first: theirs is the site's.
        return database.inTransaction(c -> rows.find().orElseThrow().id());
      }
      throw e;
    }
  }
}
