package io.mtapi.harness.api;

import java.util.List;

/** The contract's page object (CONTRACT.md section 4). */
public record Page<T>(List<T> data, Integer page, Integer pageSize, Long totalCount, Boolean hasNext, Boolean hasPrev) {
}
