package dev.alize.consumer.store;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.util.Map;

/** A map of strings stored as its JSON text. */
@Singleton
public final class JsonMap implements AttributeConverter<Map<String, String>, String> {

  @Override
  public String convertToPersistedValue(Map<String, String> map, ConversionContext context) {
    return map == null ? null : Json.write(map);
  }

  @Override
  public Map<String, String> convertToEntityValue(String json, ConversionContext context) {
    return json == null ? null : Json.map(json);
  }
}
