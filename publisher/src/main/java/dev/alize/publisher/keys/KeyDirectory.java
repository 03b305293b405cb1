package dev.alize.publisher.keys;

import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.crypto.KeyException;
import dev.alize.common.io.AtomicFiles;
import dev.alize.publisher.repository.PublishException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A folder of private keys, one sub-folder per role and one PKCS#8 PEM file per key named by its
 * key id: {@code KEYDIR/targets/<keyid>.pem}. Files are readable by their owner only; keys replaced
 * by a rotation move to {@code KEYDIR/<role>/retired/}. See {@code keys/README.md}.
 */
public final class KeyDirectory {

  /** The environment variable that holds the passphrase of encrypted keys. */
  public static final String PASSPHRASE_VARIABLE = "ALIZE_KEY_PASSPHRASE";

  private final Path dir;
  private final char[] passphrase;
  private final SecureRandom random = new SecureRandom();
  private final Consumer<String> progress;

  /**
   * @param passphrase encrypts new keys and decrypts existing ones; null for unencrypted keys
   */
  public KeyDirectory(Path dir, char[] passphrase) {
    this(dir, passphrase, step -> {});
  }

  /**
   * @param progress told of each key made or read, before: an encrypted key takes a second or more
   */
  public KeyDirectory(Path dir, char[] passphrase, Consumer<String> progress) {
    this.dir = dir;
    this.passphrase = passphrase == null ? null : passphrase.clone();
    this.progress = progress;
  }

  /** The key folder {@code dir}, with the passphrase of {@link #PASSPHRASE_VARIABLE} if set. */
  public static KeyDirectory fromEnvironment(Path dir) {
    return fromEnvironment(dir, step -> {});
  }

  /** As {@link #fromEnvironment(Path)}, telling {@code progress} of each key made or read. */
  public static KeyDirectory fromEnvironment(Path dir, Consumer<String> progress) {
    String passphrase = System.getenv(PASSPHRASE_VARIABLE);
    return new KeyDirectory(dir, passphrase == null ? null : passphrase.toCharArray(), progress);
  }

  public Path path() {
    return dir;
  }

  /** Makes a new key for {@code role} and stores it. */
  public Ed25519SigningKey generate(String role) {
    progress.accept("generating a " + role + " key" + (passphrase == null ? "" : ", encrypted"));
    Ed25519SigningKey key = Ed25519SigningKey.generate(random);
    AtomicFiles.createPrivateDirectories(dir);
    AtomicFiles.createPrivateDirectories(dir.resolve(role));
    AtomicFiles.writePrivate(
        file(role, key.keyId()), key.toPem(passphrase).getBytes(StandardCharsets.US_ASCII));
    return key;
  }

  /**
   * The key of {@code role} with this id.
   *
   * @throws PublishException when it is missing, or cannot be read or decrypted
   */
  public Ed25519SigningKey load(String role, String keyId) {
    Path file = file(role, keyId);
    if (!Files.isRegularFile(file)) {
      throw new PublishException(
          "no private key "
              + keyId
              + " for role "
              + role
              + " in "
              + dir.resolve(role)
              + (role.equals("root")
                  ? ": the root key is kept offline; bring it for this operation"
                  : ": copy it there, or rotate the role's key"));
    }
    progress.accept(
        (passphrase == null ? "reading the " : "decrypting the ") + role + " key " + keyId);
    try {
      return Ed25519SigningKey.fromPem(
          Files.readString(file, StandardCharsets.US_ASCII), passphrase);
    } catch (KeyException e) {
      throw new PublishException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PublishException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The keys of {@code role} among {@code keyIds} that this folder holds. */
  public List<Ed25519SigningKey> loadAvailable(String role, List<String> keyIds) {
    List<Ed25519SigningKey> keys = new ArrayList<>();
    for (String id : keyIds) {
      if (Files.isRegularFile(file(role, id))) {
        keys.add(load(role, id));
      }
    }
    return keys;
  }

  /**
   * How many of the keys of {@code role} among {@code keyIds} this folder holds, without reading
   * them: cheap enough to ask often, and asking needs no passphrase.
   */
  public int countPresent(String role, List<String> keyIds) {
    return (int) keyIds.stream().filter(id -> Files.isRegularFile(file(role, id))).count();
  }

  /** Whether the folder holds any key of {@code role}. */
  public boolean hasKeys(String role) {
    Path roleDir = dir.resolve(role);
    if (!Files.isDirectory(roleDir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(roleDir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves a key that no longer signs to {@code retired/}, out of everyday use. */
  public void retire(String role, String keyId) {
    Path file = file(role, keyId);
    if (!Files.exists(file)) {
      return;
    }
    Path retired = dir.resolve(role).resolve("retired");
    AtomicFiles.createPrivateDirectories(retired);
    try {
      Files.move(file, retired.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot retire " + file, e);
    }
  }

  /**
   * Retires every key of {@code role} but {@code kept}: the keys a rotation killed before or after
   * its new root left in everyday use.
   */
  public void retireAllBut(String role, List<String> kept) {
    Path roleDir = dir.resolve(role);
    if (!Files.isDirectory(roleDir)) {
      return;
    }
    List<String> held;
    try (Stream<Path> files = Files.list(roleDir)) {
      held =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".pem"))
              .map(n -> n.substring(0, n.length() - ".pem".length()))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + roleDir, e);
    }
    held.stream().filter(id -> !kept.contains(id)).forEach(id -> retire(role, id));
  }

  private Path file(String role, String keyId) {
    return dir.resolve(role).resolve(keyId + ".pem");
  }
}
