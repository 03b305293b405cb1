package dev.alize.consumer.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text without control characters (but newlines and tabs) and without lone surrogates, as {@link
 * dev.alize.common.text.TextRule} has it. Checked by {@link BodyValidators}.
 */
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Constraint(validatedBy = {})
@interface PlainText {
  String message() default BodyLimits.NOT_PLAIN;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
