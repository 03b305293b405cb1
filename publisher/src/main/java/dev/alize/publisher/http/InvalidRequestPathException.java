package dev.alize.publisher.http;

/** A requested path that can never name a repository file: answered 400, never resolved. */
public final class InvalidRequestPathException extends RuntimeException {

  public InvalidRequestPathException(String message) {
    super(message);
  }
}
