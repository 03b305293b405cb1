package dev.alize.publisher.http;

/**
 * What a GET or HEAD of a repository file is answered: a status, and for 200 and 304 the headers
 * that describe the file.
 *
 * @param etag the strong entity tag, null for 400 and 404
 * @param expires the {@code Expires} date, as an HTTP date
 * @param lastModified the {@code Last-Modified} date, as an HTTP date
 * @param contentType null but for 200
 * @param body the file to send, null but for a 200 to a GET; the receiver closes it
 */
record FileAnswer(
    int status,
    String etag,
    String cacheControl,
    String expires,
    String lastModified,
    String contentType,
    long contentLength,
    RepositoryFile body) {

  static final String NO_SNIFF_NAME = "X-Content-Type-Options";
  static final String NO_SNIFF = "nosniff";

  static FileAnswer status(int status) {
    return new FileAnswer(status, null, null, null, null, null, 0, null);
  }

  /** Whether the answer describes a file: 200 or 304. */
  boolean describesFile() {
    return etag != null;
  }
}
