package io.mtapi.harness.api;

/** 201 body of {@code POST /auth/register}. */
public record RegisterResult(String message, String tenantId, String adminUserId) {
}
