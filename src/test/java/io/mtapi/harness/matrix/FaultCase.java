package io.mtapi.harness.matrix;

import io.mtapi.harness.reference.Fault;

import java.util.Set;

/**
 * One row of the detection matrix: switch these faults on in a fresh reference target,
 * run the suite of {@code tag}, expect at least one failure.
 *
 * @param name        what the row is called in the matrix
 * @param tag         the suite that must catch it
 * @param faults      fault names for {@code reference.faults}; empty changes nothing
 * @param description the defect, in one line
 */
public record FaultCase(String name, String tag, Set<String> faults, String description) {

    public static FaultCase of(Fault fault) {
        return new FaultCase(fault.name(), fault.tag(), Set.of(fault.name()), fault.description());
    }
}
