package dev.alize.consumer.http;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.Names;
import dev.alize.common.text.TextRule;
import dev.alize.common.version.SemanticVersion;
import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The validators of the constraints of the API's bodies. Null passes all of them but {@link
 * FlowValue}: whether a field is required is {@code @NotNull}'s to say.
 */
@Factory
final class BodyValidators {

  private static final String FLOW_STYLE =
      "must be a string in YAML flow style (as \"3128\" or \"[a, b]\")";

  @Singleton
  ConstraintValidator<PlainText, CharSequence> plainText() {
    return (value, annotation, context) -> value == null || isPlain(value);
  }

  @Singleton
  ConstraintValidator<ModelReference, CharSequence> modelReference() {
    return (value, annotation, context) -> {
      if (value == null) {
        return true;
      }
      String text = value.toString();
      try {
        ModelRef.parse(text);
        return true;
      } catch (IllegalArgumentException e) {
        return refuse(context, e.getMessage().replace(text, ApiParameters.shorten(text)));
      }
    };
  }

  @Singleton
  ConstraintValidator<DatasourceName, CharSequence> datasourceName() {
    return (value, annotation, context) ->
        value == null
            || Names.DATASOURCE.isValid(value.toString())
            || refuse(
                context,
                "invalid "
                    + Names.DATASOURCE.what()
                    + " name '"
                    + ApiParameters.shorten(value.toString())
                    + "': "
                    + Names.DATASOURCE.explanation());
  }

  @Singleton
  ConstraintValidator<VersionText, CharSequence> versionText() {
    return (value, annotation, context) ->
        value == null
            || SemanticVersion.find(value.toString()).isPresent()
            || refuse(
                context,
                "'"
                    + ApiParameters.shorten(value.toString())
                    + "' is not a version: write MAJOR.MINOR.PATCH, as 2.0.0");
  }

  @Singleton
  ConstraintValidator<FlowValue, Object> flowValue() {
    return (value, annotation, context) -> {
      if (value instanceof String text) {
        if (text.length() > BodyLimits.MAX_TEXT) {
          return refuse(
              context, "at most " + BodyLimits.MAX_TEXT + " characters, not " + text.length());
        }
        return isPlain(text) || refuse(context, BodyLimits.NOT_PLAIN);
      }
      if (value instanceof Boolean
          || value instanceof Integer
          || value instanceof Long
          || value instanceof BigInteger) {
        return true;
      }
      return refuse(context, FLOW_STYLE + ", not " + kind(value));
    };
  }

  /**
   * The value with a problem of its own: the default message is replaced, its template escaped
   * since it repeats what the client sent.
   */
  private static boolean refuse(ConstraintValidatorContext context, String message) {
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(escaped(message)).addConstraintViolation();
    return false;
  }

  private static String escaped(String message) {
    return message
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("$", "\\$");
  }

  /** Without control characters (line breaks and tabs aside) and lone surrogates. */
  /** Text as {@link TextRule} has it, the same rule as the datasources' and the values'. */
  static boolean isPlain(CharSequence text) {
    return TextRule.problem(text.toString()).isEmpty();
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return value instanceof Number ? "a number" : "a value of another kind";
  }
}
