package io.mtapi.harness.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * Measures what one password hash costs on this machine at a bcrypt cost, for the
 * benchmark's floor: {@code ./mvnw -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.mtapi.harness.bench.HashCost -Dcost=12}. Prints milliseconds.
 */
public final class HashCost {

    private HashCost() {
    }

    public static void main(String[] args) {
        int cost = Integer.getInteger("cost", 12);
        char[] password = "benchmark-password-1A!".toCharArray();
        BCrypt.withDefaults().hash(cost, password); // warm-up
        int rounds = 5;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            BCrypt.withDefaults().hash(cost, password);
        }
        System.out.printf("%.1f%n", (System.nanoTime() - start) / 1e6 / rounds);
    }
}
