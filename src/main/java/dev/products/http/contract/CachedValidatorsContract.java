package dev.products.http.contract;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract as the router's request validator sees it, with one change: a schema's validator is
 * built once and reused. vertx-openapi 5.0 asks the schema repository for a new validator for every
 * parameter and body of every request, and each one copies the repository's whole lookup table;
 * profiling showed that copy as the largest single cost of a list request. Validators hold no
 * per-call state, and a contract's schemas are immutable objects, so they are cached by identity.
 */
public final class CachedValidatorsContract implements OpenAPIContract {

  private final OpenAPIContract contract;
  private final SchemaRepository schemas;

  private CachedValidatorsContract(OpenAPIContract contract) {
    this.contract = contract;
    this.schemas = new CachingRepository(contract.getSchemaRepository());
  }

  public static OpenAPIContract of(OpenAPIContract contract) {
    return new CachedValidatorsContract(contract);
  }

  @Override
  public SchemaRepository getSchemaRepository() {
    return schemas;
  }

  @Override
  public Operation operation(String operationId) {
    return contract.operation(operationId);
  }

  @Override
  public List<Operation> operations() {
    return contract.operations();
  }

  @Override
  public List<Path> getPaths() {
    return contract.getPaths();
  }

  @Override
  public JsonObject getRawContract() {
    return contract.getRawContract();
  }

  @Override
  public OpenAPIVersion getVersion() {
    return contract.getVersion();
  }

  @Override
  public List<Server> getServers() {
    return contract.getServers();
  }

  @Override
  public Path findPath(String urlPath) {
    return contract.findPath(urlPath);
  }

  @Override
  public Operation findOperation(String urlPath, HttpMethod method) {
    return contract.findOperation(urlPath, method);
  }

  @Override
  public List<SecurityRequirement> getSecurityRequirements() {
    return contract.getSecurityRequirements();
  }

  @Override
  public SecurityScheme securityScheme(String name) {
    return contract.securityScheme(name);
  }

  /** Identity, not equality: a schema's equals and hashCode would walk the whole JSON tree. */
  private record SchemaKey(JsonSchema schema) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SchemaKey key && key.schema == schema;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema);
    }
  }

  /**
   * A validator that cannot throw on input: vertx-json-schema's e-mail format check, for one,
   * indexes into the string and throws on {@code ""}. What the validator cannot read is not valid,
   * and a client's invalid value is a 400, never a 500.
   */
  private record InputSafeValidator(Validator validator) implements Validator {
    @Override
    public OutputUnit validate(Object instance) {
      try {
        return validator.validate(instance);
      } catch (SchemaException broken) {
        throw broken;
      } catch (RuntimeException unreadable) {
        OutputUnit reason =
            new OutputUnit("", "", "", "is not a valid value", OutputErrorType.INVALID_VALUE);
        return new OutputUnit(false).addError(reason);
      }
    }
  }

  private static final class CachingRepository implements SchemaRepository {

    private final SchemaRepository repository;
    private final Map<SchemaKey, Validator> validators = new ConcurrentHashMap<>();

    CachingRepository(SchemaRepository repository) {
      this.repository = repository;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      return validators.computeIfAbsent(
          new SchemaKey(schema), key -> new InputSafeValidator(repository.validator(key.schema())));
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
      return repository.dereference(schema);
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
      return repository.dereference(uri, schema);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      return repository.preloadMetaSchema(fs);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      return repository.preloadMetaSchema(fs, draft);
    }

    @Override
    public Validator validator(String ref) {
      return repository.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return repository.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return repository.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return repository.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return repository.find(pointer);
    }
  }
}
