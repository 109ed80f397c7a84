package dev.products.platform.store;

/** A page of a list by offset, as every list operation takes it. */
public record PageRequest(int limit, long offset) {}
