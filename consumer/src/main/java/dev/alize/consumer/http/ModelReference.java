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
 * A reference to an upstream model, as {@code DATASOURCE/RELEASE/MODEL}. Checked by {@link
 * BodyValidators}.
 */
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Constraint(validatedBy = {})
@interface ModelReference {
  String message() default "not a model reference";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
