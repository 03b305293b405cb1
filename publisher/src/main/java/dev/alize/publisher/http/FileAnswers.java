package dev.alize.publisher.http;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a GET or HEAD of a repository file is answered, from the file and the request's conditional
 * headers: one place for both {@link RepositoryFileController} and {@link MetadataPollHandler}, so
 * that the two give the same answer to the same request.
 */
@Singleton
final class FileAnswers {

  private final RepositoryFiles files;

  /** One per policy: each gives every response of the same second the same date. */
  private final Map<CachePolicy, HttpDates> expires = new EnumMap<>(CachePolicy.class);

  private final HttpDates lastModified = new HttpDates();

  FileAnswers(RepositoryFiles files) {
    this.files = files;
    for (CachePolicy policy : CachePolicy.values()) {
      expires.put(policy, new HttpDates());
    }
  }

  /**
   * @param withBody whether the request is a GET, whose 200 carries the file
   * @param ifNoneMatch every {@code If-None-Match} header of the request
   * @param ifModifiedSince its first {@code If-Modified-Since}, or null
   */
  FileAnswer answer(
      RepositoryArea area,
      String path,
      boolean withBody,
      List<String> ifNoneMatch,
      String ifModifiedSince)
      throws IOException {
    Optional<RepositoryFile> found;
    try {
      found = files.open(area, path);
    } catch (InvalidRequestPathException e) {
      return FileAnswer.status(400);
    }
    if (found.isEmpty()) {
      return FileAnswer.status(404);
    }
    RepositoryFile file = found.get();
    boolean handedOn = false;
    try {
      String etag = file.etag();
      boolean notModified =
          ConditionalRequests.notModified(
              ifNoneMatch, HttpDates.parse(ifModifiedSince), etag, file.lastModified());
      CachePolicy policy = file.cachePolicy();
      String expiresAt =
          expires.get(policy).format(System.currentTimeMillis() + policy.maxAge().toMillis());
      String modified = lastModified.format(file.lastModified().toEpochMilli());
      if (notModified) {
        return new FileAnswer(304, etag, policy.cacheControl(), expiresAt, modified, null, 0, null);
      }
      handedOn = withBody;
      return new FileAnswer(
          200,
          etag,
          policy.cacheControl(),
          expiresAt,
          modified,
          file.contentType(),
          file.size(),
          withBody ? file : null);
    } finally {
      if (!handedOn) {
        closeQuietly(file);
      }
    }
  }

  static void closeQuietly(RepositoryFile file) {
    try {
      file.close();
    } catch (IOException e) {
      // Only read from: nothing to lose.
    }
  }
}
