package dev.products.jobs;

import io.vertx.core.json.JsonObject;

/** A claimed job, as its handler sees it. */
public record Job(long id, String kind, JsonObject payload, int attempt, int maxAttempts) {}
