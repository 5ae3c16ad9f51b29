package io.mtapi.harness.api;

/** 200 body of login and refresh. {@link #toString()} hides the tokens. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, Long expiresIn) {

    @Override
    public String toString() {
        return "TokenPair[accessToken=***, refreshToken=***, tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
