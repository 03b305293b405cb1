package dev.alize.common.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.PublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A site's request to report: its identity and label, the public half of the key that will sign its
 * reports, and the one-time token a maintainer issued for that label.
 *
 * @param publicKey an Ed25519 key, as 64 hexadecimal digits
 */
public record SiteEnrolment(String site, String label, String publicKey, String token) {

  /** The largest enrolment read, in bytes. */
  public static final int MAX_BYTES = 4096;

  private static final Pattern IDENTITY = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,200}");

  /** Anything after the object is refused: what is signed is the object, and nothing else. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /** The key that verifies the site's reports. */
  public PublicKey key() {
    return PublicKey.ed25519(HexFormat.of().parseHex(publicKey));
  }

  public byte[] toBytes() {
    ObjectNode json = JSON.createObjectNode();
    json.put("site", site).put("label", label).put("public_key", publicKey).put("token", token);
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an enrolment as received.
   *
   * @throws InvalidReportException naming the field at fault
   */
  public static SiteEnrolment parse(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw new InvalidReportException("an enrolment is at most " + MAX_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidReportException("an enrolment is a JSON object: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (json == null || !json.isObject()) {
      throw new InvalidReportException("an enrolment is a JSON object");
    }
    Set<String> known = Set.of("site", "label", "public_key", "token");
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidReportException(
            "unknown field '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'");
      }
    }
    String label = SiteLabel.check(text(json, "label"), "label");
    return new SiteEnrolment(
        matching(json, "site", IDENTITY, "32 lowercase hexadecimal digits"),
        label,
        matching(json, "public_key", KEY, "an Ed25519 key as 64 lowercase hexadecimal digits"),
        matching(json, "token", TOKEN, "an enrolment token"));
  }

  private static String matching(JsonNode json, String field, Pattern pattern, String what) {
    String text = text(json, field);
    if (!pattern.matcher(text).matches()) {
      throw new InvalidReportException("'" + field + "' must be " + what);
    }
    return text;
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new InvalidReportException("'" + field + "' must be a string");
    }
    return value.textValue();
  }
}
