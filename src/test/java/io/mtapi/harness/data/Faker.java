package io.mtapi.harness.data;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Datafaker, one instance per thread (Faker is not documented as thread-safe). */
final class Faker {

    private static final ThreadLocal<net.datafaker.Faker> FAKER =
            ThreadLocal.withInitial(() -> new net.datafaker.Faker(Locale.ENGLISH, new Random(ThreadLocalRandom.current().nextLong())));

    private Faker() {
    }

    static net.datafaker.Faker get() {
        return FAKER.get();
    }

    /** Lower-case letters only, at most {@code max} long, never empty. */
    static String slug(String text, int max) {
        String letters = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (letters.isEmpty()) {
            letters = "x";
        }
        return letters.substring(0, Math.min(max, letters.length()));
    }
}
