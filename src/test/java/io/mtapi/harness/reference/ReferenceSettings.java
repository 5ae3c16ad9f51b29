package io.mtapi.harness.reference;
import java.time.Duration; import java.util.*;
/** TEMPORARY STUB */
public record ReferenceSettings(String jwtSecret, Duration accessTokenTtl, Duration refreshTokenTtl, int bcryptCost, int rateLimitBudget, Duration rateLimitWindow, int maxPageSize, long maxFileBytes, List<String> allowedContentTypes, Set<Fault> faults) {
  public static ReferenceSettings defaults() { return null; }
}
