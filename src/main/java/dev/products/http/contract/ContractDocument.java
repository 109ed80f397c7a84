package dev.products.http.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the YAML contract into JSON, the form the OpenAPI tooling works on. */
public final class ContractDocument {

  private ContractDocument() {}

  public static JsonObject parse(String yaml) {
    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(document instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("the contract is not a YAML mapping");
    }
    return new JsonObject(jsonMap(map));
  }

  private static Map<String, Object> jsonMap(Map<?, ?> yaml) {
    Map<String, Object> json = new LinkedHashMap<>();
    yaml.forEach((key, value) -> json.put(String.valueOf(key), jsonValue(value)));
    return json;
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return new JsonObject(jsonMap(map));
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(jsonValue(item)));
      return array;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return value;
  }
}
