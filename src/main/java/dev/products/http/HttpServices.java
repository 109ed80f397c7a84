package dev.products.http;

import dev.products.Observability;
import dev.products.auth.AccessTokens;
import dev.products.auth.LoginThrottle;
import dev.products.auth.PasswordHasher;
import dev.products.live.LiveUpdates;
import dev.products.ratelimit.RateLimits;

/** What one HTTP verticle instance builds once at start and its handlers share. */
public record HttpServices(
    PasswordHasher passwords,
    AccessTokens accessTokens,
    RateLimits rateLimits,
    LoginThrottle loginThrottle,
    Observability observability,
    LiveUpdates live) {}
