package io.mtapi.harness.suites.robustness;

import io.mtapi.harness.api.ApiResponse;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/** What the contract lets a target answer to a probe. None of them is a 5xx. */
enum Expectation {
    /** 422 with the contract's validation body: the request is malformed (CONTRACT.md section 1). */
    VALIDATION_ERROR {
        @Override
        void check(ApiResponse response, String probe) {
            assertThat(response).as(probe).isNotServerError().isValidationError();
        }
    },
    /** Any 4xx with a detail: the contract names no single status (415 and 422 both fit a foreign Content-Type). */
    CLIENT_ERROR {
        @Override
        void check(ApiResponse response, String probe) {
            assertThat(response).as(probe).isClientError();
        }
    },
    /** Input that may well be valid (unicode, a huge page number): accepted, or refused with a 4xx, never broken on. */
    ACCEPTED_OR_CLIENT_ERROR {
        @Override
        void check(ApiResponse response, String probe) {
            assertThat(response).as(probe).isNotServerError();
            if (response.status() >= 300) {
                assertThat(response).as(probe).isClientError();
            }
        }
    };

    abstract void check(ApiResponse response, String probe);
}
