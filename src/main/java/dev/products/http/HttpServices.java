package dev.products.http;

import dev.products.Observability;
import dev.products.auth.AccessTokens;
import dev.products.auth.PasswordHasher;
import dev.products.http.auth.LoginThrottle;
import dev.products.http.live.LiveUpdates;
import dev.products.http.live.SocketAuthentication;
import dev.products.http.ratelimit.RateLimits;

/** What one HTTP verticle instance builds once at start and its handlers share. */
public record HttpServices(
    PasswordHasher passwords,
    AccessTokens accessTokens,
    RateLimits rateLimits,
    LoginThrottle loginThrottle,
    Observability observability,
    SocketAuthentication socketAuthentication,
    LiveUpdates live) {}
