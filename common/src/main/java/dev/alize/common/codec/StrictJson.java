package dev.alize.common.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reads JSON that will be verified or hashed: duplicate keys, floating-point numbers, trailing
 * content and deep nesting are refused, because each would let two readers see different values in
 * the same signed bytes.
 */
public final class StrictJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(20)
                .maxStringLength(16 * 1024 * 1024)
                .build());
  }

  private StrictJson() {}

  /**
   * Parses {@code bytes}.
   *
   * @throws MalformedJsonException naming what is wrong and where
   */
  public static JsonNode parse(byte[] bytes) {
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      node = MAPPER.readTree(parser);
    } catch (IOException e) {
      throw new MalformedJsonException(message(e), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new MalformedJsonException("no JSON value", null);
    }
    refuseNonCanonical(node);
    return node;
  }

  private static String message(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        ? j.getOriginalMessage()
            + (j.getLocation() == null
                ? ""
                : " at line "
                    + j.getLocation().getLineNr()
                    + ", column "
                    + j.getLocation().getColumnNr())
        : e.getMessage();
  }

  /** Floats and unpaired surrogates (which UTF-8 cannot encode) have no canonical form. */
  private static void refuseNonCanonical(JsonNode node) {
    if (node.isFloatingPointNumber()) {
      throw new MalformedJsonException(
          "floating-point number " + node + " is not allowed in canonical JSON", null);
    }
    if (node.isTextual() && CanonicalJson.hasUnpairedSurrogate(node.textValue())) {
      throw new MalformedJsonException("a string holds an unpaired UTF-16 surrogate", null);
    }
    for (JsonNode child : node) {
      refuseNonCanonical(child);
    }
  }

  /** Mapper for writing trees built by this project. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** JSON that cannot be trusted to mean one thing. */
  public static final class MalformedJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message, Throwable cause) {
      super("malformed JSON: " + message, cause);
    }
  }
}
